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
@ca.hotlinetrends.testing.IntegrationTest
class RunPipelineTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    @TempDir
    static Path dir;

    static Path release;
    static int exitCode;

    @BeforeAll
    static void runOnce() {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 99, 0.6, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.0),
                "csv");
        exitCode = HotlineTrends.execute(
                "run",
                "--input",
                export.toString(),
                "--release",
                "2026Q3",
                "--warehouse",
                dir.resolve("wh").toString());
        release = dir.resolve("wh/published/2026Q3");
    }

    private static List<CSVRecord> table(String name) throws Exception {
        try (Reader r = Files.newBufferedReader(
                        release.resolve("tables").resolve(name + ".csv"), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder()
                        .setReader(r)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .setCommentMarker('#')
                                .get())
                        .get()) {
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

    /**
     * What anonymization.json says of the records is a function of the published records: the records published are
     * the rows of the files, and the values blanked of a column are its {@code *} where its level is below the top
     * (at the top every value is {@code *} and none is blanked).
     */
    @Test
    void anonymizationCounts_areFunctionsOfThePublishedRecords() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(release.resolve("microdata/anonymization.json").toFile());
        org.apache.spark.sql.SparkSession spark = ca.hotlinetrends.testing.SharedSpark.session();
        for (JsonNode d : doc.path("datasets")) {
            String name = d.path("dataset").asText();
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> records = spark.read()
                    .parquet(release.resolve("microdata").resolve(name).toString());
            assertThat(records.count())
                    .as(name)
                    .isEqualTo(d.path("records_published").asLong());
            long total = 0;
            for (java.util.Iterator<String> it = d.path("values_blanked").fieldNames(); it.hasNext(); ) {
                String column = it.next();
                int level = d.path("generalisation_levels").path(column).asInt();
                long stars = records.where(
                                org.apache.spark.sql.functions.col(column).equalTo("*"))
                        .count();
                long expected = level < SCHEMAS.hierarchy(column).height() - 1 ? stars : 0;
                assertThat(d.path("values_blanked").path(column).asLong())
                        .as("%s.%s", name, column)
                        .isEqualTo(expected);
                total += expected;
            }
            assertThat(d.path("values_blanked_total").asLong()).as(name).isEqualTo(total);
        }
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
                    assertThat(n == 0 || n >= 5)
                            .as("%s %s", t.table(), r.toMap())
                            .isTrue();
                } else {
                    assertThat(value).isEqualTo("x");
                    assertThat(r.get("status")).isEqualTo("suppressed");
                }
            }
        }
    }

    /**
     * The attacker reads every published byte: no file (CSV, JSON, HTML, SVG, the text of the PDFs, the Parquet
     * files' footers and string values) says why a cell is suppressed or gives a statistic of suppressed values.
     */
    @Test
    void noPublishedFile_saysWhyACellIsSuppressed() throws Exception {
        java.util.regex.Pattern reason = java.util.regex.Pattern.compile(
                "suppressed[-_ ](primary|secondary)|primaire|secondaire|suppressed_count_share|count_share"
                        + "|small count\\)|\\(primary\\)|\\(secondary\\)",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        List<Path> files;
        try (var walk = Files.walk(release)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int read = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            String text;
            if (name.endsWith(".pdf")) {
                try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(f.toFile())) {
                    text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
                }
            } else if (name.endsWith(".png")) {
                continue; // pixels: the charts' text is checked in their SVG twins
            } else {
                text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            }
            read++;
            assertThat(reason.matcher(text).find())
                    .as("%s names a reason for suppression", release.relativize(f))
                    .isFalse();
        }
        assertThat(read).isGreaterThan(40);
        // Parquet values are compressed: read every string column of every published table back.
        for (TableSchema t : SCHEMAS.tables()) {
            try (var walk = Files.walk(release.resolve("tables").resolve(t.table()))) {
                for (Path f :
                        walk.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                    var file = org.apache.parquet.hadoop.ParquetFileReader.open(
                            org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                                    new org.apache.hadoop.fs.Path(f.toUri()),
                                    new org.apache.hadoop.conf.Configuration()));
                    try (file) {
                        var rows = file.readNextRowGroup();
                        var schema = file.getFooter().getFileMetaData().getSchema();
                        var reader = new org.apache.parquet.io.ColumnIOFactory()
                                .getColumnIO(schema)
                                .getRecordReader(
                                        rows,
                                        new org.apache.parquet.example.data.simple.convert.GroupRecordConverter(
                                                schema));
                        java.util.Set<String> statuses = new java.util.TreeSet<>();
                        for (long i = 0; i < rows.getRowCount(); i++) {
                            statuses.add(reader.read().getString("status", 0));
                        }
                        assertThat(statuses).as("%s status values", t.table()).isSubsetOf("published", "suppressed");
                    }
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
                    assertThat(Double.parseDouble(r.get("p_adjusted")))
                            .isGreaterThanOrEqualTo(Double.parseDouble(r.get("p_value")));
                }
            }
        }
    }

    /**
     * Every number of the derived tables (rates and their intervals, changes, p-values, adjusted p-values,
     * significance, trend fits) is a function of published counts: recomputed from the published count tables
     * alone, with every suppressed count replaced by 0, they come out the same. Were a true suppressed count used,
     * this would differ.
     */
    @Test
    void derivedNumbers_areFunctionsOfPublishedCountsOnly() throws Exception {
        Quarter q = Quarter.parse("2026Q3");
        ca.hotlinetrends.tables.CountTable cases = fromPublished("cases_by_province", "province_code");
        ca.hotlinetrends.tables.CountTable types = fromPublished("cases_by_trafficking_type", "trafficking_type");
        List<String> provinces =
                new java.util.ArrayList<>(SCHEMAS.codeList("province").codes());
        provinces.add("CA");
        List<String> typeCodes =
                new java.util.ArrayList<>(SCHEMAS.codeList("trafficking_type").codes());
        typeCodes.add("TOTAL");
        List<Object[]> byProvince = ca.hotlinetrends.trends.DerivedTables.changes(cases, q, provinces);
        List<Object[]> byType = ca.hotlinetrends.trends.DerivedTables.changes(types, q, typeCodes);
        ca.hotlinetrends.trends.DerivedTables.adjustJointly(List.of(byProvince, byType));
        sameRows("rates_by_province", ca.hotlinetrends.trends.DerivedTables.rates(cases, SCHEMAS.population()));
        sameRows("changes_by_province", byProvince);
        sameRows("changes_by_trafficking_type", byType);
        sameRows("trend_by_province", ca.hotlinetrends.trends.DerivedTables.trends(cases, q, provinces));
    }

    /** A published count table as the public has it: suppressed cells carry 0, not their value. */
    private static ca.hotlinetrends.tables.CountTable fromPublished(String name, String dimension) throws Exception {
        List<ca.hotlinetrends.tables.CountTable.Cell> cells = new java.util.ArrayList<>();
        String measure = SCHEMAS.table(name).measureColumn();
        for (CSVRecord r : table(name)) {
            boolean published = r.get("status").equals("published");
            cells.add(new ca.hotlinetrends.tables.CountTable.Cell(
                    List.of(r.get("period"), r.get(dimension)),
                    published ? Long.parseLong(r.get(measure)) : 0,
                    published
                            ? ca.hotlinetrends.tables.CountTable.Status.PUBLISHED
                            : ca.hotlinetrends.tables.CountTable.Status.SUPPRESSED_SECONDARY));
        }
        return new ca.hotlinetrends.tables.CountTable(name, List.of("period", dimension), cells);
    }

    private static void sameRows(String name, List<Object[]> recomputed) throws Exception {
        List<CSVRecord> rows = table(name);
        assertThat(rows).as(name).hasSize(recomputed.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] expected = recomputed.get(i);
            for (int c = 0; c < expected.length; c++) {
                String shown = rows.get(i).get(c);
                Object v = expected[c];
                if (v == null) {
                    assertThat(shown).as("%s row %d column %d", name, i, c).isIn("x", "");
                } else if (v instanceof Double d) {
                    assertThat(Double.parseDouble(shown))
                            .as("%s row %d column %d", name, i, c)
                            .isEqualTo(d);
                } else {
                    assertThat(shown).as("%s row %d column %d", name, i, c).isEqualTo(String.valueOf(v));
                }
            }
        }
    }

    @Test
    void certificate_recordsTheRulesTheAuditAndEveryFileHash() throws Exception {
        JsonNode cert =
                new ObjectMapper().readTree(release.resolve("certificate.json").toFile());
        assertThat(cert.path("audit").path("passed").asBoolean()).isTrue();
        assertThat(cert.path("audit").path("narrowest_feasible_range").isIntegralNumber())
                .isTrue();
        assertThat(cert.path("table_protection").path("min_cell_count").asInt()).isEqualTo(5);
        assertThat(cert.path("table_protection").path("suppressed_cells").asInt())
                .isPositive();
        // Nothing that says why a cell is suppressed, and no statistic of the suppressed values.
        assertThat(cert.path("table_protection").has("suppressed_primary")).isFalse();
        assertThat(cert.path("table_protection").has("suppressed_secondary")).isFalse();
        assertThat(cert.path("table_protection").has("suppressed_count_share")).isFalse();
        assertThat(cert.path("files_sha256").has("tables/cases_by_province.csv"))
                .isTrue();
        assertThat(cert.path("files_sha256").has("reports/newsletter-en.html")).isTrue();
        assertThat(cert.path("files_sha256").has("microdata/anonymization.json"))
                .isTrue();
        // The record-level protection is stated too, so the brief's appendix shows k rather than "not part of this
        // release".
        assertThat(cert.path("anonymization").path("k").asInt()).isEqualTo(11);
        assertThat(cert.path("anonymization").path("quasi_identifiers")).isNotEmpty();
        assertThat(cert.path("revisions").path("periods")).isEmpty();
        assertThat(dir.resolve("wh/ledger/releases/2026Q3.csv")).exists();
    }

    /**
     * The run's report (restricted, beside its manifest) shows the manifests' figures, and no value of any record: no
     * reference (victim, contact or case id) of the export appears in it.
     */
    @Test
    void theRunReport_showsTheManifestsFigures_andNoRecordValue() throws Exception {
        Path runDir = RunFixture.lastRun(dir.resolve("wh"));
        JsonNode run = ca.hotlinetrends.warehouse.RunManifest.json()
                .readTree(runDir.resolve("manifest.json").toFile());
        Path report = runDir.resolve("report.html");
        java.util.Map<String, String> f = ca.hotlinetrends.testing.RunReportFigures.of(report);
        assertThat(f)
                .containsEntry("status", "published")
                .containsEntry("run-id", run.path("run_id").asText())
                .containsEntry("content-id", run.path("content_id").asText())
                .doesNotContainKey("failed-stage");
        for (String dataset : List.of("contacts", "victims")) {
            JsonNode in = ca.hotlinetrends.warehouse.RunManifest.json()
                    .readTree(Path.of(run.path("ingest_manifest_" + dataset).asText())
                            .toFile());
            assertThat(count(f, "read-" + dataset))
                    .isEqualTo(in.path("rows_read").asLong())
                    .isPositive();
            assertThat(count(f, "staged-" + dataset))
                    .isEqualTo(in.path("rows_staged").asLong());
            assertThat(count(f, "quarantined-" + dataset))
                    .isEqualTo(in.path("rows_quarantined").asLong());
        }
        List<String> stages = new java.util.ArrayList<>();
        run.path("stages").fields().forEachRemaining(e -> {
            stages.add(e.getKey());
            assertThat(f.get("stage-seconds-" + e.getKey()))
                    .as(e.getKey())
                    .isEqualTo(String.format(
                            java.util.Locale.ROOT,
                            "%.2f",
                            e.getValue().path("seconds").asDouble()));
        });
        assertThat(stages).containsExactly("ingest", "trends", "microdata", "tables", "report", "publish");
        JsonNode protection = run.path("table_protection");
        assertThat(count(f, "cells"))
                .isEqualTo(protection.path("cells").asLong())
                .isPositive();
        assertThat(count(f, "small-counts"))
                .isEqualTo(protection.path("suppressed_small_counts").asLong());
        assertThat(count(f, "complements"))
                .isEqualTo(protection.path("suppressed_to_protect_them").asLong());
        assertThat(count(f, "revised-cells"))
                .isEqualTo(run.path("revisions").path("cells").asLong())
                .isZero();
        int queries = 0;
        for (var d = run.path("research_utility").fields(); d.hasNext(); ) {
            var dataset = d.next();
            for (var q = dataset.getValue().fields(); q.hasNext(); queries++) {
                var query = q.next();
                assertThat(f.get("utility-" + dataset.getKey() + "-" + query.getKey() + "-usable-share"))
                        .isEqualTo(String.format(
                                java.util.Locale.ROOT,
                                "%.2f%%",
                                100 * query.getValue().path("usable_share").asDouble()));
            }
        }
        assertThat(queries).isPositive();
        // No reference of any record (every "... ID" column of both exports) is a word of the report.
        java.util.Set<String> words =
                new java.util.HashSet<>(List.of(Files.readString(report).split("[^A-Za-z0-9_.:-]+")));
        int references = 0;
        for (String dataset : List.of("contacts", "victims")) {
            try (Reader r = Files.newBufferedReader(
                            dir.resolve("export").resolve(dataset + ".csv"), StandardCharsets.UTF_8);
                    CSVParser p = CSVParser.builder()
                            .setReader(r)
                            .setFormat(CSVFormat.RFC4180
                                    .builder()
                                    .setHeader()
                                    .setSkipHeaderRecord(true)
                                    .get())
                            .get()) {
                List<String> ids = p.getHeaderNames().stream()
                        .filter(h -> h.endsWith(" ID"))
                        .toList();
                assertThat(ids).as(dataset).isNotEmpty();
                for (CSVRecord rec : p) {
                    for (String id : ids) {
                        if (!rec.get(id).isBlank()) {
                            references++;
                            assertThat(words)
                                    .as("%s %s in the run report", dataset, id)
                                    .doesNotContain(rec.get(id));
                        }
                    }
                }
            }
        }
        assertThat(references).isGreaterThan(1000);
    }

    private static long count(java.util.Map<String, String> figures, String id) {
        assertThat(figures).as("the run report's figures").containsKey(id);
        return ca.hotlinetrends.testing.RunReportFigures.count(figures.get(id));
    }

    @Test
    void aRefusedExport_exitsWithTheBadInputCode() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("contacts.csv"), "Contact ID,Caller Phone\nCT1,416-555-0199\n");
        assertThat(HotlineTrends.execute(
                        "ingest",
                        "--input",
                        bad.resolve("contacts.csv").toString(),
                        "--dataset",
                        "contacts",
                        "--warehouse",
                        dir.resolve("wh-bad").toString()))
                .isEqualTo(HotlineTrends.BAD_INPUT);
    }
}
