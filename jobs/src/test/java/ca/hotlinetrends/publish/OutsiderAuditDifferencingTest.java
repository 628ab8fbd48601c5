package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Differencing across consecutive releases: eight quarterly releases (2024Q4..2026Q3) published in order from
 * one seeded export on one warehouse, so each is protected against the ledger of the earlier ones; an outsider
 * who reads all eight must not narrow any suppressed-primary cell below the protection width.
 */
class OutsiderAuditDifferencingTest {

    private static final Logger LOG = LoggerFactory.getLogger(OutsiderAuditDifferencingTest.class);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    @TempDir
    Path dir;

    @Test
    void eightConsecutiveReleases_keepEveryPrimaryCellWideEnough() {
        Path export = dir.resolve("export");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(export, 7, 0.3, new Quarter(2019, 1), new Quarter(2026, 3),
                "csv", 0.0), "csv");
        SparkSession spark = SharedSpark.session();
        HotlineConfig config = HotlineConfig.defaults();
        Warehouse warehouse = new Warehouse(dir.resolve("wh"));
        long t0 = System.nanoTime();
        IngestJob ingest = new IngestJob(spark, SCHEMAS, config, warehouse);
        for (String dataset : List.of("contacts", "victims")) {
            ingest.run(export.resolve(dataset + ".csv").toString(), dataset, LocalDate.of(2026, 9, 30),
                    "differencing-" + dataset);
        }
        long t1 = System.nanoTime();
        List<Quarter> releases = new Quarter(2024, 4).through(new Quarter(2026, 3));
        assertThat(releases).hasSize(8);
        TrendsJob trends = new TrendsJob(spark, SCHEMAS, config, warehouse);
        // Each release is protected jointly with every earlier one (their cells and relations, from the ledger), so
        // all eight publish; a refusal (PrivacyCheckException) fails the test.
        List<Quarter> published = new ArrayList<>();
        for (Quarter release : releases) {
            trends.run(release, "test-" + release);
            published.add(release);
        }
        long t2 = System.nanoTime();
        assertThat(published).as("releases published").hasSize(8);

        OutsiderAudit.Result r = new OutsiderAudit(SCHEMAS, config.privacy().protectionWidth())
                .run(warehouse.published(), published.get(published.size() - 1));
        long t3 = System.nanoTime();
        LOG.info("differencing test: ingest {} s, 8 trends releases {} s, outsider audit {} s ({} cells, {} unknown, {} LPs)",
                String.format("%.1f", (t1 - t0) / 1e9), String.format("%.1f", (t2 - t1) / 1e9),
                String.format("%.1f", (t3 - t2) / 1e9), r.cells(), r.unknownCells(), r.lpsSolved());
        System.out.printf("differencing test: ingest %.1f s, 8 trends releases %.1f s, outsider audit %.1f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        System.out.print(r.summary());

        assertThat(r.releasesRead()).containsExactlyElementsOf(published);
        assertThat(r.inconsistency()).isNull();
        assertThat(r.revisions()).isEmpty();
        assertThat(r.releases()).allSatisfy(rr -> assertThat(rr.primaryBelowWidth()).as("%s", rr).isZero());
        assertThat(r.releases().stream().mapToInt(OutsiderAudit.ReleaseReport::primary).sum()).isPositive();
        assertThat(r.passed()).isTrue();
    }
}
