package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.anonymity.AnonymityConfig;
import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.anonymity.Anonymizer;
import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.anonymity.risk.ProsecutorRisk;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.ParquetProvenance;
import ca.hotlinetrends.release.CertificateBuilder;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.PrivacyRole;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The research microdata release: for each dataset, staged records up to the release quarter are generalised and
 * suppressed to the configured k-anonymity (optimal full-domain generalisation within the suppression limit) and
 * written to {@code published/<release>/microdata/<dataset>/} with {@code anonymization.json}; the files written are
 * then re-checked independently, and removed if the check fails. Technical references (the export's refs) and the month are dropped; each record
 * gets a new random {@code record_id}, from a seed recorded in the file, so references never link a release
 * to an export or to another release.
 */
public final class MicrodataJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MicrodataJob.class);

    private final SparkSession spark;
    private final SchemaRegistry schemas;
    private final HotlineConfig config;
    private final Warehouse warehouse;
    private static final List<String> DATASETS = List.of("victims", "contacts");
    private static final String QUARTER = "reference_quarter";

    public MicrodataJob(SparkSession spark, SchemaRegistry schemas, HotlineConfig config, Warehouse warehouse) {
        this.spark = spark;
        this.schemas = schemas;
        this.config = config;
        this.warehouse = warehouse;
    }

    /** What one dataset's release contains. */
    public record DatasetRelease(
            String dataset,
            List<String> quasiIdentifiers,
            List<Integer> levels,
            long records,
            long suppressed,
            double informationLoss,
            ProsecutorRisk riskBefore,
            ProsecutorRisk riskAfter,
            AnonymityConfig anonymity,
            List<Long> blankedValues,
            ResearchUtility.Report utility,
            List<Integer> years,
            long heldBack) {

        public long totalBlankedValues() {
            return blankedValues.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * What a run's trends pass already read for this stage, per dataset: its quasi-identifier frequencies ({@link
     * #frequencyColumns}: {@code [reference_quarter, value...]} to the staged records up to the release with them)
     * and each year's records of least hold-back hash ({@link #holdBackHashes}). A dataset not in {@code
     * frequencies} is counted, and held back, by the stage itself.
     */
    public record Counted(
            Map<String, Map<List<String>, Long>> frequencies,
            Map<String, Map<String, List<ca.hotlinetrends.trends.OnePassCounts.Candidate>>> leastHashes,
            Map<String, Map<List<String>, Long>> records) {
        public Counted {
            frequencies = Map.copyOf(frequencies);
            leastHashes = Map.copyOf(leastHashes);
            records = Map.copyOf(records);
        }

        /** Nothing counted beforehand ({@code anonymize --release}). */
        public static final Counted NONE = new Counted(Map.of(), Map.of(), Map.of());
    }

    /**
     * The columns whose counts per quarter are the whole of a dataset's record-level extract ({@link
     * #publishedColumns} without {@code reference_quarter}), for each dataset of {@link #frequencyColumns} whose
     * published columns are all single strings or booleans: counted by a run's trends pass ({@code
     * TrendsJob#alsoCountingRecords}), they let the extract be written without reading the records again. A release
     * of 10M contacts has under 200,000 distinct records; a victims' release, with lists, about as many as records.
     */
    public static Map<String, List<String>> recordColumns(SchemaRegistry schemas) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String name : frequencyColumns(schemas).keySet()) {
            DatasetSchema schema = schemas.dataset(name);
            List<String> published = publishedColumns(schema);
            boolean plain = published.stream().allMatch(c -> {
                ca.hotlinetrends.schema.FieldType t = schema.hasField(c)
                        ? schema.field(c).type()
                        : schema.derived().stream()
                                .filter(d -> d.name().equals(c))
                                .findFirst()
                                .orElseThrow()
                                .type();
                return t == ca.hotlinetrends.schema.FieldType.STRING || t == ca.hotlinetrends.schema.FieldType.BOOLEAN;
            });
            if (plain) {
                out.put(name, published.stream().filter(c -> !c.equals(QUARTER)).toList());
            }
        }
        return out;
    }

    /** The columns a dataset's record-level extract publishes, in staged order: every staged column but the technical. */
    static List<String> publishedColumns(DatasetSchema schema) {
        List<String> keep = new ArrayList<>();
        for (String c : schema.stagedColumns()) {
            boolean technical = schema.hasField(c)
                    ? schema.field(c).role() == PrivacyRole.TECHNICAL
                    : schema.derived().stream().anyMatch(d -> d.name().equals(c) && d.role() == PrivacyRole.TECHNICAL);
            if (!technical) {
                keep.add(c);
            }
        }
        return List.copyOf(keep);
    }

    /**
     * The columns whose frequencies per quarter give a dataset's frequency table and research workload ({@link
     * #run}), for each dataset whose quasi-identifiers include {@code
     * reference_quarter}: {@link #countedColumns} without the quarter.
     */
    public static Map<String, List<String>> frequencyColumns(SchemaRegistry schemas) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String name : DATASETS) {
            List<String> counted = countedColumns(schemas.dataset(name));
            if (counted.get(0).equals(QUARTER)) {
                out.put(name, counted.subList(1, counted.size()));
            }
        }
        return out;
    }

    /**
     * The columns a dataset's release counts: {@code reference_quarter} first when it is a quasi-identifier, the
     * other quasi-identifiers, the l-diversity attribute, then the other columns of the research workload. The
     * written files are read back over the same columns.
     */
    static List<String> countedColumns(DatasetSchema schema) {
        List<String> qis = schema.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
        List<String> out = new ArrayList<>();
        if (qis.contains(QUARTER)) {
            out.add(QUARTER);
        }
        qis.stream().filter(q -> !q.equals(QUARTER)).forEach(out::add);
        if (schema.anonymization().lDiversity() != null) {
            out.add(schema.anonymization().lDiversity().attribute());
        }
        for (ca.hotlinetrends.schema.ResearchQuery q : schema.researchWorkload()) {
            q.columns().keySet().stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Writes the record-level extract of a release into {@code releaseDir} (a staged release).
     *
     * @param seed seed of the per-release record ids
     * @param runId the run, recorded in every Parquet footer it writes
     * @param counted what the trends pass already read ({@link Counted#NONE} for nothing)
     */
    public List<DatasetRelease> run(Quarter release, long seed, String runId, Path releaseDir, Counted counted) {
        Path out = releaseDir.resolve("microdata");
        List<DatasetRelease> results = new ArrayList<>();
        // Closed-year extracts: the years that have ended by this release and that no other release published.
        Map<String, java.util.Set<Integer>> yearsPublished = config.privacy().closedYears()
                ? ca.hotlinetrends.publish.MicrodataLinks.yearsPublished(warehouse.published(), release)
                : Map.of();
        ObjectNode doc = RunManifest.newDocument();
        doc.put("release", release.toString());
        ObjectNode models = doc.putObject("models");
        models.put("record_level_periods", config.privacy().recordLevelPeriods());
        models.put("k", config.privacy().k());
        models.put("suppression_limit", config.privacy().suppressionLimit());
        models.put("metric", config.privacy().metric());
        models.put("local_suppression", config.privacy().localSuppression());
        models.put(
                "method",
                config.privacy().localSuppression()
                        ? "full-domain generalisation over schemas/hierarchies within each quasi-identifier's utility limit, "
                                + "the node of least weighted loss over every node within the limits; then local suppression: "
                                + "the records of classes below k (or not l-diverse) have single quasi-identifier values "
                                + "blanked ('*', a value of its own when classes are counted), cheapest blanking patterns "
                                + "first, and the records no pattern places are suppressed whole; the suppression limit bounds "
                                + "suppressed records (share of records) and blanked values (share of all quasi-identifier "
                                + "values) alike"
                        : "full-domain generalisation over schemas/hierarchies within each quasi-identifier's utility limit, "
                                + "globally optimal, plus suppression of whole equivalence classes within the suppression "
                                + "limit");
        models.put(
                "loss",
                "weighted generalised information loss: sum over records and quasi-identifiers of "
                        + "w_i * (leaves under the published value - 1) / (leaves of the hierarchy - 1), a blanked value "
                        + "or a suppressed record costing w_i, divided by (records * sum of w_i)");
        doc.put("record_id_seed", seed);
        ArrayNode datasets = doc.putArray("datasets");
        // A year too small to hold back the width withholds the whole extract of a run (which publishes its tables):
        // found from the trends pass's counts before any dataset is written, so nothing of it is left to remove.
        // The records of such a year wait for a release that can publish it with the width held back, which (no
        // record is added to a year once it has ended) only a revised export brings.
        if (config.privacy().closedYears()) {
            for (String name : DATASETS) {
                Map<List<String>, Long> truth = counted.frequencies().get(name);
                if (truth == null) {
                    continue; // counted in the dataset's own stage, which stops on it
                }
                Map<Integer, Long> perYear = perYear(truth);
                java.util.TreeSet<Integer> open =
                        openYears(perYear, release, yearsPublished.getOrDefault(name, java.util.Set.of()));
                if (!smallYears(perYear, open, config.privacy().protectionWidth())
                        .isEmpty()) {
                    throw new ca.hotlinetrends.publish.RecordsWithheldException(tooSmall(name, perYear, open));
                }
            }
        }
        // The datasets are released side by side: one's Spark jobs use the cores while the other's are planned.
        List<java.util.concurrent.Callable<DatasetRelease>> each = new ArrayList<>();
        for (String name : DATASETS) {
            each.add(() -> {
                spark.sparkContext().setJobGroup("microdata", "hotline-trends microdata " + name, false);
                // Each file carries the release's provenance in its footer from the start (no second copy to stamp it).
                return releaseOne(
                        name,
                        release,
                        seed,
                        out.resolve(name),
                        counted.frequencies().get(name),
                        counted.frequencies().containsKey(name)
                                ? counted.leastHashes().get(name)
                                : null,
                        counted.frequencies().containsKey(name)
                                ? counted.records().get(name)
                                : null,
                        yearsPublished.getOrDefault(name, java.util.Set.of()),
                        ParquetProvenance.Provenance.microdata(
                                        release.toString(),
                                        schemas.dataset(name).version(),
                                        config.privacy().k(),
                                        runId)
                                .keyValues());
            });
        }
        List<DatasetRelease> released = ca.hotlinetrends.spark.SideBySide.run("microdata", each);
        Map<String, List<Integer>> yearsByDataset = new java.util.LinkedHashMap<>();
        for (int at = 0; at < DATASETS.size(); at++) {
            String name = DATASETS.get(at);
            DatasetRelease r = released.get(at);
            if (r == null) {
                continue; // a closed-year extract with no year to publish
            }
            results.add(r);
            ObjectNode d = datasets.addObject();
            d.put("dataset", name);
            ObjectNode periods = d.putObject(ca.hotlinetrends.publish.MicrodataLinks.PERIODS);
            if (r.years() != null) {
                yearsByDataset.put(name, r.years());
                periods.put("scheme", "closed_years");
                r.years().forEach(periods.putArray("years")::add);
                periods.put("held_back_per_year", config.privacy().protectionWidth());
                periods.put(
                        "note",
                        "every record of these years as staged when this release was made, and no other: each year "
                                + "is published once, in the first release after it ends; reference_quarter is the "
                                + "year, or '*' (one of these years) where it was blanked");
            } else {
                periods.put("scheme", "cumulative");
                periods.put("up_to", release.toString());
            }
            ArrayNode qis = d.putArray("quasi_identifiers");
            ObjectNode levels = d.putObject("generalisation_levels");
            for (int i = 0; i < r.quasiIdentifiers().size(); i++) {
                qis.add(r.quasiIdentifiers().get(i));
                levels.put(r.quasiIdentifiers().get(i), r.levels().get(i));
            }
            DatasetSchema schema = schemas.dataset(name);
            if (schema.anonymization().attacker() != null) {
                d.put("attacker", schema.anonymization().attacker());
            }
            ObjectNode limits = d.putObject("utility_limits");
            for (int i = 0; i < r.quasiIdentifiers().size(); i++) {
                String qi = r.quasiIdentifiers().get(i);
                ca.hotlinetrends.schema.QuasiIdentifierLimit limit =
                        config.privacy().limit(schema, qi);
                ObjectNode l = limits.putObject(qi);
                l.put("min_level", r.anonymity().minLevelsInOrder()[i]);
                l.put("max_level", r.anonymity().maxLevelsInOrder()[i]);
                l.put("weight", r.anonymity().weightsInOrder().get(i));
                if (limit.reason() != null) {
                    l.put("reason", limit.reason());
                }
            }
            r.anonymity()
                    .lDiversity()
                    .ifPresent(l -> d.putObject("l_diversity")
                            .put("attribute", l.sensitiveAttribute())
                            .put("l", l.l())
                            .put("variant", l.variant().name().toLowerCase(java.util.Locale.ROOT)));
            d.put("records_published", r.records());
            d.put("records_suppressed", r.suppressed());
            if (r.years() != null) {
                d.put("records_held_back", r.heldBack());
                d.put(
                        "records_held_back_note",
                        "included in records_suppressed: of each year, "
                                + config.privacy().protectionWidth()
                                + " records (the protection width) are held back, chosen by a hash of a reference "
                                + "that is not published, so that no count of a year by a column published as "
                                + "recorded is given exactly by the records");
            }
            ObjectNode blanked = d.putObject("values_blanked");
            for (int i = 0; i < r.quasiIdentifiers().size(); i++) {
                blanked.put(r.quasiIdentifiers().get(i), r.blankedValues().get(i));
            }
            d.put("values_blanked_total", r.totalBlankedValues());
            d.put("information_loss", r.informationLoss());
            // The risk after protection is a function of the published records; the risk before is a statistic of
            // records that are not all published, so it stays with staff (the run's restricted record).
            risk(d.putObject("risk_after"), r.riskAfter());
        }
        if (results.isEmpty()) {
            String why = "no year has ended since the record-level extracts of earlier releases (each year's records "
                    + "are published once, in the first release after the year ends)";
            LOG.info("microdata {}: {}", release, why);
            CertificateBuilder.open(releaseDir)
                    .release(release.toString())
                    .noRecordLevelExtract(why)
                    .write(releaseDir);
            return results;
        }
        try {
            Files.createDirectories(out);
            RunManifest.json().writeValue(out.resolve("anonymization.json").toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write anonymization.json", e);
        }
        // The release certificate states the record-level protection too (and hashes the extract's files).
        Map<String, Long> recordsPublished = new java.util.LinkedHashMap<>();
        results.forEach(r -> recordsPublished.put(r.dataset(), (long) r.records()));
        CertificateBuilder cert = CertificateBuilder.open(releaseDir)
                .release(release.toString())
                .anonymization(new CertificateBuilder.Anonymization(
                        config.privacy().k(),
                        config.privacy().suppressionLimit(),
                        config.privacy().metric(),
                        config.privacy().localSuppression(),
                        "microdata/anonymization.json",
                        results.stream()
                                .flatMap(r -> r.quasiIdentifiers().stream())
                                .distinct()
                                .sorted()
                                .toList(),
                        recordsPublished))
                .addOverrides(weakenings(schemas, config));
        if (!yearsByDataset.isEmpty()) {
            cert.anonymizationYears(yearsByDataset);
        }
        // Written next to tables already published (anonymize --release, into a copy of the release): the joint audit,
        // from the published files alone, must pass with these records, or they are removed and nothing is published. A
        // run writes them before its tables, whose
        // protection then knows them (TrendsJob).
        if (Files.isDirectory(releaseDir.resolve("tables"))) {
            ca.hotlinetrends.publish.OutsiderAudit.Result joint = new ca.hotlinetrends.publish.OutsiderAudit(
                            schemas, config.privacy().protectionWidth())
                    .run(warehouse.published(), release, releaseDir);
            if (!joint.passed()) {
                org.apache.commons.io.FileUtils.deleteQuietly(out.toFile());
                throw new ca.hotlinetrends.publish.PrivacyCheckException("the record-level release, read with the "
                        + "tables published before it, narrows suppressed table cells below the protection width "
                        + config.privacy().protectionWidth() + " (joint audit: "
                        + joint.releases().stream()
                                .mapToInt(r -> r.primaryBelowWidth() + r.secondaryBelowWidth())
                                .sum() + " cells"
                        + (joint.inconsistency() == null ? "" : "; " + joint.inconsistency()) + "); the records were "
                        + "not published. Run the whole release again (run), whose table protection knows the records");
            }
        }
        cert.write(releaseDir);
        return results;
    }

    /**
     * The independent check of a written extract, from its class sizes as read back from the files themselves (by
     * the tasks that wrote them, {@link ExtractFiles#write}, or {@link #classSizes}), not from the plan that wrote
     * them: what would be published is what is checked. Refuses an equivalence class below k, or a record count
     * (read back, or in the files' footers) other than the anonymization's. On any failure the files are removed
     * (the release is staged: nothing was published).
     */
    static AnonymizationCheck.Outcome verifyWritten(
            Path out,
            String dataset,
            Map<List<String>, Long> counts,
            List<String> columns,
            List<String> qis,
            AnonymityConfig anonymity,
            long expectedRecords) {
        Map<List<String>, Long> classSizes = new java.util.HashMap<>();
        try {
            int[] at = qis.stream().mapToInt(columns::indexOf).toArray();
            String sensitive = anonymity.sensitiveAttribute().orElse(null);
            int s = sensitive == null ? -1 : columns.indexOf(sensitive);
            Map<List<String>, java.util.Map<String, Long>> sensitiveCounts = new java.util.HashMap<>();
            counts.forEach((key, n) -> {
                List<String> c = new ArrayList<>(at.length);
                for (int i : at) {
                    c.add(key.get(i));
                }
                classSizes.merge(c, n, Long::sum);
                if (s >= 0) {
                    sensitiveCounts
                            .computeIfAbsent(c, x -> new java.util.HashMap<>())
                            .merge(String.valueOf(key.get(s)), n, Long::sum);
                }
            });
            anonymity
                    .lDiversity()
                    .ifPresent(l -> AnonymizationCheck.verifyDiversity(
                            sensitiveCounts, l.l(), l.variant().name().toLowerCase(java.util.Locale.ROOT), sensitive));
        } catch (RuntimeException e) {
            org.apache.commons.io.FileUtils.deleteQuietly(out.toFile());
            throw e;
        }
        return verifyWritten(out, dataset, classSizes, anonymity.k(), expectedRecords);
    }

    /** As above, over the quasi-identifiers alone with k = {@code k} (no l-diversity). */
    static AnonymizationCheck.Outcome verifyWritten(
            Path out, String dataset, Map<List<String>, Long> classSizes, int k, long expectedRecords) {
        try {
            AnonymizationCheck.Outcome outcome = AnonymizationCheck.verify(classSizes, k);
            long written = ParquetProvenance.records(out);
            if (written != expectedRecords || outcome.records() != written) {
                throw new IllegalStateException("microdata " + dataset + ": " + written + " records written ("
                        + outcome.records() + " read back), but the anonymization published " + expectedRecords
                        + "; the files were removed");
            }
            return outcome;
        } catch (RuntimeException e) {
            org.apache.commons.io.FileUtils.deleteQuietly(out.toFile());
            throw e;
        }
    }

    /** The class sizes of the Parquet files of {@code out}, read from each file ({@link ExtractFiles#classSizes}). */
    static Map<List<String>, Long> classSizes(Path out, List<String> qis) {
        Map<List<String>, Long> sizes = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList()) {
                ExtractFiles.classSizes(f, qis).forEach((c, n) -> sizes.merge(c, n, Long::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + out, e);
        }
        return sizes;
    }

    private static void risk(ObjectNode n, ProsecutorRisk r) {
        n.put("highest_prosecutor_risk", r.highestRisk());
        n.put("average_prosecutor_risk", r.averageRisk());
        n.put("records_at_risk", r.recordsAtRisk());
        n.put("risk_threshold", r.threshold());
        n.put("sample_unique_share", r.sampleUniqueShare());
    }

    /**
     * The anonymity configuration of a dataset: k, the suppression limit, the metric and local suppression from the
     * configuration; the utility limits (highest level, weight) declared in {@code schemas/} with what {@code
     * privacy.quasi_identifiers} overrides; the l-diversity the schema declares.
     *
     * @throws IllegalArgumentException naming the dataset, the column and the value when a limit does not fit its
     *     hierarchy, or an override names an unknown dataset or a column that is not a quasi-identifier
     */
    public static AnonymityConfig anonymityConfig(SchemaRegistry schemas, HotlineConfig config, String dataset) {
        DatasetSchema schema = schemas.dataset(dataset);
        List<String> qis = schema.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
        checkOverrides(schemas, config);
        AnonymityConfig.Builder b = AnonymityConfig.builder()
                .quasiIdentifiers(qis)
                .hierarchies(qis.stream().map(schemas::hierarchy).toList())
                .k(config.privacy().k())
                .suppressionLimit(config.privacy().suppressionLimit())
                .metric(config.privacy().metric())
                .localSuppression(config.privacy().localSuppression());
        boolean weighted = config.privacy().metric().equals("loss");
        for (String qi : qis) {
            ca.hotlinetrends.schema.QuasiIdentifierLimit limit =
                    config.privacy().limit(schema, qi);
            if (limit.maxLevel() != null) {
                int top = schemas.hierarchy(qi).height() - 1;
                if (limit.maxLevel() > top) {
                    throw new IllegalArgumentException("the utility limit of " + dataset + "." + qi + " is level "
                            + limit.maxLevel() + ", above its hierarchy's top (" + top + ")");
                }
                b.maxLevel(qi, limit.maxLevel());
            }
            if (limit.minLevel() != null) {
                b.minLevel(qi, limit.minLevel());
            }
            if (limit.weight() != null && weighted) {
                b.weight(qi, limit.weight());
            }
        }
        ca.hotlinetrends.schema.LDiversitySpec l = schema.anonymization().lDiversity();
        if (l != null) {
            b.lDiversity(l.attribute(), l.l(), l.variant());
        }
        return b.build();
    }

    /**
     * Checks the record-level releases' configuration against the schemas: every override of {@code
     * privacy.quasi_identifiers} names a dataset and one of its quasi-identifiers, and every limit fits its hierarchy.
     */
    public static void checkConfiguration(SchemaRegistry schemas, HotlineConfig config) {
        for (String dataset : DATASETS) {
            anonymityConfig(schemas, config, dataset);
        }
        List<String> weaker = weakenings(schemas, config);
        if (!weaker.isEmpty() && !config.privacy().allowWeakerProtection()) {
            throw new IllegalArgumentException("refused: " + String.join("; ", weaker) + ". Set "
                    + "privacy.allow_weaker_protection: true to publish with weaker protection anyway (it is "
                    + "recorded in certificate.json under overrides)");
        }
    }

    /**
     * The overrides of {@code privacy.quasi_identifiers} that lower a quasi-identifier's lowest level below the one
     * {@code schemas/} declares: a disclosure constraint given up, allowed only with {@code
     * privacy.allow_weaker_protection} and listed in the certificate.
     */
    public static List<String> weakenings(SchemaRegistry schemas, HotlineConfig config) {
        List<String> out = new ArrayList<>();
        config.privacy()
                .quasiIdentifiers()
                .forEach((dataset, columns) -> columns.forEach((column, override) -> {
                    if (!DATASETS.contains(dataset)) {
                        return;
                    }
                    Integer declared = config.privacy()
                            .declaredLimit(schemas.dataset(dataset), column)
                            .minLevel();
                    if (declared != null && override.minLevel() != null && override.minLevel() < declared) {
                        out.add("privacy.quasi_identifiers." + dataset + "." + column + ".min_level "
                                + override.minLevel() + " is below "
                                + (config.privacy().closedYears() || !column.equals(QUARTER)
                                        ? "the schema's "
                                        : "what cumulative extracts allow, ")
                                + declared);
                    }
                }));
        out.sort(null);
        return out;
    }

    /** Refuses overrides of {@code privacy.quasi_identifiers} that name no dataset or no quasi-identifier. */
    public static void checkOverrides(SchemaRegistry schemas, HotlineConfig config) {
        config.privacy().quasiIdentifiers().forEach((dataset, columns) -> {
            if (!DATASETS.contains(dataset)) {
                throw new IllegalArgumentException("privacy.quasi_identifiers names dataset '" + dataset
                        + "'; the record-level releases are " + DATASETS);
            }
            List<String> qis = schemas.dataset(dataset).columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
            for (String c : columns.keySet()) {
                if (!qis.contains(c)) {
                    throw new IllegalArgumentException("privacy.quasi_identifiers." + dataset + " names '" + c
                            + "', which is not a quasi-identifier of " + dataset + " " + qis);
                }
            }
        });
    }

    private DatasetRelease releaseOne(
            String dataset,
            Quarter release,
            long seed,
            Path out,
            Map<List<String>, Long> counted,
            Map<String, List<ca.hotlinetrends.trends.OnePassCounts.Candidate>> leastByYear,
            Map<List<String>, Long> records,
            java.util.Set<Integer> yearsPublished,
            Map<String, String> provenance) {
        DatasetSchema schema = schemas.dataset(dataset);
        Dataset<Row> staged = spark.read()
                .parquet(warehouse.staged(dataset).toString())
                .where(col("reference_quarter").leq(lit(release.toString())));
        List<String> qis = schema.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
        List<String> columns = countedColumns(schema);
        AnonymityConfig anonymity = anonymityConfig(schemas, config, dataset);
        String sensitive = anonymity.sensitiveAttribute().orElse(null);
        long t0 = System.nanoTime();
        Map<List<String>, Long> truth = counted != null
                ? counted
                : columns.get(0).equals(QUARTER)
                        ? Generalisation.counts(staged, schema, schemas, columns)
                        : Generalisation.counts(staged, columns);
        List<Integer> years = null;
        long heldBack = 0;
        // Every published column counted by the trends pass ([reference_quarter, recordColumns...]): the extract is
        // then written from these counts, not from the records read again.
        List<String> recordColumns =
                records == null ? null : recordColumns(schemas).get(dataset);
        Map<List<String>, Long> recordCounts = recordColumns == null ? null : records;
        if (config.privacy().closedYears()) {
            if (!columns.get(0).equals(QUARTER)) {
                throw new IllegalStateException(
                        "closed-year extracts need reference_quarter as a quasi-identifier of " + dataset);
            }
            Map<Integer, Long> perYear = perYear(truth);
            java.util.TreeSet<Integer> open = openYears(perYear, release, yearsPublished);
            if (open.isEmpty()) {
                return null;
            }
            if (!smallYears(perYear, open, config.privacy().protectionWidth()).isEmpty()) {
                // Checked before any dataset is written when the trends pass counted (run: the extract is withheld);
                // here only without it (anonymize --release, which stops).
                throw new ca.hotlinetrends.publish.PrivacyCheckException(
                        "microdata " + dataset + ": " + tooSmall(dataset, perYear, open) + "; nothing was published");
            }
            years = List.copyOf(open);
            Map<String, Boolean> openQuarter = new java.util.HashMap<>(); // each quarter's year parsed once
            java.util.function.Predicate<String> inOpenYear =
                    q -> openQuarter.computeIfAbsent(q, x -> open.contains(year(x)));
            staged = staged.where(col(QUARTER)
                    .substr(1, 4)
                    .isin(open.stream().map(String::valueOf).toArray()));
            // Held back: of each year, the protection width's number of records, chosen by a hash of the record's
            // reference (not published) and the seed. The tables publish each year's totals, which tell in which
            // years the records suppressed by the anonymisation lie; a year of which every record were published
            // would give each of its counts by a published-as-recorded attribute (recruiter relation, means of
            // control, law-enforcement report) exactly, small ones too. With at least the width held back in every
            // year, each such count is known only to within the width.
            Map<Integer, Long> openPerYear = new java.util.TreeMap<>(perYear);
            openPerYear.keySet().retainAll(open);
            int width = config.privacy().protectionWidth();
            Held held = leastByYear != null
                    ? held(spark, staged, schema.key(), columns, leastByYear, openPerYear, width)
                    : holdBack(
                            spark,
                            staged,
                            schema.key(),
                            columns,
                            holdBackHash(schema.key(), seed ^ dataset.hashCode()),
                            openPerYear,
                            width);
            staged = held.rest();
            if (recordCounts != null && leastByYear != null) {
                List<String> all = new ArrayList<>();
                all.add(QUARTER);
                all.addAll(recordColumns);
                recordCounts = openLessHeld(
                        dataset,
                        recordCounts,
                        inOpenYear,
                        countOver(heldCandidates(leastByYear, openPerYear, width), all));
            } else {
                recordCounts = null; // held back by a scan of the records, counted over the counted columns only
            }
            heldBack = held.records();
            truth = openLessHeld(dataset, truth, inOpenYear, held.counts());
        }
        FrequencyTable table = Generalisation.frequencyTable(truth, columns, qis, sensitive);
        long t1 = System.nanoTime();
        AnonymityResult result;
        try {
            result = Anonymizer.anonymize(anonymity, table);
        } catch (ca.hotlinetrends.anonymity.AnonymityException e) {
            // Never silently drop a dimension: the release stops, naming the limit that binds.
            throw new ca.hotlinetrends.publish.PrivacyCheckException("microdata " + dataset + ": " + e.getMessage()
                    + "; nothing was published (relax a limit under privacy.quasi_identifiers." + dataset
                    + " in --config, or raise privacy.suppression_limit)");
        }
        List<String> keep = publishedColumns(schema);
        // The release too: closed-year extracts of several releases are read as one dataset (`sql`), and each
        // numbers its records from 0, so the same seed alone would give the same ids in every release.
        long datasetSeed =
                seed ^ dataset.hashCode() ^ ((long) release.toString().hashCode() << 32);
        // Only the published columns are read on from here (the technical ones, a reference per record among them,
        // are left in the files: the recoding hands its records on through an RDD, past which Spark prunes nothing).
        Dataset<Row> published =
                staged.select(keep.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
        long t2 = System.nanoTime();
        // Counted by their published values and put in an order of those values alone (see RecordNumbering): the
        // same data and seed give the same record ids and the same files whatever the master, the input's splits or
        // the cores. From the trends pass's counts of every published column, the records are never read again:
        // the recoding is a function of the quasi-identifiers alone, so the distinct records it gives, and how many
        // each stands for, are those that generalising each record and counting would give.
        int partitions = RecordNumbering.partitions(result.publishedRecords());
        Dataset<Row> ordered = recordCounts != null
                ? RecordNumbering.orderedCounts(
                        Generalisation.applyToCounts(
                                spark, published.schema(), qis, recordColumns, recordCounts, result.recoding()),
                        partitions,
                        keep)
                : RecordNumbering.ordered(
                        Generalisation.apply(spark, published, qis, result.recoding()),
                        partitions,
                        keep,
                        result.publishedRecords());
        // Each file is read back over the counted columns: the quasi-identifiers (the check), the l-diversity
        // attribute and the research workload's other columns (the utility report).
        ExtractFiles.Written written = ExtractFiles.write(
                ordered, out, datasetSeed, ca.hotlinetrends.warehouse.SparkParquet.codec(spark), columns, provenance);
        long t3 = System.nanoTime();
        verifyWritten(out, dataset, written.classSizes(), columns, qis, anonymity, result.publishedRecords());
        ResearchUtility.Report utility = ResearchUtility.measure(schema, schemas, columns, truth, written.classSizes());
        // Timings go to the log only: anonymization.json is published and must not depend on the clock.
        LOG.info(
                "microdata {}: histogram {} s{}, search {} s ({} of {} nodes evaluated), generalise+number+write+read "
                        + "back {} s{}, check {} s",
                dataset,
                String.format("%.1f", (t1 - t0) / 1e9),
                counted != null ? " (counted by trends)" : "",
                String.format("%.1f", (t2 - t1) / 1e9),
                result.nodesEvaluated(),
                result.latticeSize(),
                String.format("%.1f", (t3 - t2) / 1e9),
                recordCounts != null ? " (from the trends pass's counts of every published column)" : "",
                String.format("%.1f", (System.nanoTime() - t3) / 1e9));
        ca.hotlinetrends.warehouse.FaultPoints.reachUnchecked("microdata-write", "the provenance of " + out);
        return new DatasetRelease(
                dataset,
                qis,
                result.levels(),
                result.publishedRecords(),
                result.suppressedRecords() + heldBack,
                result.metricValue(),
                result.riskBefore(),
                result.riskAfter(),
                anonymity,
                result.blankedValues(),
                utility,
                years,
                heldBack);
    }

    /**
     * The counts of the open years ({@code inOpenYear} of a key's quarter, its first value) less the records held
     * back, without the combinations left at 0. Filled in the counts' order into a map grown from its default size,
     * as before: the frequency table takes the combinations in this map's order, and the search's ties with them.
     *
     * @throws IllegalStateException when a record held back is not among the counts
     */
    private static Map<List<String>, Long> openLessHeld(
            String dataset,
            Map<List<String>, Long> counts,
            java.util.function.Predicate<String> inOpenYear,
            Map<List<String>, Long> held) {
        // In the counts' order (see OnePassCounts#merge): the frequency table and the extract read them in it.
        Map<List<String>, Long> within = new java.util.LinkedHashMap<>(counts.size() * 4 / 3 + 1);
        counts.forEach((k, n) -> {
            if (inOpenYear.test(k.get(0))) {
                within.put(k, n);
            }
        });
        held.forEach((k, n) -> within.merge(k, -n, Long::sum));
        if (within.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalStateException("microdata " + dataset + ": the records held back are not among "
                    + "the records counted; nothing was published");
        }
        within.values().removeIf(n -> n == 0);
        return within;
    }

    /** The year of a {@code reference_quarter} value ({@code YYYYQn}). */
    private static int year(String quarter) {
        return Integer.parseInt(quarter.substring(0, 4));
    }

    /**
     * The records counted per year of {@code reference_quarter} (the counted columns' first): one pass over the
     * counts, whose keys number up to millions at scale, with each quarter's year parsed once.
     */
    static java.util.TreeMap<Integer, Long> perYear(Map<List<String>, Long> truth) {
        Map<String, Long> perQuarter = new java.util.HashMap<>();
        truth.forEach((k, n) -> perQuarter.merge(k.get(0), n, Long::sum));
        java.util.TreeMap<Integer, Long> perYear = new java.util.TreeMap<>();
        perQuarter.forEach((q, n) -> perYear.merge(year(q), n, Long::sum));
        return perYear;
    }

    /** The years of {@code perYear} that have ended by {@code release} and that no other release published. */
    static java.util.TreeSet<Integer> openYears(
            Map<Integer, Long> perYear, Quarter release, java.util.Set<Integer> yearsPublished) {
        int lastClosed = release.number() == 4 ? release.year() : release.year() - 1;
        java.util.TreeSet<Integer> open = new java.util.TreeSet<>();
        for (int y : perYear.keySet()) {
            if (y <= lastClosed && !yearsPublished.contains(y)) {
                open.add(y);
            }
        }
        return open;
    }

    /**
     * The open years with fewer records than the width. Every year of a closed-year extract holds back the width's
     * number of records, which the audit knows; such a year could not, and leaving it out alone would tell that it
     * is small.
     */
    static List<Integer> smallYears(Map<Integer, Long> perYear, java.util.Set<Integer> open, int width) {
        return open.stream().filter(y -> perYear.getOrDefault(y, 0L) < width).toList();
    }

    private String tooSmall(String dataset, Map<Integer, Long> perYear, java.util.Set<Integer> open) {
        return smallYears(perYear, open, config.privacy().protectionWidth()).size()
                + " of the years to publish would have fewer " + dataset
                + " records than the protection width, which every year of a closed-year extract holds back";
    }

    /** The records held back from a closed-year extract, counted over the counted columns, and the others. */
    record Held(Dataset<Row> rest, Map<List<String>, Long> counts, long records) {}

    /**
     * The hash that orders a dataset's records for the hold-back: Spark's {@code xxhash64(key, seed)}, the one a
     * run's trends pass ranks them by ({@link ca.hotlinetrends.trends.OnePassCounts#leastHash(String, long)}).
     */
    static Column holdBackHash(String key, long seed) {
        return ca.hotlinetrends.trends.OnePassCounts.leastHash(key, seed);
    }

    /**
     * What a run's trends pass keeps for the hold-back of each dataset it counts the frequencies of, when extracts
     * are closed-year ({@link ca.hotlinetrends.trends.TrendsJob#alsoKeepingLeastHashes}): per year, the protection
     * width's records of least {@link #holdBackHash} with the seed {@link #run} gets.
     */
    public static Map<String, ca.hotlinetrends.trends.TrendsJob.LeastHashes> holdBackHashes(
            SchemaRegistry schemas, HotlineConfig config, long seed) {
        Map<String, ca.hotlinetrends.trends.TrendsJob.LeastHashes> out = new java.util.LinkedHashMap<>();
        if (!config.privacy().closedYears()) {
            return out;
        }
        for (String name : frequencyColumns(schemas).keySet()) {
            String key = schemas.dataset(name).key();
            out.put(
                    name,
                    new ca.hotlinetrends.trends.TrendsJob.LeastHashes(
                            key, seed ^ name.hashCode(), config.privacy().protectionWidth()));
        }
        return out;
    }

    /**
     * The hold-back of {@link #holdBack}, from each year's records of least hash as the trends pass kept them
     * ({@code leastByYear}, in order): the same records, without a scan.
     */
    static Held held(
            SparkSession spark,
            Dataset<Row> staged,
            String key,
            List<String> columns,
            Map<String, List<ca.hotlinetrends.trends.OnePassCounts.Candidate>> leastByYear,
            Map<Integer, Long> recordsPerYear,
            int width) {
        List<ca.hotlinetrends.trends.OnePassCounts.Candidate> held = heldCandidates(leastByYear, recordsPerYear, width);
        List<Row> keys = new ArrayList<>();
        held.forEach(c -> keys.add(org.apache.spark.sql.RowFactory.create(c.key())));
        return new Held(without(spark, staged, key, keys), countOver(held, columns), keys.size());
    }

    /** The records {@link #held} holds back: of each year, the first {@code width} the trends pass kept. */
    static List<ca.hotlinetrends.trends.OnePassCounts.Candidate> heldCandidates(
            Map<String, List<ca.hotlinetrends.trends.OnePassCounts.Candidate>> leastByYear,
            Map<Integer, Long> recordsPerYear,
            int width) {
        List<ca.hotlinetrends.trends.OnePassCounts.Candidate> held = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : recordsPerYear.entrySet()) {
            List<ca.hotlinetrends.trends.OnePassCounts.Candidate> kept =
                    leastByYear.getOrDefault(String.valueOf(e.getKey()), List.of());
            long wanted = Math.min(width, e.getValue());
            if (kept.size() < wanted) {
                throw new IllegalStateException("the trends pass kept " + kept.size() + " records of least hash of a "
                        + "year that has " + e.getValue() + " records; nothing was published");
            }
            held.addAll(kept.subList(0, (int) wanted));
        }
        return held;
    }

    /** How many of {@code records} have each combination of values of {@code columns} (the quarter among them). */
    static Map<List<String>, Long> countOver(
            List<ca.hotlinetrends.trends.OnePassCounts.Candidate> records, List<String> columns) {
        Map<List<String>, Long> counts = new java.util.HashMap<>();
        for (ca.hotlinetrends.trends.OnePassCounts.Candidate c : records) {
            List<String> k = new ArrayList<>(columns.size());
            for (String column : columns) {
                if (column.equals(QUARTER)) {
                    k.add(c.quarter());
                } else if (c.values().containsKey(column)) {
                    k.add(c.values().get(column));
                } else {
                    throw new IllegalStateException("the trends pass did not keep column " + column);
                }
            }
            counts.merge(k, 1L, Long::sum);
        }
        return counts;
    }

    /** The staged records but those of the given keys (a broadcast anti-join). */
    private static Dataset<Row> without(SparkSession spark, Dataset<Row> staged, String key, List<Row> keys) {
        Dataset<Row> heldKeys = spark.createDataFrame(
                keys,
                new org.apache.spark.sql.types.StructType()
                        .add(key, staged.schema().apply(key).dataType(), false));
        return staged.join(
                org.apache.spark.sql.functions.broadcast(heldKeys),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(key)).toSeq(),
                "left_anti");
    }

    /**
     * Holds back, of each year, the protection width's number of records (all of a year that has fewer): those of
     * least {@code hash} ({@link #holdBackHash} in a release), ties by key, so the same data and seed hold back the
     * same records.
     *
     * <p>One scan, no sort of the records: only those whose hash lies in the lowest share of its range are collected,
     * a share of about {@value #CANDIDATES_PER_WIDTH} widths of the year's records ({@code recordsPerYear}), and the
     * least are chosen among them on the driver. That is exact whenever a year has at least the width's number of
     * candidates (every record of a lower hash is a candidate); a year with fewer (improbable) widens the share
     * and the scan is repeated.
     */
    static Held holdBack(
            SparkSession spark,
            Dataset<Row> staged,
            String key,
            List<String> columns,
            Column hash,
            Map<Integer, Long> recordsPerYear,
            int width) {
        Column year = col(QUARTER).substr(1, 4);
        List<Column> select = new ArrayList<>();
        select.add(year.as("_year"));
        select.add(hash.as("_hash"));
        select.add(col(key));
        columns.forEach(c -> select.add(
                col(c).cast(org.apache.spark.sql.types.DataTypes.StringType).as(c)));
        for (double perWidth = CANDIDATES_PER_WIDTH; ; perWidth *= 4) {
            Column candidate = lit(true);
            boolean everyRecord = true;
            for (Map.Entry<Integer, Long> e : recordsPerYear.entrySet()) {
                double share = perWidth * width / e.getValue();
                if (share < 1) {
                    everyRecord = false;
                    long below = (long) (Long.MIN_VALUE + share * 0x1p64);
                    candidate = org.apache
                            .spark
                            .sql
                            .functions
                            .when(year.equalTo(lit(String.valueOf(e.getKey()))), hash.lt(lit(below)))
                            .otherwise(candidate);
                }
            }
            List<Row> rows = staged.where(candidate)
                    .select(select.toArray(Column[]::new))
                    .collectAsList();
            Map<String, List<Row>> byYear = new java.util.TreeMap<>();
            rows.forEach(r -> byYear.computeIfAbsent(r.getString(0), y -> new ArrayList<>())
                    .add(r));
            boolean enough = true;
            for (Map.Entry<Integer, Long> e : recordsPerYear.entrySet()) {
                int have = byYear.getOrDefault(String.valueOf(e.getKey()), List.of())
                        .size();
                enough &= have >= Math.min(width, e.getValue());
            }
            if (!enough && !everyRecord) {
                continue;
            }
            Map<List<String>, Long> counts = new java.util.HashMap<>();
            List<Row> keys = new ArrayList<>();
            for (List<Row> ofYear : byYear.values()) {
                ofYear.sort(java.util.Comparator.<Row>comparingLong(r -> r.getLong(1))
                        .thenComparing((x, y) -> compareKeys(x.get(2), y.get(2))));
                for (Row r : ofYear.subList(0, Math.min(width, ofYear.size()))) {
                    List<String> k = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        k.add(r.getString(i + 3));
                    }
                    counts.merge(k, 1L, Long::sum);
                    keys.add(org.apache.spark.sql.RowFactory.create(r.get(2)));
                }
            }
            return new Held(without(spark, staged, key, keys), counts, keys.size());
        }
    }

    /** Candidates collected per protection width of a year's records when holding back (see {@link #holdBack}). */
    private static final int CANDIDATES_PER_WIDTH = 4;

    /** Spark's ascending order of key values: strings by their UTF-8 bytes, numbers by value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return java.util.Arrays.compareUnsigned(
                    x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    y.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ((Comparable) a).compareTo(b);
    }
}
