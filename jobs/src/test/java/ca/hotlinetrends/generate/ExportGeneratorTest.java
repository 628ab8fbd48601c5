package ca.hotlinetrends.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.ingest.IdentifierPatterns;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportGeneratorTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static Path clean;
    private static List<CSVRecord> victims;
    private static List<CSVRecord> contacts;

    @BeforeAll
    static void generateOnce(@TempDir Path dir) throws IOException {
        clean = dir.resolve("clean");
        ExportGenerator.write(SCHEMAS, config(clean, 7, 0.0, "csv"), "csv");
        victims = read(clean.resolve("victims.csv"));
        contacts = read(clean.resolve("contacts.csv"));
    }

    private static GenerateConfig config(Path out, long seed, double dirty, String format) {
        return new GenerateConfig(out, seed, 1.0, new Quarter(2019, 1), new Quarter(2026, 3), format, dirty);
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder()
                        .setReader(r)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            return p.getRecords();
        }
    }

    @Test
    void sameSeed_givesByteIdenticalFiles(@TempDir Path dir) throws IOException {
        ExportGenerator.write(SCHEMAS, config(dir.resolve("a"), 11, 0.05, "csv"), "csv");
        ExportGenerator.write(SCHEMAS, config(dir.resolve("b"), 11, 0.05, "csv"), "csv");
        for (String f : List.of("contacts.csv", "victims.csv", "dirty-labels.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
        ExportGenerator.write(SCHEMAS, config(dir.resolve("c"), 12, 0.05, "csv"), "csv");
        assertThat(Files.readAllBytes(dir.resolve("c/contacts.csv")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a/contacts.csv")));
    }

    @Test
    void headers_areTheExportHeadersOfTheSchema() throws IOException {
        String header = Files.readAllLines(clean.resolve("contacts.csv")).get(0);
        String expected = SCHEMAS.dataset("contacts").acceptedFields().stream()
                .map(f -> f.exportHeader())
                .collect(Collectors.joining(","));
        assertThat(header).isEqualTo(expected);
    }

    @Test
    void volumes_followPublicFigures() {
        Map<Integer, Long> casesByYear = victims.stream()
                .collect(Collectors.groupingBy(
                        r -> Integer.parseInt(r.get("Case Opened").substring(0, 4)),
                        Collectors.mapping(r -> r.get("Case ID"), Collectors.collectingAndThen(Collectors.toSet(), s ->
                                (long) s.size()))));
        for (int y = 2020; y <= 2024; y++) {
            assertThat(casesByYear.get(y)).as("cases in %d", y).isBetween(230L, 520L);
        }
        assertThat(casesByYear.get(2024))
                .as("2024 is the record year up to 2024")
                .isGreaterThan(casesByYear.get(2020))
                .isGreaterThan(casesByYear.get(2022));
        Map<Integer, Long> contactsByYear = contacts.stream()
                .collect(Collectors.groupingBy(
                        r -> Integer.parseInt(r.get("Date of Contact").substring(0, 4)), Collectors.counting()));
        assertThat(contactsByYear.get(2020)).isBetween(2300L, 2950L);
        assertThat(contactsByYear.get(2024)).isGreaterThan(5000L);
        long cases = victims.stream().map(r -> r.get("Case ID")).distinct().count();
        assertThat((double) victims.size() / cases).as("victims per case").isBetween(1.3, 1.5);
        assertThat((double) contacts.size() / cases).as("contacts per case").isBetween(7.5, 11.5);
    }

    @Test
    void typology_isMostlySexTraffickingWithLabourRising() {
        Map<String, Map<Integer, Long>> typeYear = new HashMap<>();
        Map<String, String> typeOfCase = new HashMap<>();
        Map<String, Integer> yearOfCase = new HashMap<>();
        for (CSVRecord r : victims) {
            typeOfCase.put(r.get("Case ID"), r.get("Trafficking Type"));
            yearOfCase.put(
                    r.get("Case ID"), Integer.parseInt(r.get("Case Opened").substring(0, 4)));
        }
        typeOfCase.forEach(
                (c, t) -> typeYear.computeIfAbsent(t, k -> new HashMap<>()).merge(yearOfCase.get(c), 1L, Long::sum));
        long all = typeOfCase.size();
        long sex = typeOfCase.values().stream()
                .filter(t -> t.equals("Sex trafficking"))
                .count();
        assertThat((double) sex / all).as("sex trafficking share").isBetween(0.60, 0.75);
        Map<Integer, Long> labour = typeYear.get("Labour trafficking");
        double base = (labour.get(2020) + labour.get(2021) + labour.get(2022)) / 3.0;
        assertThat(labour.get(2024) / base)
                .as("2024 labour cases over the 2020-22 average")
                .isBetween(2.5, 5.5);
    }

    @Test
    void regions_ontarioFirstTerritoriesSmall() {
        Map<String, Long> byProvince = victims.stream()
                .collect(Collectors.groupingBy(
                        r -> SCHEMAS.codeList("province")
                                .normalise(r.get("Location (Province/Territory)"))
                                .orElseThrow(),
                        Collectors.counting()));
        List<String> top = byProvince.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .limit(4)
                .toList();
        assertThat(top.get(0)).isEqualTo("ON");
        assertThat(top).containsExactlyInAnyOrder("ON", "AB", "BC", "QC");
        long territories = byProvince.getOrDefault("YT", 0L)
                + byProvince.getOrDefault("NT", 0L)
                + byProvince.getOrDefault("NU", 0L);
        assertThat((double) territories / victims.size()).isLessThan(0.02);
        double victimsSurvivors = contacts.stream()
                        .filter(r -> r.get("Caller Type").equals("Victim or survivor"))
                        .count()
                / (double) contacts.size();
        assertThat(victimsSurvivors).isBetween(0.35, 0.41);
    }

    @Test
    void frenchAccents_areWrittenAsUtf8() throws IOException {
        String text = Files.readString(clean.resolve("victims.csv"), StandardCharsets.UTF_8);
        assertThat(text).contains("Québec");
    }

    @Test
    void dirtyMode_plantsEveryKindAndLabelsEachRecord(@TempDir Path dir) throws IOException {
        ExportGenerator.Result r = ExportGenerator.write(SCHEMAS, config(dir, 3, 0.08, "csv"), "csv");
        assertThat(r.planted().keySet()).isEqualTo(EnumSet.allOf(DirtyKind.class));
        List<String> labels = Files.readAllLines(dir.resolve("dirty-labels.csv"));
        assertThat(labels.size() - 1)
                .isEqualTo(
                        r.planted().values().stream().mapToLong(Long::longValue).sum());
        Set<String> kinds = labels.stream().skip(1).map(l -> l.split(",")[3]).collect(Collectors.toSet());
        assertThat(kinds).hasSize(DirtyKind.values().length);
        byte[] bytes = Files.readAllBytes(dir.resolve("contacts.csv"));
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .as("a Latin-1 row inside the UTF-8 file")
                .contains("Qu\u00e9bec");
        // Line by line: a whole file is longer than the patterns scan (and would count as an identifier).
        assertThat(labels).as("labels name no identifier").noneMatch(IdentifierPatterns::containsIdentifier);
    }

    @Test
    void oneDatasetAlone_isTheSameAsInTheFullExport(@TempDir Path dir) throws IOException {
        GenerateConfig full = config(dir.resolve("full"), 13, 0.03, "csv");
        ExportGenerator.write(SCHEMAS, full, "csv");
        ExportGenerator.Result r = ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(
                        dir.resolve("victims"),
                        13,
                        1.0,
                        new Quarter(2019, 1),
                        new Quarter(2026, 3),
                        "csv",
                        0.03,
                        java.util.Set.of("victims")),
                "csv");
        assertThat(Files.readAllBytes(dir.resolve("victims/victims.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("full/victims.csv")));
        assertThat(dir.resolve("victims/contacts.csv")).doesNotExist();
        List<String> labels = Files.readAllLines(dir.resolve("victims/dirty-labels.csv"));
        assertThat(labels.subList(1, labels.size()))
                .allMatch(l -> l.startsWith("victims,"))
                .hasSize((int)
                        r.planted().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void jsonLines_haveOneObjectPerRecord(@TempDir Path dir) throws IOException {
        ExportGenerator.Result r = ExportGenerator.write(SCHEMAS, config(dir, 7, 0.0, "jsonl"), "jsonl");
        List<String> lines = Files.readAllLines(dir.resolve("contacts.jsonl"));
        assertThat((long) lines.size()).isEqualTo(r.contacts());
        assertThat(lines.get(0)).startsWith("{\"Contact ID\":");
    }

    @Test
    void badOptions_areRejectedWithTheValue(@TempDir Path dir) {
        assertThatThrownBy(() -> new GenerateConfig(dir, 1, 0, new Quarter(2020, 1), new Quarter(2021, 1), "csv", 0))
                .hasMessageContaining("scale")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> new GenerateConfig(dir, 1, 1, new Quarter(2021, 1), new Quarter(2020, 1), "csv", 0))
                .hasMessageContaining("2020Q1");
        assertThatThrownBy(() -> new GenerateConfig(dir, 1, 1, new Quarter(2020, 1), new Quarter(2021, 1), "xml", 0))
                .hasMessageContaining("xml");
    }
}
