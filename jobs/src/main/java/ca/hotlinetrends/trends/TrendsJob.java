package ca.hotlinetrends.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.disclosure.CellSystem;
import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.disclosure.SuppressionConfig;
import ca.hotlinetrends.publish.Certificate;
import ca.hotlinetrends.publish.Ledger;
import ca.hotlinetrends.publish.ParquetProvenance;
import ca.hotlinetrends.publish.PrivacyCheckException;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.publish.TableProtector;
import ca.hotlinetrends.publish.TableWriter;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trends shell: counts staged data in Spark (one fused aggregation per table), builds every count table
 * of {@code schemas/tables/} on the driver, protects them jointly with each other and with every earlier
 * release ({@link TableProtector}), derives rates, changes and trends from the protected counts, writes it all
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

    public TrendsJob(SparkSession spark, SchemaRegistry schemas, HotlineConfig config, Warehouse warehouse) {
        this.spark = spark;
        this.schemas = schemas;
        this.config = config;
        this.warehouse = warehouse;
    }

    /**
     * Publishes the tables of a release in place, in {@code published/<release>/}, and records its ledger entry.
     *
     * @param runId the run, recorded in every Parquet footer it writes
     */
    public TrendsResult run(Quarter release, String runId) {
        return run(release, runId, warehouse.release(release), null);
    }

    /**
     * Writes the tables of a release into a staged release; the ledger entry is staged with it and recorded only
     * when the release is published ({@link StagedRelease#publish}).
     *
     * @param runId the run, recorded in every Parquet footer it writes
     */
    public TrendsResult run(Quarter release, String runId, StagedRelease staging) {
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
            staged.put(dataset, spark.read().parquet(dir.toString())
                    .where(col("reference_quarter").leq(lit(release.toString()))));
        }
        List<TableSchema> countTables = schemas.tables().stream().filter(TableSchema::isCountTable).toList();
        staged.put("cases", TableCounts.cases(staged.get("victims"), TableCounts.caseAttributes(countTables)));

        TableBuilder builder = new TableBuilder(schemas);
        Map<TableSchema, Map<List<String>, Long>> quarterlyByTable = new LinkedHashMap<>();
        List<LinkedTable> linked = new ArrayList<>();
        for (TableSchema t : countTables) {
            Dataset<Row> source = t.counts().equals("distinct case_ref") ? staged.get("cases") : staged.get(t.sourceDataset());
            Map<List<String>, Long> quarterly = new HashMap<>();
            for (Row r : TableCounts.quarterly(t, source).collectAsList()) {
                List<String> key = new ArrayList<>();
                for (int i = 0; i < r.length() - 1; i++) {
                    key.add(r.getString(i));
                }
                quarterly.put(key, r.getLong(r.length() - 1));
            }
            quarterlyByTable.put(t, quarterly);
            linked.add(builder.build(t, release, quarterly));
        }
        // Relations by name: the same relation appears in every release that shows its cells.
        Map<String, LinearRelation> relationsByName = new LinkedHashMap<>();
        linked.forEach(l -> l.relations().forEach(r -> relationsByName.putIfAbsent(r.name(), r)));
        TableLinks.between(linked).forEach(r -> relationsByName.putIfAbsent(r.name(), r));
        List<CountTable> tables = linked.stream().map(LinkedTable::table).toList();

        // Every earlier release in the ledger, rebuilt from the same counts: its cells that this release does not
        // show again (an earlier year to date, say) are attacker knowledge too, with all their relations.
        Ledger ledger = new Ledger(warehouse.ledger());
        List<CountTable> context = new ArrayList<>();
        for (Quarter earlier : ledger.releasesOtherThan(release)) {
            List<LinkedTable> then = new ArrayList<>();
            quarterlyByTable.forEach((t, quarterly) -> then.add(builder.build(t, earlier, quarterly)));
            then.forEach(l -> l.relations().forEach(r -> relationsByName.putIfAbsent(r.name(), r)));
            TableLinks.between(then).forEach(r -> relationsByName.putIfAbsent(r.name(), r));
            then.forEach(l -> context.add(l.table()));
        }
        List<LinearRelation> relations = new ArrayList<>(relationsByName.values());
        LOG.info("trends {}: {} tables, {} cells, {} relations, {} earlier releases", release, tables.size(),
                tables.stream().mapToInt(t -> t.cells().size()).sum(), relations.size(), context.size() / Math.max(1, countTables.size()));

        List<CountTable> everything = new ArrayList<>(tables);
        everything.addAll(context);
        checkNoRevisionOfPublishedCells(ledger, release, everything);
        SuppressionConfig suppression = SuppressionConfig.builder()
                .minCellCount(config.privacy().minCellCount())
                .protectionWidth(config.privacy().protectionWidth()).build();
        Consumer<CellSystem.Builder> addRelations = b -> relations.forEach(b::addRelation);
        long t0 = System.nanoTime();
        TableProtector.Protected result = new TableProtector(suppression).protect(tables, context, addRelations,
                ledger.before(release));
        LOG.info("trends {}: protection and audit in {} s", release, String.format("%.1f", (System.nanoTime() - t0) / 1e9));

        Path tablesDir = releaseDir.resolve("tables");
        try {
            Files.createDirectories(tablesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tablesDir, e);
        }
        Map<String, CountTable> byName = new LinkedHashMap<>();
        for (int i = 0; i < linked.size(); i++) {
            TableSchema schema = linked.get(i).schema();
            CountTable protectedTable = result.tables().get(i);
            byName.put(schema.table(), protectedTable);
            TableWriter.write(spark, schema, TableWriter.rows(schema, protectedTable), tablesDir);
        }
        CountTable cases = byName.get(CASES);
        List<String> provincesAndCanada = new ArrayList<>(schemas.codeList("province").codes());
        provincesAndCanada.add("CA");
        TableWriter.write(spark, schemas.table("rates_by_province"), DerivedTables.rates(cases, schemas.population()), tablesDir);
        List<String> types = new ArrayList<>(schemas.codeList("trafficking_type").codes());
        types.add(schemas.table(TYPES).categoryDimensions().get(0).totalCode());
        List<Object[]> byProvince = DerivedTables.changes(cases, release, provincesAndCanada);
        List<Object[]> byType = DerivedTables.changes(byName.get(TYPES), release, types);
        DerivedTables.adjustJointly(List.of(byProvince, byType));
        TableWriter.write(spark, schemas.table("changes_by_province"), byProvince, tablesDir);
        TableWriter.write(spark, schemas.table("changes_by_trafficking_type"), byType, tablesDir);
        TableWriter.write(spark, schemas.table("trend_by_province"),
                DerivedTables.trends(cases, release, provincesAndCanada), tablesDir);
        for (TableSchema t : schemas.tables()) {
            ParquetProvenance.stamp(tablesDir.resolve(t.table()), ParquetProvenance.Provenance.table(release.toString(),
                    t.version(), config.privacy().minCellCount(), runId));
        }
        if (staging == null) {
            ledger.record(release, result.tables());
        } else {
            staging.deferLedger(ledger.stage(release, result.tables(), staging.runId()));
        }

        int cells = tables.stream().mapToInt(t -> t.cells().size()).sum();
        ObjectNode cert = Certificate.read(releaseDir);
        cert.put("release", release.toString());
        ObjectNode rules = cert.putObject("table_protection");
        rules.put("min_cell_count", config.privacy().minCellCount());
        rules.put("protection_width", config.privacy().protectionWidth());
        rules.put("primary_rule", "cells from 1 to " + (config.privacy().minCellCount() - 1)
                + " are suppressed; zeros are published");
        rules.put("complementary_suppression", "chosen jointly over all linked tables and every earlier release in the ledger");
        rules.put("derived_numbers", "rates, changes and trends are published only when every count they use is published");
        rules.put("tables", tables.size());
        rules.put("cells", cells);
        rules.put("relations", relations.size());
        rules.put("suppressed_primary", result.suppression().primaryCount());
        rules.put("suppressed_secondary", result.suppression().secondaryCount());
        rules.put("suppressed_cell_share", result.suppression().suppressedCellShare());
        rules.put("suppressed_count_share", result.suppression().suppressedCountShare());
        ObjectNode audit = cert.putObject("audit");
        audit.put("passed", result.audit().passed());
        audit.put("linear_programs_solved", result.audit().lpsSolved());
        double narrowest = result.audit().narrowestRange();
        if (Double.isFinite(narrowest)) {
            audit.put("narrowest_feasible_range", narrowest);
        } else {
            audit.put("narrowest_feasible_range", "unbounded");
        }
        audit.put("attacker_knowledge", "every table of this release and every cell of earlier releases in the ledger, "
                + "their additivity and non-negativity");
        cert.put("ledger_version", release + ".csv");
        ArrayNode overrides = cert.putArray("overrides");
        config.privacy().overrides().forEach(overrides::add);
        Path certificate = Certificate.write(releaseDir, cert);
        List<String> written = new ArrayList<>(byName.keySet());
        written.addAll(List.of("rates_by_province", "changes_by_province", "changes_by_trafficking_type",
                "trend_by_province"));
        return new TrendsResult(release.toString(), written, cells, result.suppression().primaryCount(),
                result.suppression().secondaryCount(), narrowest, certificate);
    }

    /**
     * A cell an earlier release published is public for ever; publishing a different value now would reveal
     * the revision's size. Until revisions are protected as such, a changed published cell stops the run.
     */
    private static void checkNoRevisionOfPublishedCells(Ledger ledger, Quarter release, List<CountTable> tables) {
        Map<String, Long> earlier = ledger.publishedValues(release);
        int changed = 0;
        for (CountTable t : tables) {
            for (CountTable.Cell c : t.cells()) {
                Long before = earlier.get(t.cellId(c));
                if (before != null && before != c.count()) {
                    changed++;
                }
            }
        }
        if (changed > 0) {
            throw new PrivacyCheckException(changed + " cells published by earlier releases have changed (late or "
                    + "revised records); publishing them as revisions is not supported yet, so nothing was published");
        }
    }
}
