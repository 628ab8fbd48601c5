package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.ExportFilter;
import ca.hotlinetrends.warehouse.RunManifest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled run: on the 15th of the month after a quarter, `run --release latest` reads an export pulled that
 * day, which holds records of the quarter in progress. They are valid: staged for later releases, counted in the
 * run manifest, never quarantined and never in the release. The next quarter's run, on the complete export,
 * publishes that quarter with the earlier quarter's cells unchanged.
 */
@ca.hotlinetrends.testing.IntegrationTest
class RunMidQuarterTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    @TempDir
    Path dir;

    @Test
    void cronRunOnTheFifteenth_publishesTheEndedQuarterAndKeepsTheNewRecordsForLater() throws IOException {
        Path full = dir.resolve("full");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(full, 5, 0.3, new Quarter(2025, 1), new Quarter(2026, 4), "csv", 0.0),
                "csv");
        LocalDate pulled = LocalDate.of(2026, 10, 15);
        Path mid = dir.resolve("mid");
        Files.createDirectories(mid);
        long laterContacts = upTo(full.resolve("contacts.csv"), mid.resolve("contacts.csv"), "Date of Contact", pulled);
        long laterVictims = upTo(full.resolve("victims.csv"), mid.resolve("victims.csv"), "Case Opened", pulled);
        assertThat(laterContacts).as("contacts of 2026Q4 up to the 15th").isPositive();
        Path warehouse = dir.resolve("wh");

        int exit = HotlineTrends.execute(
                "run",
                "--input",
                mid.toString(),
                "--release",
                "latest",
                "--run-date",
                pulled.toString(),
                "--warehouse",
                warehouse.toString(),
                "--master",
                "local[2]");

        assertThat(exit).isZero();
        Path q3 = warehouse.resolve("published/2026Q3");
        assertThat(q3.resolve("certificate.json")).exists();
        assertThat(warehouse.resolve("published/2026Q4")).doesNotExist();
        JsonNode manifest = runManifest(warehouse, "2026Q3");
        assertThat(manifest.path("status").asText()).isEqualTo("published");
        assertThat(manifest.path("records_after_release").path("contacts").asLong())
                .isEqualTo(laterContacts);
        assertThat(manifest.path("records_after_release").path("victims").asLong())
                .isEqualTo(laterVictims);
        for (String dataset : List.of("contacts", "victims")) {
            JsonNode ingest = RunManifest.json()
                    .readTree(
                            Path.of(manifest.path("ingest_manifest_" + dataset).asText())
                                    .toFile());
            assertThat(ingest.path("rows_quarantined").asLong()).as(dataset).isZero();
            assertThat(ingest.path("staged_by_quarter").has("2026Q4"))
                    .as(dataset)
                    .isTrue();
        }
        Map<String, String> q3CellsThen = quarterCells(q3, "2026Q3");
        assertThat(q3CellsThen).isNotEmpty();
        assertThat(quarterCells(q3, "2026Q4"))
                .as("the quarter in progress in release 2026Q3")
                .isEmpty();

        int next = HotlineTrends.execute(
                "run",
                "--input",
                full.toString(),
                "--release",
                "2026Q4",
                "--run-date",
                "2027-01-15",
                "--warehouse",
                warehouse.toString(),
                "--master",
                "local[2]");

        assertThat(next).isZero();
        Path q4 = warehouse.resolve("published/2026Q4");
        assertThat(quarterCells(q4, "2026Q3"))
                .as("2026Q3 as release 2026Q4 shows it")
                .isEqualTo(q3CellsThen);
        assertThat(quarterCells(q4, "2026Q4")).isNotEmpty();
        assertThat(runManifest(warehouse, "2026Q4")
                        .path("records_after_release")
                        .path("contacts")
                        .asLong())
                .isZero();
    }

    @Test
    void recordsAfterTheRunDate_remainErrors() throws IOException {
        Path full = dir.resolve("full");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(full, 6, 0.2, new Quarter(2025, 1), new Quarter(2026, 4), "csv", 0.0),
                "csv");
        int exit = HotlineTrends.execute(
                "run",
                "--input",
                full.toString(),
                "--release",
                "2026Q3",
                "--run-date",
                "2026-10-15",
                "--warehouse",
                dir.resolve("wh").toString(),
                "--master",
                "local[2]");
        // Two and a half months of records dated after the day the export was pulled: quarantined, over the threshold.
        assertThat(exit).isEqualTo(HotlineTrends.BAD_INPUT);
        JsonNode manifest = runManifest(dir.resolve("wh"), "2026Q3");
        JsonNode ingest = RunManifest.json()
                .readTree(Path.of(manifest.path("ingest_manifest_contacts").asText())
                        .toFile());
        assertThat(ingest.path("quarantined_by_reason")
                        .path("DATE_OUT_OF_RANGE")
                        .asLong())
                .isPositive();
    }

    /** Copies a CSV export keeping the records dated on or before {@code last}; returns how many of them are after 2026Q3. */
    private static long upTo(Path from, Path to, String dateColumn, LocalDate last) throws IOException {
        long[] later = {0};
        String end = last.toString();
        String q3 = new Quarter(2026, 3).lastDay().toString();
        ExportFilter.copy(from, to, dateColumn, date -> {
            boolean keep = date.substring(0, 10).compareTo(end) <= 0;
            later[0] += keep && date.substring(0, 10).compareTo(q3) > 0 ? 1 : 0;
            return keep;
        });
        return later[0];
    }

    /** The run manifest of the run of a release (not its ingest manifests). */
    private static JsonNode runManifest(Path warehouse, String release) throws IOException {
        try (Stream<Path> runs = Files.list(warehouse.resolve("restricted/runs"))) {
            for (Path run : runs.sorted().toList()) {
                Path m = run.resolve("manifest.json");
                if (!Files.isRegularFile(m)) {
                    continue;
                }
                JsonNode node = RunManifest.json().readTree(m.toFile());
                if (node.path("command").asText().equals("run")
                        && node.path("release").asText().equals(release)) {
                    return node;
                }
            }
        }
        throw new AssertionError("no run manifest for " + release);
    }

    /** The cells of one quarter in a release's quarterly tables: cell to "status value". */
    private static Map<String, String> quarterCells(Path release, String quarter) throws IOException {
        Map<String, String> cells = new TreeMap<>();
        for (String table : List.of("cases_by_province", "contacts_by_channel", "cases_by_trafficking_type")) {
            try (Reader r = Files.newBufferedReader(release.resolve("tables").resolve(table + ".csv"));
                    CSVParser p = CSVParser.builder()
                            .setReader(r)
                            .setFormat(CSVFormat.RFC4180
                                    .builder()
                                    .setHeader()
                                    .setSkipHeaderRecord(true)
                                    .setCommentMarker('#')
                                    .get())
                            .get()) {
                for (CSVRecord rec : p) {
                    if (rec.get("period").equals(quarter)) {
                        cells.put(
                                table + "|" + String.join("|", rec.toList().subList(1, rec.size() - 2)),
                                rec.get("status") + " " + rec.get(rec.size() - 2));
                    }
                }
            }
        }
        return cells;
    }
}
