package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ca.hotlinetrends.testing.IntegrationTest
class IngestJobTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 9, 30);
    private final SparkSession spark = SharedSpark.session();

    private IngestResult ingest(Warehouse wh, Path input, String dataset, String runId) {
        return new IngestJob(spark, SCHEMAS, HotlineConfig.defaults(), wh)
                .run(input.toString(), dataset, RUN_DATE, runId);
    }

    private static String header(String dataset) {
        return String.join(
                ",",
                SCHEMAS.dataset(dataset).acceptedFields().stream()
                        .map(f -> f.exportHeader())
                        .toList());
    }

    // Generates and ingests a whole dirty export at five times the demo's size: end to end (about 14 s), run in verify.
    @ca.hotlinetrends.testing.IntegrationTest
    @Test
    void dirtyCorpus_everyPlantedRecordLandsWithItsReason(@TempDir Path dir) throws IOException {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 5, 0.4, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.04),
                "csv");
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        Map<String, IngestResult> results = new HashMap<>();
        for (String dataset : List.of("contacts", "victims")) {
            IngestResult r = ingest(wh, export.resolve(dataset + ".csv"), dataset, "t-" + dataset);
            results.put(dataset, r);
            long lines = countRecords(export.resolve(dataset + ".csv"));
            assertThat(r.read()).as("%s: every record is read", dataset).isEqualTo(lines);
            assertThat(r.read()).isEqualTo(r.staged() + r.quarantined());
            Dataset<Row> staged = spark.read().parquet(wh.staged(dataset).toString());
            assertThat(staged.count()).isEqualTo(r.staged());
            // Exactly the schema's staged columns, in every staged file (nothing of the rejected-record layout).
            assertThat(staged.columns())
                    .containsExactlyInAnyOrderElementsOf(
                            SCHEMAS.dataset(dataset).stagedColumns());
            try (var files = Files.walk(wh.staged(dataset))) {
                List<Path> parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                        .toList();
                assertThat(parts).isNotEmpty();
                for (Path part : parts) {
                    assertThat(spark.read().parquet(part.toString()).columns())
                            .as(part.getFileName().toString())
                            .containsExactlyElementsOf(IngestTransform.stagedFileColumns(SCHEMAS.dataset(dataset)));
                }
            }
            // Each reference once: duplicates were quarantined, not staged.
            String key = SCHEMAS.dataset(dataset).key();
            assertThat(staged.select(key).distinct().count()).isEqualTo(r.staged());
            assertThat(r.quarantinedByReason()).containsKey("DUPLICATE_REF");
        }
        // Each label: (dataset, ref, kind, expected reason); the quarantine must hold that ref with that reason.
        List<String> lines = Files.readAllLines(export.resolve("dirty-labels.csv"));
        List<String> labels = lines.subList(1, lines.size());
        assertThat(labels).isNotEmpty();
        Map<String, Set<String>> quarantined = new HashMap<>();
        for (String dataset : List.of("contacts", "victims")) {
            String key = SCHEMAS.dataset(dataset).key();
            for (Row q : spark.read()
                    .parquet(wh.quarantine(dataset).toString())
                    .select("reason", key)
                    .collectAsList()) {
                quarantined
                        .computeIfAbsent(dataset + "|" + q.getString(0), k -> new HashSet<>())
                        .add(q.getString(1));
            }
        }
        Map<String, Long> expected = new HashMap<>();
        for (String label : labels) {
            String[] p = label.split(",", -1);
            String dataset = p[0];
            String ref = p[2];
            String reason = p[4];
            expected.merge(dataset + "|" + reason, 1L, Long::sum);
            assertThat(quarantined.getOrDefault(dataset + "|" + reason, Set.of()))
                    .as("%s record %s planted as %s", dataset, p[1], p[3])
                    .contains(ref);
        }
        for (String dataset : List.of("contacts", "victims")) {
            results.get(dataset)
                    .quarantinedByReason()
                    .forEach((reason, n) ->
                            assertThat(n).as("%s %s", dataset, reason).isEqualTo(expected.get(dataset + "|" + reason)));
            // By quarter and reason, the same counts: dates out of range, and no date at all, fall under "none".
            var byQuarter = RunManifest.json()
                    .readTree(results.get(dataset).manifest().toFile())
                    .path("quarantined_by_quarter");
            Map<String, Long> summed = new HashMap<>();
            byQuarter
                    .fields()
                    .forEachRemaining(q -> q.getValue()
                            .fields()
                            .forEachRemaining(
                                    e -> summed.merge(e.getKey(), e.getValue().asLong(), Long::sum)));
            assertThat(summed).as(dataset).isEqualTo(results.get(dataset).quarantinedByReason());
            assertThat(byQuarter.path("none").path("DATE_OUT_OF_RANGE").asLong())
                    .as(dataset)
                    .isEqualTo(expected.get(dataset + "|DATE_OUT_OF_RANGE"));
            byQuarter.fieldNames().forEachRemaining(q -> assertThat(q).matches("none|20(19|2[0-6])Q[1-4]"));
        }
        assertNoIdentifierAnywhere(wh);
    }

    private void assertNoIdentifierAnywhere(Warehouse wh) throws IOException {
        try (Stream<Path> files = Files.walk(wh.root())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".csv")) {
                    String text = Files.readString(f);
                    for (String planted : ExportGenerator.PLANTED_IDENTIFIERS) {
                        assertThat(text).as(f.toString()).doesNotContain(planted);
                    }
                }
            }
        }
        for (String area : List.of("staged", "quarantine")) {
            for (String dataset : List.of("contacts", "victims")) {
                Path p = wh.restricted().resolve(area).resolve(dataset);
                Dataset<Row> df = spark.read().parquet(p.toString());
                for (StructField f : df.schema().fields()) {
                    if (f.dataType().typeName().equals("string")) {
                        long hits = df.where(df.col(f.name()).rlike(IdentifierPatterns.ANY))
                                .count();
                        assertThat(hits)
                                .as("identifiers in clear in %s/%s.%s", area, dataset, f.name())
                                .isZero();
                    }
                }
            }
        }
    }

    private static long countRecords(Path csv) throws IOException {
        try (var r = Files.newBufferedReader(csv, StandardCharsets.ISO_8859_1);
                var p = org.apache.commons.csv.CSVParser.builder()
                        .setReader(r)
                        .setFormat(org.apache.commons.csv.CSVFormat.RFC4180)
                        .get()) {
            return p.stream().count() - 1;
        }
    }

    @Test
    void handWrittenCsv_withBomCrlfQuotesAndEmbeddedNewlines_isStaged(@TempDir Path dir) throws IOException {
        String csv = "\uFEFF" + header("contacts") + "\r\n"
                + "CT1,,2026-07-02,Phone call,Victim or survivor,English,Ont.,\"Large urban centre (100,000 or more)\",Yes,No,Not reported\r\n"
                + "CT2,CS9,2026-07-03,\"Web\r\nchat\",\"Family or friend\",Français,PQ,Rural/Remote,No,Yes,Not reported\r\n"
                + "CT3,CS9,2026-08-03,Chat,\"Other\",\"Français\",\"Québec\",Rural,No,Yes,\"Reported with consent\"\r\n";
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        IngestResult r = ingest(wh, file, "contacts", "t1");
        assertThat(r.read()).isEqualTo(3);
        assertThat(r.quarantinedByReason()).containsOnlyKeys("UNKNOWN_CODE");
        assertThat(r.staged()).isEqualTo(2);
        List<Row> rows = spark.read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .select("contact_ref", "province_code", "community_size", "language", "reference_quarter")
                .collectAsList();
        assertThat(rows.get(0).mkString("|")).isEqualTo("CT1|ON|URBAN_LARGE|EN|2026Q3");
        assertThat(rows.get(1).mkString("|")).isEqualTo("CT3|QC|RURAL_REMOTE|FR|2026Q3");
        List<Row> typed = spark.read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .select("case_ref", "trafficking_related", "referral_made", "reference_month")
                .collectAsList();
        assertThat(typed.get(0).mkString("|")).isEqualTo("null|true|false|2026-07");
        assertThat(typed.get(1).mkString("|")).isEqualTo("CS9|false|true|2026-08");
    }

    @Test
    void victimsLists_areStagedAsSortedDistinctCodes_andAnEmptyListAsNull(@TempDir Path dir) throws IOException {
        String csv = header("victims") + "\n"
                + "PV1,CS1,2026-07-17,Ontario,Rural,Sex trafficking,Unknown,Woman,18 to 24,Unknown,Unknown,"
                + "Threats|emotional abuse|Threats,,Closed\n"
                + "PV2,CS2,2026-08-08,AB,Rural,Sex trafficking,Escort services,Woman,18 to 24,Canadian citizen,Unknown,,"
                + "Counselling,Closed\n";
        Path file = dir.resolve("victims.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        IngestResult r = ingest(wh, file, "victims", "v1");
        assertThat(r.staged()).isEqualTo(2);
        List<String> rows = spark
                .read()
                .parquet(wh.staged("victims").toString())
                .orderBy("victim_ref")
                .selectExpr(
                        "victim_ref",
                        "province_code",
                        "array_join(means_of_control, '+', 'NULL')",
                        "array_join(services_requested, '+', 'NULL')",
                        "means_of_control is null",
                        "services_requested is null",
                        "reference_quarter")
                .collectAsList()
                .stream()
                .map(row -> row.mkString("|"))
                .toList();
        assertThat(rows)
                .containsExactly(
                        "PV1|ON|EMOTIONAL_ABUSE+THREATS|null|false|true|2026Q3",
                        "PV2|AB|null|COUNSELLING|true|false|2026Q3");
    }

    @Test
    void aLatin1File_isRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        String csv = header("contacts") + "\n"
                + "CT1,,2026-07-02,Phone call,Victim or survivor,Fran\u00e7ais,Qu\u00e9bec,Rural,Yes,No,Not reported\n";
        Path file = dir.resolve("contacts.csv");
        Files.write(file, csv.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ingest(new Warehouse(dir.resolve("wh")), file, "contacts", "t2"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("not UTF-8")
                .hasMessageContaining("Windows-1252");
    }

    @Test
    void strayColumns_refuseTheWholeExportNamingThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("contacts.csv");
        Files.writeString(
                file,
                header("contacts") + ",Caller Phone,Notes\n"
                        + "CT1,,2026-07-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported,x,y\n");
        assertThatThrownBy(() -> ingest(new Warehouse(dir.resolve("wh")), file, "contacts", "t3"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("Caller Phone")
                .hasMessageContaining("Notes")
                .hasMessageContaining("direct-identifier");
        assertThat(dir.resolve("wh/restricted/staged")).doesNotExist();
    }

    @Test
    void reingest_isIdempotentAndLeavesOtherQuartersAlone(@TempDir Path dir) throws IOException {
        Path full = dir.resolve("full.csv");
        Files.writeString(
                full,
                header("contacts") + "\n"
                        + "CT1,,2026-04-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n"
                        + "CT2,,2026-07-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n");
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        ingest(wh, full, "contacts", "a");
        List<Row> first = spark.read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .collectAsList();
        ingest(wh, full, "contacts", "b");
        List<Row> second = spark.read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .collectAsList();
        assertThat(second).isEqualTo(first);
        Path q3only = dir.resolve("q3.csv");
        Files.writeString(
                q3only,
                header("contacts") + "\n"
                        + "CT7,,2026-07-09,Chat,Victim or survivor,English,AB,Rural,Yes,No,Not reported\n");
        IngestResult r = ingest(wh, q3only, "contacts", "c");
        assertThat(r.quartersTouched()).containsExactly("2026Q3");
        List<String> refs = spark
                .read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .select("contact_ref")
                .collectAsList()
                .stream()
                .map(x -> x.getString(0))
                .toList();
        assertThat(refs).containsExactly("CT1", "CT7");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(wh.staged("contacts"));
        assertThat(perms)
                .containsOnly(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.readString(wh.run("c").resolve("manifest.json")))
                .contains("\"rows_read\" : 1")
                .contains("sha256");
    }

    @Test
    void tooManyBadRecords_exceedTheThreshold(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder(header("contacts")).append('\n');
        for (int i = 0; i < 20; i++) {
            csv.append("CT")
                    .append(i)
                    .append(",,2026-07-02,Phone call,Victim or survivor,English,")
                    .append(i < 2 ? "ZZ" : "ON")
                    .append(",Rural,Yes,No,Not reported\n");
        }
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, csv);
        IngestResult r = ingest(new Warehouse(dir.resolve("wh")), file, "contacts", "t5");
        assertThat(r.quarantined()).isEqualTo(2);
        assertThat(r.thresholdExceeded()).isTrue();
        // By quarter of the record's date (the run report's chart).
        assertThat(RunManifest.json()
                        .readTree(r.manifest().toFile())
                        .path("quarantined_by_quarter")
                        .toString())
                .isEqualTo("{\"2026Q3\":{\"UNKNOWN_CODE\":2}}");
    }

    @Test
    void jsonLinesAndParquetExports_stageLikeCsv(@TempDir Path dir) throws IOException {
        Path csvExport = dir.resolve("csv");
        Path jsonExport = dir.resolve("jsonl");
        GenerateConfig base =
                new GenerateConfig(csvExport, 21, 0.05, new Quarter(2025, 1), new Quarter(2026, 2), "csv", 0.0);
        ExportGenerator.write(SCHEMAS, base, "csv");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(jsonExport, 21, 0.05, new Quarter(2025, 1), new Quarter(2026, 2), "jsonl", 0.0),
                "jsonl");
        // A Parquet export as a case-management system would write it: every column a string, export headers.
        Path parquetExport = dir.resolve("parquet/contacts.parquet");
        spark.read()
                .option("header", "true")
                .option("inferSchema", "false")
                .csv(csvExport.resolve("contacts.csv").toString())
                .coalesce(1)
                .write()
                .parquet(parquetExport.toString());
        IngestResult fromCsv =
                ingest(new Warehouse(dir.resolve("wh-csv")), csvExport.resolve("contacts.csv"), "contacts", "c");
        IngestResult fromJson =
                ingest(new Warehouse(dir.resolve("wh-json")), jsonExport.resolve("contacts.jsonl"), "contacts", "j");
        IngestResult fromParquet = ingest(new Warehouse(dir.resolve("wh-parquet")), parquetExport, "contacts", "p");
        assertThat(fromCsv.quarantined()).isZero();
        assertThat(fromJson.staged()).isEqualTo(fromCsv.staged());
        assertThat(fromParquet.staged()).isEqualTo(fromCsv.staged());
        List<Row> a = spark.read()
                .parquet(dir.resolve("wh-csv/restricted/staged/contacts").toString())
                .orderBy("contact_ref")
                .collectAsList();
        List<Row> b = spark.read()
                .parquet(dir.resolve("wh-json/restricted/staged/contacts").toString())
                .orderBy("contact_ref")
                .collectAsList();
        List<Row> c = spark.read()
                .parquet(dir.resolve("wh-parquet/restricted/staged/contacts").toString())
                .orderBy("contact_ref")
                .collectAsList();
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
    }

    @Test
    void aFolderOrAGlob_readsEveryMatchingFile(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("exports");
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("contacts-q2.csv"),
                header("contacts") + "\n"
                        + "CT1,,2026-04-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n");
        Files.writeString(
                folder.resolve("contacts-q3.csv"),
                header("contacts") + "\n"
                        + "CT2,,2026-07-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n");
        Files.writeString(folder.resolve("notes.txt"), "not an export");
        assertThat(ingest(new Warehouse(dir.resolve("wh1")), folder, "contacts", "f")
                        .staged())
                .isEqualTo(2);
        assertThat(ingest(new Warehouse(dir.resolve("wh2")), folder.resolve("contacts-q3*.csv"), "contacts", "g")
                        .staged())
                .isEqualTo(1);
    }

    @Test
    void aCsvWithAHeaderAndNoRecord_readsNothing_andStagesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, header("contacts"));
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        IngestResult r = ingest(wh, file, "contacts", "e");
        assertThat(r.read()).isZero();
        assertThat(r.staged()).isZero();
        assertThat(r.quarantinedByReason()).isEmpty();
        assertThat(r.thresholdExceeded()).isFalse();
    }

    @Test
    void eachQuarter_isStagedAsOneFile_joiningWhatEveryTaskWrote(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("exports");
        Files.createDirectories(folder);
        for (int f = 0; f < 3; f++) {
            Files.writeString(
                    folder.resolve("c" + f + ".csv"),
                    header("contacts") + "\n"
                            + "CT" + f
                            + "a,,2026-04-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n"
                            + "CT" + f
                            + "b,,2026-07-02,Phone call,Victim or survivor,English,QC,Rural,Yes,No,Not reported\n"
                            + "CT" + f + "c,,2026-07-03,Chat,Victim or survivor,English,MB,Rural,No,No,Not reported\n");
        }
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        assertThat(ingest(wh, folder, "contacts", "j").staged()).isEqualTo(9);
        for (String quarter : List.of("2026Q2", "2026Q3")) {
            Path q = wh.staged("contacts").resolve("reference_quarter=" + quarter);
            try (Stream<Path> files = Files.list(q)) {
                assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count())
                        .as(quarter)
                        .isEqualTo(1);
            }
        }
        List<String> rows = spark
                .read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .select("contact_ref", "province_code", "reference_quarter")
                .collectAsList()
                .stream()
                .map(row -> row.mkString("|"))
                .toList();
        assertThat(rows)
                .containsExactly(
                        "CT0a|ON|2026Q2",
                        "CT0b|QC|2026Q3",
                        "CT0c|MB|2026Q3",
                        "CT1a|ON|2026Q2",
                        "CT1b|QC|2026Q3",
                        "CT1c|MB|2026Q3",
                        "CT2a|ON|2026Q2",
                        "CT2b|QC|2026Q3",
                        "CT2c|MB|2026Q3");
    }

    @Test
    void aRecordForAPublishedQuarter_isStagedAndFlaggedAsARevision(@TempDir Path dir) throws IOException {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        Path first = dir.resolve("first.csv");
        Files.writeString(
                first,
                header("contacts") + "\n"
                        + "CT1,,2026-04-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n");
        ingest(wh, first, "contacts", "r1");
        Files.createDirectories(wh.release(new Quarter(2026, 2)));
        Path late = dir.resolve("late.csv");
        Files.writeString(
                late,
                header("contacts") + "\n"
                        + "CT1,,2026-04-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n"
                        + "CT9,,2026-05-20,Web chat,Victim or survivor,English,QC,Rural,Yes,No,Not reported\n");
        IngestResult r = ingest(wh, late, "contacts", "r2");
        assertThat(r.revisions()).containsExactly("2026Q2");
        assertThat(Files.readString(wh.run("r2").resolve("manifest.json"))).contains("\"revisions\" : [ \"2026Q2\" ]");
        IngestResult same = ingest(wh, late, "contacts", "r3");
        assertThat(same.revisions())
                .as("re-ingesting the same export revises nothing")
                .isEmpty();
    }

    /** The driver finds repeated keys from the pass's key hashes; with no room for them, an aggregate does. */
    @ParameterizedTest(name = "driver_key_hashes {0}")
    @ValueSource(longs = {24_000_000, 0})
    void aRepeatedReference_keepsItsFirstUseInFileOrder_andQuarantinesTheOthers(long driverKeyHashes, @TempDir Path dir)
            throws IOException {
        Path folder = dir.resolve("exports");
        Files.createDirectories(folder);
        // CT1 in a.csv (ON, 2026Q2), then twice in b.csv (QC, 2026Q3; SK, 2026Q2); CT2 once; CT3 twice in b.csv.
        Files.writeString(
                folder.resolve("a.csv"),
                header("contacts") + "\n"
                        + "CT1,,2026-04-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n"
                        + "CT2,,2026-04-03,Phone call,Victim or survivor,English,MB,Rural,Yes,No,Not reported\n");
        Files.writeString(
                folder.resolve("b.csv"),
                header("contacts") + "\n"
                        + "CT3,,2026-07-09,Phone call,Victim or survivor,English,NS,Rural,Yes,No,Not reported\n"
                        + "CT1,,2026-07-02,Phone call,Victim or survivor,English,QC,Rural,Yes,No,Not reported\n"
                        + "CT1,,2026-05-02,Phone call,Victim or survivor,English,SK,Rural,Yes,No,Not reported\n"
                        + "CT3,,2026-07-10,Phone call,Victim or survivor,English,NB,Rural,Yes,No,Not reported\n");
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        HotlineConfig d = HotlineConfig.defaults();
        HotlineConfig config = new HotlineConfig(
                d.spark(),
                new HotlineConfig.Ingest(
                        d.ingest().quarantineThreshold(),
                        driverKeyHashes,
                        d.ingest().columnMapping()),
                d.privacy(),
                d.report());
        IngestResult r = new IngestJob(spark, SCHEMAS, config, wh).run(folder.toString(), "contacts", RUN_DATE, "d1");
        assertThat(r.read()).isEqualTo(6);
        assertThat(r.staged()).isEqualTo(3);
        assertThat(r.quarantinedByReason()).containsExactly(Map.entry("DUPLICATE_REF", 3L));
        List<String> staged = spark
                .read()
                .parquet(wh.staged("contacts").toString())
                .orderBy("contact_ref")
                .select("contact_ref", "province_code", "reference_quarter")
                .collectAsList()
                .stream()
                .map(row -> row.mkString("|"))
                .toList();
        assertThat(staged).containsExactly("CT1|ON|2026Q2", "CT2|MB|2026Q2", "CT3|NS|2026Q3");
        List<String> quarantined = spark
                .read()
                .parquet(wh.quarantine("contacts").toString())
                .orderBy("record_position")
                .select("reason", "field", "source_file", "record_position", "contact_ref", "province_code")
                .collectAsList()
                .stream()
                .map(row -> row.mkString("|"))
                .toList();
        // A CSV record's position is its line in the file (line 1 is the header).
        assertThat(quarantined)
                .containsExactly(
                        "DUPLICATE_REF|contact_ref|b.csv|3|CT1|null",
                        "DUPLICATE_REF|contact_ref|b.csv|4|CT1|null",
                        "DUPLICATE_REF|contact_ref|b.csv|5|CT3|null");
    }

    /**
     * A file of several pieces cut by size: positions are lines across pieces, and the first use of a reference is the
     * first in the file. With a quoted line break in the middle, the cut is found unsound and the file read again in
     * pieces cut at record boundaries, with the same outcome.
     */
    @ParameterizedTest(name = "quoted line break {0}")
    @ValueSource(booleans = {false, true})
    void aFileInSeveralPieces_placesRecordsByLine(boolean lineBreak, @TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder(header("contacts")).append("\n");
        int records = 150_000;
        long line = 1;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            line++;
            String ref = i == 140_000 ? "CT7" : "CT" + i;
            String channel = "Phone call";
            String province = i == 100_000 ? "XX" : "ON";
            if (lineBreak && i == 60_000) {
                channel = "\"Phone\ncall\"";
                line++;
                expected.add("UNKNOWN_CODE|channel|" + line + "|CT" + i);
            }
            if (i == 100_000) {
                expected.add("UNKNOWN_CODE|province_code|" + line + "|CT" + i);
            }
            if (i == 140_000) {
                expected.add("DUPLICATE_REF|contact_ref|" + line + "|CT7");
            }
            csv.append(ref)
                    .append(",,2026-07-02,")
                    .append(channel)
                    .append(",Victim or survivor,English,")
                    .append(province)
                    .append(",Rural,Yes,No,Not reported\n");
        }
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).as("more than two pieces of 4 MB").isGreaterThan(9L << 20);
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        IngestResult r = ingest(wh, file, "contacts", "p1");
        assertThat(r.read()).isEqualTo(records);
        assertThat(r.staged()).isEqualTo(records - expected.size());
        List<String> quarantined = spark
                .read()
                .parquet(wh.quarantine("contacts").toString())
                .orderBy("record_position")
                .select("reason", "field", "record_position", "contact_ref")
                .collectAsList()
                .stream()
                .map(row -> row.mkString("|"))
                .toList();
        assertThat(quarantined).containsExactlyElementsOf(expected);
        assertThat(spark.read()
                        .parquet(wh.staged("contacts").toString())
                        .where("contact_ref = 'CT7'")
                        .count())
                .isEqualTo(1);
    }

    /** With nothing rejected, the quarantine is an empty file with the same columns a quarantine with records has. */
    @Test
    void anEmptyQuarantine_hasTheQuarantinesColumns(@TempDir Path dir) throws IOException {
        Path clean = dir.resolve("clean.csv");
        Files.writeString(
                clean,
                header("contacts") + "\n"
                        + "CT1,,2026-07-02,Phone call,Victim or survivor,English,ON,Rural,Yes,No,Not reported\n");
        Path dirty = dir.resolve("dirty.csv");
        Files.writeString(
                dirty,
                header("contacts") + "\n"
                        + "CT1,,2026-07-02,Phone call,Victim or survivor,English,XX,Rural,Yes,No,Not reported\n");
        Warehouse a = new Warehouse(dir.resolve("a"));
        Warehouse b = new Warehouse(dir.resolve("b"));
        assertThat(ingest(a, clean, "contacts", "e1").quarantinedByReason()).isEmpty();
        assertThat(ingest(b, dirty, "contacts", "e2").quarantinedByReason()).containsOnlyKeys("UNKNOWN_CODE");
        var empty = spark.read()
                .parquet(a.quarantine("contacts").resolve("run_id=e1").toString());
        var full = spark.read()
                .parquet(b.quarantine("contacts").resolve("run_id=e2").toString());
        assertThat(empty.count()).isZero();
        assertThat(empty.schema()).isEqualTo(full.schema());
    }
}
