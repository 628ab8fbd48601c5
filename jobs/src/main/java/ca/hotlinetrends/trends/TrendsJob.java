package ca.hotlinetrends.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.disclosure.CellSystem;
import ca.hotlinetrends.disclosure.LabelKnowledge;
import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.disclosure.MicrodataKnowledge;
import ca.hotlinetrends.disclosure.ReleaseLedger;
import ca.hotlinetrends.disclosure.SuppressionConfig;
import ca.hotlinetrends.disclosure.Vintages;
import ca.hotlinetrends.publish.Ledger;
import ca.hotlinetrends.publish.MicrodataLinks;
import ca.hotlinetrends.publish.ParquetProvenance;
import ca.hotlinetrends.publish.PrivacyCheckException;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.publish.TableProtector;
import ca.hotlinetrends.publish.TableWriter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.release.CertificateBuilder;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.tables.LinkedTable;
import ca.hotlinetrends.tables.TableBuilder;
import ca.hotlinetrends.tables.TableLinks;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trends shell: counts staged data in Spark (one pass per source for all its tables, {@link OnePassCounts}),
 * builds every count table of {@code schemas/tables/} on the driver, protects them jointly with each other and
 * with every earlier release ({@link TableProtector}), derives rates, changes and trends from the protected counts, writes it all
 * with the certificate and records the cells in the ledger.
 */
public final class TrendsJob {

    private static final Logger LOG = LoggerFactory.getLogger(TrendsJob.class);
    private static final String CASES = "cases_by_province";
    private static final String TYPES = "cases_by_trafficking_type";

    private final SparkSession spark;
    private final SchemaRegistry schemas;
    private final HotlineConfig config;
    private final Warehouse warehouse;
    private Map<String, List<String>> frequencyColumns = Map.of();
    private Map<String, List<String>> recordColumns = Map.of();
    private Runnable beforeProtection = () -> {};
    private int microdataTablesLinked;
    private String withheldExtract;
    private String withheldBefore;
    private int microdataReleasesRead;
    private final Map<String, Map<List<String>, Long>> frequencies = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<List<String>, Long>> records = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, LeastHashes> leastHashes = Map.of();
    private final Map<String, Map<String, List<OnePassCounts.Candidate>>> least =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Per year, the {@code perYear} records of least {@link OnePassCounts#leastHash(String, long) hash} of the string
     * column {@code key} with {@code seed}, ties by the key.
     */
    public record LeastHashes(String key, long seed, int perYear) {}

    public TrendsJob(SparkSession spark, SchemaRegistry schemas, HotlineConfig config, Warehouse warehouse) {
        this.spark = spark;
        this.schemas = schemas;
        this.config = config;
        this.warehouse = warehouse;
    }

    /**
     * Also counts, in the same pass over each staged dataset as its tables, how often each combination of these
     * columns occurs per quarter: what a run's microdata stage would otherwise read the staged data again for. The
     * counts are in {@link #frequencies()} after {@code run}; a dataset whose combinations cannot be numbered in a
     * long is left out (its stage counts them itself).
     *
     * @param columnsByDataset per staged dataset ({@code contacts}, {@code victims}), single-valued columns other
     *        than {@code reference_quarter}
     */
    public TrendsJob alsoCounting(Map<String, List<String>> columnsByDataset) {
        frequencyColumns = Map.copyOf(columnsByDataset);
        return this;
    }

    /**
     * Also counts, in the same pass over each of these staged datasets (which must be counted by {@link #alsoCounting}
     * too), how many records it has of each combination of all the columns its record-level extract publishes, per
     * quarter: a run's microdata stage then writes the extract from these counts instead of reading the records again.
     * The counts are in {@link #records()} after {@code run}; a dataset whose combinations cannot be numbered in a long
     * is left out (its stage reads its records).
     *
     * @param columnsByDataset per staged dataset, single-valued columns other than {@code reference_quarter}
     */
    public TrendsJob alsoCountingRecords(Map<String, List<String>> columnsByDataset) {
        recordColumns = Map.copyOf(columnsByDataset);
        return this;
    }

    /**
     * Also keeps, in the same pass over each of these staged datasets (which must be counted by {@link
     * #alsoCounting} too), its records of least hash of each year: a run's closed-year extract holds them back
     * ({@code MicrodataJob}) without reading the staged data again. They are in {@link #leastHashes()} after
     * {@code run}.
     */
    public TrendsJob alsoKeepingLeastHashes(Map<String, LeastHashes> byDataset) {
        leastHashes = Map.copyOf(byDataset);
        return this;
    }

    /**
     * What {@link #alsoKeepingLeastHashes} asked for, per dataset: per year, its records of least hash in order
     * (restricted data: the records' references and values).
     */
    public Map<String, Map<String, List<OnePassCounts.Candidate>>> leastHashes() {
        return Map.copyOf(least);
    }

    /**
     * Runs after the tables are counted (so {@link #frequencies()} is filled) and before they are protected: a run
     * writes the release's record-level extract here, so that the protection knows it. Any extract in the release
     * folder when the protection starts is linked to the tables.
     */
    public TrendsJob beforeProtection(Runnable step) {
        beforeProtection = java.util.Objects.requireNonNull(step, "step");
        return this;
    }

    /**
     * After {@code run}: why this release's record-level extract was withheld (the refusal it caused, naming cells,
     * for staff), or {@code null} when it was published or there was none.
     */
    public String withheldExtract() {
        return withheldExtract;
    }

    /**
     * This release's record-level extract was withheld before the tables were protected (by the microdata stage,
     * which wrote none): the tables are protected without it and the certificate says it was withheld. {@code reason}
     * completes "with it, ...", for staff.
     */
    public void extractWithheldBefore(String reason) {
        withheldBefore = java.util.Objects.requireNonNull(reason, "reason");
    }

    private static void deleteExtract(Path dir) {
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the withheld record-level release in " + dir, e);
        }
    }

