package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile-input corpus: huge fields, very long lines, NUL bytes, invalid UTF-8, spreadsheet formulas, path-like
 * values, hostile record references, deeply nested and non-object JSON, and a file of a million copies of one
 * reference. Every record lands where it should with a reason code, read = staged + quarantined, and no hostile
 * value reaches staged data.
 */
@ca.hotlinetrends.testing.IntegrationTest
class HostileInputTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 9, 30);
    private final SparkSession spark = SharedSpark.session();

    @TempDir
    Path dir;

    private IngestResult ingest(Warehouse wh, Path input, String runId) {
        return new IngestJob(spark, SCHEMAS, HotlineConfig.defaults(), wh)
                .run(input.toString(), "contacts", RUN_DATE, runId);
    }

    private static String header() {
        return String.join(
                ",",
                SCHEMAS.dataset("contacts").acceptedFields().stream()
                        .map(f -> f.exportHeader())
                        .toList());
    }

    /** A valid contact row with one column replaced ({@code column} is the export header's position). */
    private static String row(String ref, int column, String value) {
        String[] cells = {
            ref,
            "",
            "2026-07-02",
            "Phone call",
            "Victim or survivor",
            "English",
            "ON",
            "Rural",
            "Yes",
            "No",
            "Not reported"
        };
        if (column >= 0) {
            cells[column] = value;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i];
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            sb.append(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return sb.toString();
    }

    /** contact_ref -> quarantine reason, for every quarantined record. */
    private Map<String, String> quarantine(Warehouse wh) {
        Map<String, String> m = new TreeMap<>();
        for (Row r : spark.read()
                .parquet(wh.quarantine("contacts").toString())
                .select("contact_ref", "reason")
                .collectAsList()) {
            m.merge(String.valueOf(r.getString(0)), r.getString(1), (a, b) -> a + "+" + b);
        }
        return m;
    }

    @Test
    void hostileCsvRows_eachLandInQuarantineWithTheirReason() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((header() + "\n").getBytes(StandardCharsets.UTF_8));
        String[] rows = {
            row("OK1", -1, null),
            row("OK2", 5, "Fran\u00e7ais"), // valid UTF-8 beyond ASCII
            row("H01", 4, "A".repeat(5_000_000)), // a 5 MB field
            row("H02", 5, "Eng\u0000lish"), // NUL byte
            row("H03", 4, "=HYPERLINK(\"http://example.invalid\",\"x\")"), // formulas
            row("H04", 6, "+cmd|' /C calc'!A0"),
            row("H05", 3, "@SUM(1+1)"),
            row("H06", 6, "../../etc/passwd"), // path-like
            row("H07", 7, "C:\\Windows\\system32"),
            row("=1+1", -1, null), // hostile references
            row("../../x", -1, null),
            row("R".repeat(10_000), -1, null),
        };
        for (String r : rows) {
            bytes.writeBytes((r + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // Invalid UTF-8 inside one row of an otherwise UTF-8 file.
        bytes.writeBytes(row("H08", 5, "Fran").getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28}, 0, 2);
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        // A very long line: 50,000 columns (Spark's parser stops at 20,480 unless told).
        bytes.writeBytes((row("H09", -1, null) + ",x".repeat(50_000) + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("contacts.csv");
        Files.write(file, bytes.toByteArray());
        Warehouse wh = new Warehouse(dir.resolve("wh"));

        IngestResult r = ingest(wh, file, "hostile");
        assertThat(r.read()).isEqualTo(14);
        assertThat(r.staged()
                        + r.quarantinedByReason().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(r.read());
        assertThat(r.staged()).isEqualTo(2);
        Map<String, String> q = quarantine(wh);
        System.out.println("hostile CSV outcomes: "
                + q.entrySet().stream()
                        .map(e -> (e.getKey().length() > 12 ? e.getKey().substring(0, 12) + "..." : e.getKey()) + "="
                                + e.getValue())
                        .toList());
        assertThat(q)
                .containsEntry("H01", "MALFORMED_ROW")
                .containsEntry("H02", "UNKNOWN_CODE")
                .containsEntry("H03", "UNKNOWN_CODE")
                .containsEntry("H04", "UNKNOWN_CODE")
                .containsEntry("H05", "UNKNOWN_CODE")
                .containsEntry("H06", "UNKNOWN_CODE")
                .containsEntry("H07", "UNKNOWN_CODE")
                .containsEntry("=1+1", "BAD_TYPE")
                .containsEntry("../../x", "BAD_TYPE")
                .containsEntry("R".repeat(10_000), "BAD_TYPE")
                .containsEntry("H08", "BAD_ENCODING");
        // H01 (a field far longer than any code) and H09 (the 50,000-column line, whose reference the parser cannot
        // place) are malformed; their values are withheld whole in the quarantine, never scanned.
        assertThat(r.quarantinedByReason()).containsEntry("MALFORMED_ROW", 2L);
        assertThat(spark.read()
                        .parquet(wh.quarantine("contacts").toString())
                        .where("contact_ref = 'H01'")
                        .select("caller_type")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .first())
                .isEqualTo("*** (5000000 characters withheld)");
        List<String> staged = spark.read()
                .parquet(wh.staged("contacts").toString())
                .select("contact_ref")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertThat(staged).containsExactlyInAnyOrder("OK1", "OK2");
        // Nothing under the warehouse is named after a value.
        try (Stream<Path> all = Files.walk(wh.root())) {
            assertThat(all.map(Path::toString))
                    .noneMatch(p -> p.contains("passwd") || p.contains("system32") || p.contains("=1+1"));
        }
    }

    @Test
    void hostileJsonLines_nestedArraysAndNonObjects_areQuarantined() throws IOException {
        String[] headers = SCHEMAS.dataset("contacts").acceptedFields().stream()
                .map(f -> f.exportHeader())
                .toArray(String[]::new);
        String[] good = {
            "J0",
            "",
            "2026-07-02",
            "Phone call",
            "Victim or survivor",
            "English",
            "ON",
            "Rural",
            "Yes",
            "No",
            "Not reported"
        };
        StringBuilder ok = new StringBuilder("{");
        for (int i = 0; i < headers.length; i++) {
            ok.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(headers[i])
                    .append("\":\"")
                    .append(good[i])
                    .append('"');
        }
        ok.append('}');
        String nested = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        Path file = dir.resolve("contacts.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(ok + "\n");
            w.write(ok.toString().replace("\"J0\"", "\"J1\"").replace("\"Victim or survivor\"", nested) + "\n");
            w.write(ok.toString().replace("\"J0\"", "\"J2\"").replace("\"English\"", "[\"English\",\"French\"]")
                    + "\n");
            w.write("[1,2,3]\n");
            w.write("\"just a string\"\n");
            w.write("{\"Contact ID\": \"J5\", \"Date of Contact\": {\"$date\": 1}}\n");
        }
        Warehouse wh = new Warehouse(dir.resolve("wh-json"));
        IngestResult r = ingest(wh, file, "hostile-json");
        System.out.println("hostile JSON outcomes: " + r.quarantinedByReason() + ", staged " + r.staged());
        assertThat(r.read()).isEqualTo(6);
        assertThat(r.staged()).isEqualTo(1);
        // Too deep to parse (Jackson's nesting limit), an array and a bare string: malformed; an array where a code
        // belongs: not a code; an object for a date and missing fields: missing required.
        assertThat(r.quarantinedByReason())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("MALFORMED_ROW", 3L, "UNKNOWN_CODE", 1L, "MISSING_REQUIRED", 1L));
        assertThat(r.staged()
                        + r.quarantinedByReason().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(6);
    }

    @Test
    void aMillionCopiesOfOneReference_keepOneAndQuarantineTheRest() throws IOException {
        Path file = dir.resolve("contacts.csv");
        int copies = 1_000_000;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header() + "\n");
            String line = row("SAME", -1, null) + "\n";
            for (int i = 0; i < copies; i++) {
                w.write(line);
            }
            w.write(row("OTHER", -1, null) + "\n");
        }
        Warehouse wh = new Warehouse(dir.resolve("wh-dup"));
        long t0 = System.nanoTime();
        IngestResult r = ingest(wh, file, "dups");
        System.out.printf(
                "a million duplicate refs: ingested in %.1f s, heap used %d MB%n",
                (System.nanoTime() - t0) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        assertThat(r.read()).isEqualTo(copies + 1);
        assertThat(r.staged()).isEqualTo(2);
        assertThat(r.quarantinedByReason()).containsExactly(Map.entry("DUPLICATE_REF", (long) copies - 1));
        assertThat(r.thresholdExceeded()).isTrue();
    }

    @Test
    void aRecordBeyondTheLimits_refusesTheWholeFile_stagingNothing() throws IOException {
        Path file = dir.resolve("contacts.csv");
        Files.writeString(
                file,
                header() + "\n" + row("OK1", -1, null) + "\n" + row("BIG", -1, null) + ",x".repeat(200_000) + "\n");
        assertThatThrownBy(() -> ingest(new Warehouse(dir.resolve("wh-big")), file, "big"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("200011 fields")
                .hasMessageContaining("nothing was staged");
    }

    @Test
    void aFileThatIsNotTextAtAll_isRefused() throws IOException {
        Path file = dir.resolve("contacts.csv");
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(noise);
        Files.write(file, noise);
        assertThatThrownBy(() -> ingest(new Warehouse(dir.resolve("wh-noise")), file, "noise"))
                .isInstanceOf(IngestException.class);
    }
}
