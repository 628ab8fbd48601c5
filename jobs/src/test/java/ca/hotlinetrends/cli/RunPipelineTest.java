package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline through the command line, on a small seeded export: what a release publishes. */
class RunPipelineTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    @TempDir
    static Path dir;
    static Path release;
    static int exitCode;

    @BeforeAll
    static void runOnce() {
        Path export = dir.resolve("export");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(export, 99, 0.6, new Quarter(2019, 1), new Quarter(2026, 3),
                "csv", 0.0), "csv");
        exitCode = HotlineTrends.execute("run", "--input", export.toString(), "--release", "2026Q3",
                "--warehouse", dir.resolve("wh").toString());
        release = dir.resolve("wh/published/2026Q3");
    }

    private static List<CSVRecord> table(String name) throws Exception {
        try (Reader r = Files.newBufferedReader(release.resolve("tables").resolve(name + ".csv"), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180.builder().setHeader()
                        .setSkipHeaderRecord(true).setCommentMarker('#').get()).get()) {
            return p.getRecords();
        }
    }

    @Test
    void run_succeedsAndPublishesEveryPart() {
        assertThat(exitCode).isZero();
        for (TableSchema t : SCHEMAS.tables()) {
            assertThat(release.resolve("tables").resolve(t.table() + ".csv")).exists();
            assertThat(release.resolve("tables").resolve(t.table())).isDirectory();
        }
        assertThat(release.resolve("microdata/victims")).isDirectory();
        assertThat(release.resolve("microdata/anonymization.json")).exists();
        assertThat(release.resolve("reports/newsletter-en.html")).exists();
        assertThat(release.resolve("reports/policy-brief-fr.pdf")).exists();
        assertThat(release.resolve("charts/rates-by-province-en.png")).exists();
    }

    @Test
    void everyPublishedCount_isZeroOrAtLeastTheMinimumAndSuppressedOnesReadX() throws Exception {
        for (TableSchema t : SCHEMAS.tables()) {
            if (!t.isCountTable()) {
                continue;
            }
            for (CSVRecord r : table(t.table())) {
                String value = r.get(t.measureColumn());
                if (r.get("status").equals("published")) {
                    long n = Long.parseLong(value);
                    assertThat(n == 0 || n >= 5).as("%s %s", t.table(), r.toMap()).isTrue();
                } else {
                    assertThat(value).isEqualTo("x");
                    assertThat(r.get("status")).isIn("suppressed-primary", "suppressed-secondary");
                }
            }
        }
    }

    @Test
    void derivedNumbers_followTheirCounts() throws Exception {
        for (CSVRecord r : table("rates_by_province")) {
            boolean published = r.get("status").equals("published");
            assertThat(r.get("rate_per_100k").equals("x")).isEqualTo(!published);
            assertThat(r.get("cases").equals("x")).isEqualTo(!published);
        }
        for (String changes : List.of("changes_by_province", "changes_by_trafficking_type")) {
            for (CSVRecord r : table(changes)) {
                if (!r.get("status").equals("published")) {
                    assertThat(r.get("p_value")).isEqualTo("x");
                    assertThat(r.get("cases")).isEqualTo("x");
                } else {
                    assertThat(Double.parseDouble(r.get("p_adjusted"))).isGreaterThanOrEqualTo(Double.parseDouble(r.get("p_value")));
                }
            }
        }
    }

    @Test
    void certificate_recordsTheRulesTheAuditAndEveryFileHash() throws Exception {
        JsonNode cert = new ObjectMapper().readTree(release.resolve("certificate.json").toFile());
        assertThat(cert.path("audit").path("passed").asBoolean()).isTrue();
        assertThat(cert.path("audit").path("narrowest_feasible_range").asDouble()).isGreaterThanOrEqualTo(5);
        assertThat(cert.path("table_protection").path("min_cell_count").asInt()).isEqualTo(5);
        assertThat(cert.path("table_protection").path("suppressed_primary").asInt()).isPositive();
        assertThat(cert.path("files_sha256").has("tables/cases_by_province.csv")).isTrue();
        assertThat(cert.path("files_sha256").has("reports/newsletter-en.html")).isTrue();
        assertThat(cert.path("files_sha256").has("microdata/anonymization.json")).isTrue();
        // The record-level protection is stated too, so the brief's appendix shows k rather than "not part of this release".
        assertThat(cert.path("anonymization").path("k").asInt()).isEqualTo(11);
        assertThat(cert.path("anonymization").path("quasi_identifiers")).isNotEmpty();
        assertThat(cert.path("revisions").path("periods")).isEmpty();
        assertThat(dir.resolve("wh/ledger/releases/2026Q3.csv")).exists();
    }

    @Test
    void aRefusedExport_exitsWithTheBadInputCode() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("contacts.csv"), "Contact ID,Caller Phone\nCT1,416-555-0199\n");
        assertThat(HotlineTrends.execute("ingest", "--input", bad.resolve("contacts.csv").toString(), "--dataset",
                "contacts", "--warehouse", dir.resolve("wh-bad").toString())).isEqualTo(HotlineTrends.BAD_INPUT);
    }
}
