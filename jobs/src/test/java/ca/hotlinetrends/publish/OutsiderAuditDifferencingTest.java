package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.IntegerAttacker;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.testing.StagedTrends;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
@ca.hotlinetrends.testing.IntegrationTest
class OutsiderAuditDifferencingTest {

    private static final Logger LOG = LoggerFactory.getLogger(OutsiderAuditDifferencingTest.class);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    @TempDir
    Path dir;

    @Test
    void eightConsecutiveReleases_keepEveryPrimaryCellWideEnough() {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 7, 0.3, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.0),
                "csv");
        SparkSession spark = SharedSpark.session();
        HotlineConfig config = HotlineConfig.defaults();
        Warehouse warehouse = new Warehouse(dir.resolve("wh"));
        long t0 = System.nanoTime();
        IngestJob ingest = new IngestJob(spark, SCHEMAS, config, warehouse);
        for (String dataset : List.of("contacts", "victims")) {
            ingest.run(
                    export.resolve(dataset + ".csv").toString(),
                    dataset,
                    LocalDate.of(2026, 9, 30),
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
            StagedTrends.publish(trends, warehouse, release, "test-" + release);
            published.add(release);
        }
        long t2 = System.nanoTime();
        assertThat(published).as("releases published").hasSize(8);

        OutsiderAudit.Result r = new OutsiderAudit(SCHEMAS, config.privacy().protectionWidth())
                .run(warehouse.published(), published.get(published.size() - 1), q -> new Ledger(warehouse).vintage(q));
        long t3 = System.nanoTime();
        LOG.info(
                "differencing test: ingest {} s, 8 trends releases {} s, outsider audit {} s ({} cells, {} unknown, {} LPs)",
                String.format("%.1f", (t1 - t0) / 1e9),
                String.format("%.1f", (t2 - t1) / 1e9),
                String.format("%.1f", (t3 - t2) / 1e9),
                r.cells(),
                r.unknownCells(),
                r.lpsSolved());
        System.out.printf(
                "differencing test: ingest %.1f s, 8 trends releases %.1f s, outsider audit %.1f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        System.out.print(r.summary());

        assertThat(r.releasesRead()).containsExactlyElementsOf(published);
        assertThat(r.inconsistency()).isNull();
        assertThat(r.revisions()).isEmpty();
        assertThat(r.releases())
                .allSatisfy(
                        rr -> assertThat(rr.primaryBelowWidth()).as("%s", rr).isZero());
        assertThat(r.releases().stream()
                        .mapToInt(OutsiderAudit.ReleaseReport::primary)
                        .sum())
                .isPositive();
        assertThat(r.passed()).isTrue();
    }

    /**
     * Late records: the hotline's first export misses one in ten records of 2025Q2; four releases are published
     * from it, then the complete export is ingested (which re-stages every quarter, 2025Q2 with its late records)
     * and four more releases follow. The first release after the late records publishes 2025Q2 as a revision;
     * an outsider holding all eight releases must not narrow any suppressed cell, nor see a small revision.
     */
    @Test
    void eightReleasesWithARevisedQuarter_publishTheRevisionAndKeepEveryCellProtected() throws IOException {
        Path full = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(full, 11, 0.3, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.0),
                "csv");
        Path early = dir.resolve("early");
        Files.createDirectories(early);
        int heldBack = holdBack(full.resolve("contacts.csv"), early.resolve("contacts.csv"), "Date of Contact")
                + holdBack(full.resolve("victims.csv"), early.resolve("victims.csv"), "Case Opened");
        assertThat(heldBack).as("late records held back").isGreaterThan(20);

        SparkSession spark = SharedSpark.session();
        HotlineConfig config = HotlineConfig.defaults();
        Warehouse warehouse = new Warehouse(dir.resolve("wh"));
        IngestJob ingest = new IngestJob(spark, SCHEMAS, config, warehouse);
        TrendsJob trends = new TrendsJob(spark, SCHEMAS, config, warehouse);
        List<Quarter> releases = new Quarter(2024, 4).through(new Quarter(2026, 3));
        for (String dataset : List.of("contacts", "victims")) {
            ingest.run(
                    early.resolve(dataset + ".csv").toString(), dataset, LocalDate.of(2026, 9, 30), "early-" + dataset);
        }
        for (Quarter release : releases.subList(0, 4)) {
            StagedTrends.publish(trends, warehouse, release, "test-" + release);
        }
        for (String dataset : List.of("contacts", "victims")) {
            IngestResult late = ingest.run(
                    full.resolve(dataset + ".csv").toString(), dataset, LocalDate.of(2026, 9, 30), "late-" + dataset);
            assertThat(late.revisions())
                    .as("quarters of published releases re-staged")
                    .contains("2025Q2");
        }
        for (Quarter release : releases.subList(4, 8)) {
            StagedTrends.publish(trends, warehouse, release, "test-" + release);
        }

        JsonNode revisions = RunManifest.json()
                .readTree(warehouse
                        .release(new Quarter(2025, 4))
                        .resolve(ReleaseCertificate.FILE)
                        .toFile())
                .path("revisions");
        List<String> periods = new ArrayList<>();
        revisions.path("periods").forEach(p -> periods.add(p.asText()));
        // Only the quarter the late records belong to: the year to date and the year that include it are first
        // shown by this release or later ones.
        assertThat(periods).containsExactly("2025Q2");
        assertThat(revisions.path("cells_revised_and_published").asInt())
                .as("revised counts reach the public")
                .isPositive();
        // Later releases revise only what they show again for the first time since the late records: last year's
        // year to date that includes 2025Q2 (2026Q2 shows 2025Q1-Q2 beside 2026Q1-Q2, last shown before the late
        // records).
        for (Quarter later : releases.subList(5, 8)) {
            JsonNode p = RunManifest.json()
                    .readTree(warehouse
                            .release(later)
                            .resolve(ReleaseCertificate.FILE)
                            .toFile())
                    .path("revisions")
                    .path("periods");
            p.forEach(period ->
                    assertThat(period.asText()).as("revision in %s", later).matches("2025Q1-Q[234]"));
        }
        // The public sees the revision: contacts of 2025Q2 by channel, as 2025Q3 and 2025Q4 published them.
        Map<String, String> before =
                column(warehouse.release(new Quarter(2025, 3)), "contacts_by_channel", "quarter", "2025Q2");
        Map<String, String> after =
                column(warehouse.release(new Quarter(2025, 4)), "contacts_by_channel", "quarter", "2025Q2");
        assertThat(after).isNotEqualTo(before);

        OutsiderAudit.Result r = new OutsiderAudit(SCHEMAS, config.privacy().protectionWidth())
                .run(warehouse.published(), releases.get(7), q -> new Ledger(warehouse).vintage(q));
        System.out.print(r.summary());
        assertThat(r.inconsistency()).isNull();
        assertThat(r.revisions()).as("changes without a declared revision").isEmpty();
        assertThat(r.declaredRevisions()).isPositive();
        assertThat(r.disclosingRevisions()).isEmpty();
        assertThat(r.releases())
                .allSatisfy(
                        rr -> assertThat(rr.primaryBelowWidth()).as("%s", rr).isZero());
        assertThat(r.passed()).isTrue();

        // An attacker the audit did not write (integer programs, its own relations) reads all eight releases,
        // the revision included: no small count of any release is narrower than the width.
        IntegerAttacker.Report attack = new IntegerAttacker(
                        SCHEMAS, config.privacy().minCellCount())
                .attack(warehouse.published(), releases, false);
        Map<Quarter, Map<String, String>> reasons = new java.util.HashMap<>();
        for (Quarter q : releases) {
            reasons.put(q, IntegerAttackerTest.reasons(warehouse, q));
        }
        List<IntegerAttacker.Finding> small = attack.findings().stream()
                .filter(f ->
                        "suppressed-primary".equals(reasons.get(f.release()).get(f.cell())))
                .toList();
        System.out.printf(
                "integer attacker over 8 releases with a revision: %d unknowns, %d relations, %d small "
                        + "counts shown, narrowest %d, %d integer programs in %.1f s%n",
                attack.unknowns(),
                attack.relations(),
                small.size(),
                small.stream().mapToLong(IntegerAttacker.Finding::width).min().orElse(-1),
                attack.integerPrograms(),
                attack.seconds());
        assertThat(small).hasSizeGreaterThan(100);
        assertThat(small)
                .allSatisfy(f -> assertThat(f.width())
                        .as("%s in %s", f.cell(), f.release())
                        .isGreaterThanOrEqualTo(config.privacy().protectionWidth()));
        // Nothing published says why a cell is suppressed, so every suppressed cell keeps the width.
        assertThat(attack.findings())
                .allSatisfy(f -> assertThat(f.width())
                        .as("%s in %s", f.cell(), f.release())
                        .isGreaterThanOrEqualTo(config.privacy().protectionWidth()));
        assertThat(r.releases())
                .allSatisfy(
                        rr -> assertThat(rr.secondaryBelowWidth()).as("%s", rr).isZero());
    }

    /** Copies a CSV export without one in ten records dated in 2025Q2; returns how many were held back. */
    private static int holdBack(Path from, Path to, String dateColumn) throws IOException {
        int[] inQuarter = {0};
        return ca.hotlinetrends.testing.ExportFilter.copy(
                from,
                to,
                dateColumn,
                date -> !((date.startsWith("2025-04") || date.startsWith("2025-05") || date.startsWith("2025-06"))
                        && inQuarter[0]++ % 10 == 3));
    }

    /** Category to published value (or {@code x}) of one period of a published CSV table. */
    private static Map<String, String> column(Path releaseDir, String table, String periodType, String period)
            throws IOException {
        Map<String, String> m = new TreeMap<>();
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setCommentMarker('#')
                .get();
        try (Reader in = Files.newBufferedReader(releaseDir.resolve("tables").resolve(table + ".csv"));
                CSVParser parser =
                        CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord rec : parser) {
                if (rec.get("period_type").equals(periodType)
                        && rec.get("period").equals(period)) {
                    m.put(rec.get(2), rec.get(3));
                }
            }
        }
        return m;
    }
}