    /**
     * What {@link #alsoCounting} asked for, per dataset counted: {@code [reference_quarter, value...]} to the number
     * of staged records up to the release with those values (values as strings, nulls kept).
     */
    public Map<String, Map<List<String>, Long>> frequencies() {
        return Map.copyOf(frequencies);
    }

    /**
     * What {@link #alsoCountingRecords} asked for, per dataset counted: {@code [reference_quarter, value...]} to the
     * number of staged records up to the release with those values (values as strings, nulls kept).
     */
    public Map<String, Map<List<String>, Long>> records() {
        return Map.copyOf(records);
    }

    /**
     * Writes the tables of a release into a staged release; the ledger entry is staged with it and recorded only
     * when the release is published ({@link StagedRelease#publish}).
     *
     * @param runId the run, recorded in every Parquet footer it writes
     */
    public TrendsResult run(Quarter release, String runId, StagedRelease staging) {
        java.util.Objects.requireNonNull(staging, "staging");
        if (!staging.release().equals(release)) {
            throw new IllegalArgumentException("staging holds release " + staging.release() + ", not " + release);
        }
        return run(release, runId, staging.dir(), staging);
    }

    private TrendsResult run(Quarter release, String runId, Path releaseDir, StagedRelease staging) {
        spark.sparkContext().setJobGroup("trends", "hotline-trends trends " + release, false);
        Map<String, Dataset<Row>> staged = new HashMap<>();
        for (String dataset : List.of("contacts", "victims")) {
            Path dir = warehouse.staged(dataset);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no staged " + dataset + " in " + dir + ": run ingest first");
            }
            Warehouse.recoverStagedSwaps(dir);
            staged.put(
                    dataset,
                    spark.read()
                            .parquet(dir.toString())
                            .where(col("reference_quarter").leq(lit(release.toString()))));
        }
        List<TableSchema> countTables =
                schemas.tables().stream().filter(TableSchema::isCountTable).toList();
        staged.put("cases", TableCounts.cases(staged.get("victims"), TableCounts.caseAttributes(countTables)));

        TableBuilder builder = new TableBuilder(schemas);
        Map<TableSchema, Map<List<String>, Long>> quarterlyByTable = new LinkedHashMap<>();
        List<LinkedTable> linked = new ArrayList<>();
        long tCount = System.nanoTime();
        Map<TableSchema, Map<List<String>, Long>> countedByTable = countAll(countTables, staged);
        LOG.info("trends {}: counted in {} s", release, String.format("%.1f", (System.nanoTime() - tCount) / 1e9));
        for (TableSchema t : countTables) {
            Map<List<String>, Long> quarterly = countedByTable.get(t);
            quarterlyByTable.put(t, quarterly);
            linked.add(builder.build(t, release, quarterly));
        }
        List<CountTable> tables = linked.stream().map(LinkedTable::table).toList();

