package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.testing.StagedTrends;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty consecutive quarterly releases (2021Q4..2026Q3), each from the export as the hotline had it at the end
 * of that quarter: every fifth release misses one in eight records of its own quarter, which arrive with the next
 * export (a revision). Afterwards the outsider audit over all twenty passes, and the ledger holds every cell of
 * every published count table exactly once per release, with the published status and value.
 */
@ca.hotlinetrends.testing.IntegrationTest
class SoakTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final CSVFormat READ =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    @TempDir
    Path dir;

    @Test
    void twentyReleasesWithRevisions_passTheAuditAndTheLedgerHoldsEveryCellOncePerRelease() throws IOException {
        Path full = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(full, 23, 0.15, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.0),
                "csv");
        SparkSession spark = SharedSpark.session();
        HotlineConfig config = HotlineConfig.defaults();
        Warehouse warehouse = new Warehouse(dir.resolve("wh"));
        IngestJob ingest = new IngestJob(spark, SCHEMAS, config, warehouse);
        TrendsJob trends = new TrendsJob(spark, SCHEMAS, config, warehouse);
        List<Quarter> releases = new Quarter(2021, 4).through(new Quarter(2026, 3));
        assertThat(releases).hasSize(20);
        long t0 = System.nanoTime();
        int revisedReleases = 0;
        for (int i = 0; i < releases.size(); i++) {
            Quarter release = releases.get(i);
            boolean holdBack = i % 5 == 2;
            Path asOf = dir.resolve("as-of-" + release);
            Files.createDirectories(asOf);
            asOf(full.resolve("contacts.csv"), asOf.resolve("contacts.csv"), "Date of Contact", release, holdBack);
            asOf(full.resolve("victims.csv"), asOf.resolve("victims.csv"), "Case Opened", release, holdBack);
            for (String dataset : List.of("contacts", "victims")) {
                ingest.run(
                        asOf.resolve(dataset + ".csv").toString(),
                        dataset,
                        release.lastDay(),
                        "soak-" + release + "-" + dataset);
            }
            StagedTrends.publish(trends, warehouse, release, "soak-" + release);
            var periods = RunManifest.json()
                    .readTree(warehouse
                            .release(release)
                            .resolve(ReleaseCertificate.FILE)
                            .toFile())
                    .path("revisions")
                    .path("periods");
            if (!periods.isEmpty()) {
                revisedReleases++;
            }
        }
        System.out.printf(
                "soak: 20 releases in %.1f s, %d with revisions%n", (System.nanoTime() - t0) / 1e9, revisedReleases);
        assertThat(revisedReleases).as("releases that publish a revision").isGreaterThanOrEqualTo(3);

        OutsiderAudit.Result r = new OutsiderAudit(SCHEMAS, config.privacy().protectionWidth())
                .run(warehouse.published(), releases.get(19), q -> new Ledger(warehouse).vintage(q));
        System.out.print(r.summary());
        assertThat(r.releasesRead()).containsExactlyElementsOf(releases);
        assertThat(r.declaredRevisions()).isPositive();
        assertThat(r.passed()).isTrue();

        Ledger ledger = new Ledger(warehouse);
        for (Quarter release : releases) {
            Map<String, String[]> entry = ledger.entry(release);
            Path ledgerFile = warehouse.ledger().resolve("releases").resolve(release + ".csv");
            assertThat(Files.readAllLines(ledgerFile))
                    .as("ledger lines of %s", release)
                    .hasSize(entry.size() + 1);
            Map<String, String[]> publishedCells = publishedCells(warehouse.release(release));
            assertThat(entry.keySet()).as("cells of %s", release).isEqualTo(publishedCells.keySet());
            publishedCells.forEach((id, statusAndValue) -> {
                assertThat(entry.get(id)[0])
                        .as("status of %s in %s", id, release)
                        .isEqualTo(statusAndValue[0]);
                assertThat(entry.get(id)[1])
                        .as("value of %s in %s", id, release)
                        .isEqualTo(statusAndValue[1]);
            });
        }
    }

    /** The export as the hotline had it at the end of {@code release}; optionally one in eight of its own records late. */
    private static void asOf(Path from, Path to, String dateColumn, Quarter release, boolean holdBack)
            throws IOException {
        String last = release.lastDay().toString();
        String first = release.firstDay().toString();
        int[] inQuarter = {0};
        ca.hotlinetrends.testing.ExportFilter.copy(
                from,
                to,
                dateColumn,
                date -> date.compareTo(last) <= 0
                        && !(holdBack && date.compareTo(first) >= 0 && inQuarter[0]++ % 8 == 5));
    }

    /** Cell id to (status, value) of every row of every count table a release published as CSV. */
    private static Map<String, String[]> publishedCells(Path releaseDir) throws IOException {
        Map<String, String[]> cells = new HashMap<>();
        CSVFormat format = READ.builder().setCommentMarker('#').get();
        for (TableSchema t : SCHEMAS.tables()) {
            Path csv = releaseDir.resolve("tables").resolve(t.table() + ".csv");
            if (!t.isCountTable()) {
                continue;
            }
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    CSVParser parser =
                            CSVParser.builder().setReader(in).setFormat(format).get()) {
                List<String> dims = new ArrayList<>(parser.getHeaderNames());
                // period_type is implied by the period code; the measure and status close the row.
                dims.remove("period_type");
                dims.remove(t.measureColumn());
                dims.remove("status");
                for (CSVRecord rec : parser) {
                    List<String> key = new ArrayList<>();
                    dims.forEach(d -> key.add(rec.get(d)));
                    String id = t.table() + "|" + String.join("|", key);
                    String status = rec.get("status");
                    String value = status.equals("published") ? rec.get(t.measureColumn()) : "";
                    assertThat(cells.put(id, new String[] {status, value}))
                            .as("row %s twice", id)
                            .isNull();
                }
            }
        }
        return cells;
    }
}
