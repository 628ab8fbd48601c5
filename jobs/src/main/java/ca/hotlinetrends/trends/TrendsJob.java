package ca.hotlinetrends.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.disclosure.CellSystem;
import ca.hotlinetrends.disclosure.SuppressionConfig;
import ca.hotlinetrends.publish.Certificate;
import ca.hotlinetrends.publish.Ledger;
import ca.hotlinetrends.publish.PrivacyCheckException;
import ca.hotlinetrends.publish.TableProtector;
import ca.hotlinetrends.publish.TableWriter;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The trends shell: counts staged data in Spark (one fused aggregation per table), builds the tables on
 * the driver, protects them jointly with the ledger ({@link TableProtector}), writes them with their
 * certificate and records them in the ledger.
 */
public final class TrendsJob {

    private static final String CASES = "cases_by_quarter_province";
    /** The first quarter any table covers. */
    public static final Quarter FIRST_QUARTER = new Quarter(2019, 1);

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

    public TrendsResult run(Quarter release) {
        Path stagedVictims = warehouse.staged("victims");
        if (!Files.isDirectory(stagedVictims)) {
            throw new IllegalArgumentException("no staged victims in " + stagedVictims + ": run ingest first");
        }
        spark.sparkContext().setJobGroup("trends", "hotline-trends trends " + release, false);
        Dataset<Row> victims = spark.read().parquet(stagedVictims.toString())
                .where(col("reference_quarter").leq(lit(release.toString())));
        Map<List<String>, Long> counts = new HashMap<>();
        for (Row r : CaseCounts.byQuarterProvince(victims).collectAsList()) {
            counts.put(List.of(r.getString(0), r.getString(1)), r.getLong(2));
        }
        TableSchema schema = schemas.table(CASES);
        String total = schema.dimensions().get(1).totalCode();
        List<String> provinces = schemas.codeList("province").codes();
        List<CountTable.Cell> cells = new ArrayList<>();
        for (Quarter q : FIRST_QUARTER.through(release)) {
            long canada = 0;
            for (String p : provinces) {
                long n = counts.getOrDefault(List.of(q.toString(), p), 0L);
                canada += n;
                cells.add(new CountTable.Cell(List.of(q.toString(), p), n, CountTable.Status.PUBLISHED));
            }
            cells.add(new CountTable.Cell(List.of(q.toString(), total), canada, CountTable.Status.PUBLISHED));
        }
        CountTable table = new CountTable(CASES, List.of("reference_quarter", "province_code"), cells);

        Ledger ledger = new Ledger(warehouse.ledger());
        checkNoRevisionOfPublishedCells(ledger, release, List.of(table));
        SuppressionConfig suppression = SuppressionConfig.builder()
                .minCellCount(config.privacy().minCellCount())
                .protectionWidth(config.privacy().protectionWidth()).build();
        TableProtector.Protected result = new TableProtector(suppression).protect(List.of(table),
                b -> addQuarterProvinceTotals(b, table, provinces, total), ledger.before(release));

        Path releaseDir = warehouse.release(release);
        Path tablesDir = releaseDir.resolve("tables");
        try {
            Files.createDirectories(tablesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tablesDir, e);
        }
        CountTable protectedTable = result.tables().get(0);
        TableWriter.write(spark, protectedTable, schema, tablesDir);
        Path ledgerFile = ledger.record(release, result.tables());

        ObjectNode cert = Certificate.read(releaseDir);
        cert.put("release", release.toString());
        ObjectNode rules = cert.putObject("table_protection");
        rules.put("min_cell_count", config.privacy().minCellCount());
        rules.put("protection_width", config.privacy().protectionWidth());
        rules.put("primary_rule", "cells from 1 to " + (config.privacy().minCellCount() - 1) + " are suppressed; zeros are published");
        rules.put("complementary_suppression", "chosen jointly over all linked tables and every earlier release in the ledger");
        rules.put("cells", protectedTable.cells().size());
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
        cert.put("ledger_version", ledgerFile.getFileName().toString());
        Path certificate = Certificate.write(releaseDir, cert);
        return new TrendsResult(release.toString(), List.of(CASES), protectedTable.cells().size(),
                result.suppression().primaryCount(), result.suppression().secondaryCount(), narrowest, certificate);
    }

    private static void addQuarterProvinceTotals(CellSystem.Builder b, CountTable t, List<String> provinces,
            String total) {
        Map<List<String>, CountTable.Cell> byKey = t.byKey();
        List<String> quarters = t.cells().stream().map(c -> c.key().get(0)).distinct().toList();
        for (String q : quarters) {
            List<String> parts = new ArrayList<>();
            for (String p : provinces) {
                parts.add(t.cellId(byKey.get(List.of(q, p))));
            }
            b.sumOfParts(t.cellId(byKey.get(List.of(q, total))), parts);
        }
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