        // Every release in the ledger, rebuilt: its cells (with the values it saw, from the restricted ledger
        // values), its relations and its ledger statuses. Cells an earlier release no longer shows again (an
        // earlier year to date, say) are attacker knowledge too. A cell whose value changed since the release
        // that last showed it (late records) is a revision: a new vintage, with the revision's size protected.
        Ledger ledger = new Ledger(warehouse);
        List<Quarter> order = new ArrayList<>(ledger.releasesOtherThan(release));
        order.add(release);
        order.sort(null);
        int current = order.indexOf(release);
        List<Map<String, Long>> valuesByRelease = new ArrayList<>();
        List<List<LinearRelation>> relationsByRelease = new ArrayList<>();
        Set<String> published = new HashSet<>();
        Set<String> suppressedEarlier = new HashSet<>();
        List<Map<String, String[]>> entries = new ArrayList<>();
        List<List<LinkedTable>> shownByRelease = new ArrayList<>();
        for (Quarter q : order) {
            List<LinkedTable> shown = q.equals(release) ? linked : new ArrayList<>();
            if (!q.equals(release)) {
                quarterlyByTable.forEach((t, quarterly) -> shown.add(builder.build(t, q, quarterly)));
            }
            shownByRelease.add(shown);
            Map<String, LinearRelation> relationsByName = new LinkedHashMap<>();
            shown.forEach(l -> l.relations().forEach(r -> relationsByName.putIfAbsent(r.name(), r)));
            TableLinks.between(shown).forEach(r -> relationsByName.putIfAbsent(r.name(), r));
            relationsByRelease.add(new ArrayList<>(relationsByName.values()));
            Map<String, Long> values = new LinkedHashMap<>();
            shown.forEach(l ->
                    l.table().cells().forEach(c -> values.put(l.table().cellId(c), c.count())));
            entries.add(q.equals(release) ? Map.of() : ledger.entry(q));
            if (!q.equals(release)) {
                valuesByRelease.add(valuesThen(ledger, q, values, entries.get(entries.size() - 1)));
            } else {
                valuesByRelease.add(values);
            }
        }
        List<Set<String>> revised = Vintages.revisedByValue(valuesByRelease);
        List<Vintages.Release> history = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            history.add(new Vintages.Release(
                    order.get(i).toString(), valuesByRelease.get(i), relationsByRelease.get(i), revised.get(i)));
        }
        Vintages vintages = Vintages.of(history);
        // Releases written before suppression labels were withdrawn told which suppressed cells were small counts:
        // that is attacker knowledge for ever (LabelKnowledge).
        LabelKnowledge labels = new LabelKnowledge();
        Set<String> labelledSmall = new java.util.TreeSet<>();
        Set<Quarter> labelledReleases = new java.util.TreeSet<>();
        for (int i = 0; i < order.size(); i++) {
            if (i == current) {
                continue;
            }
            int m = ReleaseCertificate.readIfPresent(warehouse.release(order.get(i)))
                    .map(c -> c.tableProtection().minCellCount())
                    .orElse(config.privacy().minCellCount());
            for (Map.Entry<String, String[]> e : entries.get(i).entrySet()) {
                String id = vintages.idOf(i, e.getKey());
                (e.getValue()[0].equals(CellStatus.PUBLISHED.code()) ? published : suppressedEarlier).add(id);
                CellStatus.Legacy label = CellStatus.legacy(e.getValue()[0]);
                if (label != CellStatus.Legacy.NONE) {
                    labelledReleases.add(order.get(i));
                    long value = valuesByRelease.get(i).get(e.getKey());
                    if (label == CellStatus.Legacy.SMALL_COUNT) {
                        labels.smallCount(id, m, value);
                        labelledSmall.add(id);
                    } else {
                        labels.notSmallCount(id, m, value);
                    }
                }
            }
        }
        suppressedEarlier.removeAll(published);
        labelledSmall.removeAll(published);
        if (!labelledSmall.isEmpty() && !config.privacy().allowWeakerProtection()) {
            throw new PrivacyCheckException("releases " + labelledReleases + " were published with suppression labels: "
                    + labelledSmall.size() + " cells they labelled small counts are known to lie between 1 and the "
                    + "minimum cell count minus 1, narrower than the protection width, and nothing published now can "
                    + "widen that; nothing was published. See README, 'Warehouses that published labelled releases': "
                    + "set privacy.allow_weaker_protection: true to publish with those cells kept as attacker knowledge "
                    + "but not held to the width (recorded in certificate.json under overrides)");
        }
        // The record-level releases are attacker knowledge too: this release's (written before its tables are
        // protected, see beforeProtection) and every earlier one's, read back from their published files.
        beforeProtection.run();
        long tJoint = System.nanoTime();
        MicrodataKnowledge earlierExtracts = new MicrodataKnowledge();
        MicrodataKnowledge currentExtract = new MicrodataKnowledge();
        int extractsRead = 0;
        for (int i = 0; i < order.size(); i++) {
            Path dir = i == current ? releaseDir : warehouse.release(order.get(i));
            List<MicrodataLinks.Extract> extracts = MicrodataLinks.extracts(dir);
            if (!extracts.isEmpty()) {
                extractsRead++;
                int index = i;
                MicrodataLinks.link(
                        i == current ? currentExtract : earlierExtracts,
                        schemas,
                        order.get(i),
                        order.get(i).toString(),
                        shownByRelease.get(i),
                        id -> vintages.idOf(index, id),
                        extracts);
            }
        }
        Map<String, Long> earlierValues =
                earlierExtracts.isEmpty() ? Map.of() : earlierExtracts.values(vintages.values());
        Map<String, Long> currentValues =
                currentExtract.isEmpty() ? Map.of() : currentExtract.values(vintages.values());
        LOG.info(
                "trends {}: {} record-level releases linked to {} tables ({} auxiliary cells, {} relations) in {} s",
                release,
                extractsRead,
                earlierExtracts.tablesLinked() + currentExtract.tablesLinked(),
                earlierExtracts.constants().size()
                        + earlierExtracts.unknowns().size()
                        + currentExtract.constants().size()
                        + currentExtract.unknowns().size(),
                earlierExtracts.relations().size() + currentExtract.relations().size(),
                String.format("%.1f", (System.nanoTime() - tJoint) / 1e9));
        java.util.function.Function<Boolean, CellSystem> systemWith = withCurrent -> {
            CellSystem.Builder system = CellSystem.builder();
            vintages.addTo(system);
            Set<String> publishedEarlier = new HashSet<>(published);
            Set<String> hidden = new HashSet<>(suppressedEarlier);
            labels.addTo(system, publishedEarlier, hidden);
            if (!earlierExtracts.isEmpty()) {
                earlierExtracts.addTo(system, earlierValues, publishedEarlier, hidden);
            }
            if (withCurrent && !currentExtract.isEmpty()) {
                currentExtract.addTo(system, currentValues, publishedEarlier, hidden);
            }
            system.exemptFromWidth(labelledSmall);
            system.ledger(new ReleaseLedger(publishedEarlier, hidden));
            return system.build();
        };
        int revisedCells = revised.get(current).size();
        LOG.info(
                "trends {}: {} tables, {} cells, {} vintages in all, {} relations, {} other releases, {} cells revised now, "
                        + "{} revisions in all",
                release,
                tables.size(),
                tables.stream().mapToInt(t -> t.cells().size()).sum(),
                vintages.values().size(),
                vintages.relations().size(),
                order.size() - 1,
                revisedCells,
                vintages.revisions().size());

        SuppressionConfig suppression = SuppressionConfig.builder()
                .minCellCount(config.privacy().minCellCount())
                .protectionWidth(config.privacy().protectionWidth())
                .build();
        long t0 = System.nanoTime();
        TableProtector.Protected result;
        withheldExtract = withheldBefore;
        try {
            // With this release's records linked, a cell that cannot be protected means the records are withheld:
            // the search stops at the first such cell rather than trying every other.
            result = new TableProtector(suppression)
                    .protect(
                            tables,
                            id -> vintages.idOf(current, id),
                            systemWith.apply(true),
                            !currentExtract.isEmpty());
        } catch (PrivacyCheckException e) {
            if (currentExtract.isEmpty()) {
                throw e;
            }
            // The records of this release give back table cells no suppression of table cells can hide (their
            // counts, alone or differenced with an earlier release's records). Fail closed on the records: the
            // extract is withheld from this release, and the tables are protected against everything else.
            withheldExtract = e.getMessage();
            LOG.warn("trends {}: the record-level release is withheld: with it, {}", release, e.getMessage());
            deleteExtract(releaseDir.resolve("microdata"));
            result = new TableProtector(suppression)
                    .protect(tables, id -> vintages.idOf(current, id), systemWith.apply(false));
            extractsRead--;
        }
        microdataReleasesRead = extractsRead;
        microdataTablesLinked =
                earlierExtracts.tablesLinked() + (withheldExtract == null ? currentExtract.tablesLinked() : 0);
        LOG.info(
                "trends {}: protection and audit in {} s; audit: {} linear programs, {} integer programs (fractional "
                        + "LP vertices) for {} bounds",
                release,
                String.format("%.1f", (System.nanoTime() - t0) / 1e9),
                result.audit().lpsSolved(),
                result.audit().integerPrograms(),
                2 * result.audit().cells().size());

        long tWrite = System.nanoTime();
        Path tablesDir = releaseDir.resolve("tables");
        try {
            Files.createDirectories(tablesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tablesDir, e);
        }
        Map<String, CountTable> byName = new LinkedHashMap<>();
        Map<TableSchema, List<Object[]>> countRows = new LinkedHashMap<>();
        for (int i = 0; i < linked.size(); i++) {
            TableSchema schema = linked.get(i).schema();
            CountTable protectedTable = result.tables().get(i);
            byName.put(schema.table(), protectedTable);
            countRows.put(schema, TableWriter.rows(schema, protectedTable));
        }
        writeAll(countRows, tablesDir);
        ca.hotlinetrends.warehouse.FaultPoints.reachUnchecked("tables-write", "the derived tables in " + tablesDir);
        CountTable cases = byName.get(CASES);
        List<String> provincesAndCanada =
                new ArrayList<>(schemas.codeList("province").codes());
        provincesAndCanada.add("CA");
        Map<TableSchema, List<Object[]>> derivedRows = new LinkedHashMap<>();
        derivedRows.put(schemas.table("rates_by_province"), DerivedTables.rates(cases, schemas.population()));
        List<String> types =
                new ArrayList<>(schemas.codeList("trafficking_type").codes());
        types.add(schemas.table(TYPES).categoryDimensions().get(0).totalCode());
        List<Object[]> byProvince = DerivedTables.changes(cases, release, provincesAndCanada);
        List<Object[]> byType = DerivedTables.changes(byName.get(TYPES), release, types);
        DerivedTables.adjustJointly(List.of(byProvince, byType));
        derivedRows.put(schemas.table("changes_by_province"), byProvince);
        derivedRows.put(schemas.table("changes_by_trafficking_type"), byType);
        derivedRows.put(schemas.table("trend_by_province"), DerivedTables.trends(cases, release, provincesAndCanada));
        writeAll(derivedRows, tablesDir);
        for (TableSchema t : schemas.tables()) {
            ParquetProvenance.stamp(
                    tablesDir.resolve(t.table()),
                    ParquetProvenance.Provenance.table(
                            release.toString(), t.version(), config.privacy().minCellCount(), runId));
        }
        LOG.info(
                "trends {}: tables written in {} s",
                release,
                String.format("%.1f", (System.nanoTime() - tWrite) / 1e9));
        staging.deferLedger(ledger.stage(release, result.tables(), staging.runId()));

        int cells = tables.stream().mapToInt(t -> t.cells().size()).sum();
        long primary = countStatus(result.tables(), CountTable.Status.SUPPRESSED_PRIMARY);
        long secondary = countStatus(result.tables(), CountTable.Status.SUPPRESSED_SECONDARY);
        Set<String> revisedPeriods = new java.util.TreeSet<>();
        int revisedPublished = 0;
        for (CountTable t : result.tables()) {
            int period = t.dimensions().indexOf("period");
            for (CountTable.Cell c : t.cells()) {
                if (revised.get(current).contains(t.cellId(c))) {
                    revisedPeriods.add(c.key().get(period));
                    revisedPublished += c.published() == null ? 0 : 1;
                }
            }
        }
        double narrowest = result.audit().narrowestRange();
        CertificateBuilder cert = CertificateBuilder.open(releaseDir)
                .release(release.toString())
                .tableProtection(new CertificateBuilder.TableProtection(
                        config.privacy().minCellCount(),
                        config.privacy().protectionWidth(),
                        tables.size(),
                        cells,
                        vintages.relations().size(),
                        primary + secondary))
                .revisions(revisedPeriods, revisedPublished)
                // Published: the narrowest integer range over every suppressed cell, which anyone can recompute
                // from the published tables.
                .audit(new CertificateBuilder.Audit(
                        result.audit().passed(),
                        result.audit().narrowestRangeOfAnySuppressedCell(),
                        microdataReleasesRead,
                        microdataTablesLinked));
        if (withheldExtract != null) {
            cert.anonymizationWithheld();
        }
        List<String> overrides = new ArrayList<>(config.privacy().overrides());
        if (!labelledSmall.isEmpty()) {
            overrides.add(
                    labelledSmall.size() + " cells labelled small counts by releases " + labelledReleases
                            + " (published with suppression labels) are attacker knowledge but not held to the protection width");
        }
        Path certificate =
                cert.ledgerVersion(release + ".csv").overrides(overrides).write(releaseDir);
        List<String> written = new ArrayList<>(byName.keySet());
        written.addAll(List.of(
                "rates_by_province", "changes_by_province", "changes_by_trafficking_type", "trend_by_province"));
        return new TrendsResult(
                release.toString(),
                written,
                cells,
                (int) primary,
                (int) secondary,
                narrowest,
                certificate,
                List.copyOf(revisedPeriods),
                revisedCells);
    }

    private static long countStatus(List<CountTable> tables, CountTable.Status status) {
        return tables.stream().mapToLong(t -> t.suppressedCount(status)).sum();
    }

    /**
     * The values an earlier release saw: its restricted ledger values. A release recorded before ledger values were
     * kept is rebuilt from today's data, which is only sound when no cell it published has changed since; a changed
     * one stops the run (fail closed).
     */
    private static Map<String, Long> valuesThen(
            Ledger ledger, Quarter q, Map<String, Long> rebuilt, Map<String, String[]> entry) {
        for (String id : rebuilt.keySet()) {
            if (!entry.containsKey(id)) {
                throw new PrivacyCheckException("cell " + id + " of release " + q + " is not in the ledger: the ledger "
                        + "and the published releases disagree; nothing was published");
            }
        }
        java.util.Optional<Map<String, Long>> vintage = ledger.vintage(q);
        if (vintage.isEmpty()) {
            int changed = 0;
            for (Map.Entry<String, String[]> e : entry.entrySet()) {
                Long now = rebuilt.get(e.getKey());
                if (e.getValue()[0].equals(CountTable.Status.PUBLISHED.code())
                        && now != null
                        && now != Long.parseLong(e.getValue()[1])) {
                    changed++;
                }
            }
            if (changed > 0) {
                throw new PrivacyCheckException(changed + " cells published by release " + q + " have changed, and "
                        + "that release was recorded without its ledger values (restricted/ledger-values/" + q
                        + ".csv), so the revision cannot be protected; re-publish " + q
                        + " first. Nothing was published");
            }
            return rebuilt;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String id : rebuilt.keySet()) {
            Long then = vintage.get().get(id);
            if (then == null) {
                throw new PrivacyCheckException("cell " + id + " of release " + q + " is not in its ledger values: the "
                        + "ledger and the table schemas disagree; nothing was published");
            }
            values.put(id, then);
        }
        for (String id : entry.keySet()) {
            if (!values.containsKey(id)) {
                throw new PrivacyCheckException("cell " + id + " recorded for release " + q + " is not a cell of the "
                        + "tables as defined now: the ledger and the table schemas disagree; nothing was published");
            }
        }
        return values;
    }

    /**
     * Counts every count table in one pass per source ({@link OnePassCounts}): contacts, victims and the case-level
     * view (shared by the case tables, computed once), the three side by side from driver threads.
     */
    private Map<TableSchema, Map<List<String>, Long>> countAll(
            List<TableSchema> countTables, Map<String, Dataset<Row>> staged) {
        Map<String, List<TableSchema>> bySource = new LinkedHashMap<>();
        for (TableSchema t : countTables) {
            String source = t.counts().equals("distinct case_ref") ? "cases" : t.sourceDataset();
            bySource.computeIfAbsent(source, x -> new ArrayList<>()).add(t);
        }
        frequencies.clear();
        records.clear();
        least.clear();
        List<java.util.concurrent.Callable<Map<TableSchema, Map<List<String>, Long>>>> tasks = new ArrayList<>();
        bySource.forEach((source, tables) -> tasks.add(() -> {
            spark.sparkContext().setJobGroup("trends", "hotline-trends trends counts", false);
            Dataset<Row> data = staged.get(source);
            List<OnePassCounts.Spec> specs = new ArrayList<>(
                    tables.stream().map(t -> OnePassCounts.Spec.of(t, schemas)).toList());
            List<String> also = frequencyColumns.get(source);
            int frequenciesAt = -1;
            int recordsAt = -1;
            if (also != null) {
                OnePassCounts.Spec f = OnePassCounts.Spec.frequencies(
                        "frequencies of " + source, schemas.dataset(source), also, schemas);
                if (f.cells() != Long.MAX_VALUE) {
                    frequenciesAt = specs.size();
                    specs.add(f);
                    List<String> all = recordColumns.get(source);
                    OnePassCounts.Spec r = all == null
                            ? null
                            : OnePassCounts.Spec.frequencies(
                                    "records of " + source, schemas.dataset(source), all, schemas);
                    if (r != null && r.cells() != Long.MAX_VALUE) {
                        recordsAt = specs.size();
                        specs.add(r);
                    }
                }
            }
            // The hold-back's records of least hash ride along only with the frequencies they are taken from.
            LeastHashes keep = frequenciesAt >= 0 ? leastHashes.get(source) : null;
            if (keep != null
                    && !(data.schema().apply(keep.key()).dataType() instanceof org.apache.spark.sql.types.StringType)) {
                keep = null; // a key that is not a string: the microdata stage scans for its hold-back itself
            }
            List<OnePassCounts.Partial> partials = keep == null
                    ? OnePassCounts.partials(specs, data).collect()
                    : OnePassCounts.partials(specs, data, keep.key(), keep.seed(), keep.perYear())
                            .collect();
            List<Map<List<String>, Long>> merged = OnePassCounts.merge(specs, data, partials);
            if (frequenciesAt >= 0) {
                frequencies.put(source, merged.get(frequenciesAt));
            }
            if (recordsAt >= 0) {
                records.put(source, merged.get(recordsAt));
            }
            if (keep != null) {
                least.put(source, OnePassCounts.least(partials, keep.perYear()));
            }
            Map<TableSchema, Map<List<String>, Long>> counted = new LinkedHashMap<>();
            for (int t = 0; t < tables.size(); t++) {
                counted.put(tables.get(t), merged.get(t));
            }
            return counted;
        }));
        List<Map<TableSchema, Map<List<String>, Long>>> results;
        try {
            results = ca.hotlinetrends.spark.SideBySide.run("trends-counts", tasks);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            throw new ca.hotlinetrends.warehouse.WarehouseException(
                    "the staged data under "
                            + warehouse.restricted().resolve("staged") + " cannot be read ("
                            + cause.getClass().getSimpleName() + "; a truncated or corrupted Parquet file?): "
                            + "re-ingest the export to rebuild it. Nothing was published",
                    cause);
        }
        Map<TableSchema, Map<List<String>, Long>> counted = new LinkedHashMap<>();
        results.forEach(counted::putAll);
        Map<TableSchema, Map<List<String>, Long>> inOrder = new LinkedHashMap<>();
        countTables.forEach(t -> inOrder.put(t, counted.get(t)));
        return inOrder;
    }

    /** Writes tables side by side (each is a tiny Spark job, dominated by its scheduling); fails if any fails. */
    private void writeAll(Map<TableSchema, List<Object[]>> tables, Path tablesDir) {
        List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
        tables.forEach((schema, rows) -> tasks.add(() -> {
            TableWriter.write(spark, schema, rows, tablesDir);
            return null;
        }));
        ca.hotlinetrends.spark.SideBySide.run("trends-writes", tasks);
    }
}
