package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrequencyTableTest {

    @Test
    void repeatedCombinations_areMerged() {
        FrequencyTable table = FrequencyTable.builder(List.of("sex", "age"), "diagnosis")
                .add(new String[] {"M", "20"}, "flu", 2)
                .add(new String[] {"M", "20"}, "cold", 1)
                .add(new String[] {"M", "20"}, "flu", 1)
                .add(new String[] {"F", "30"}, "flu", 1)
                .build();

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.totalRecords()).isEqualTo(5);
        assertThat(table.combination(0)).containsExactly("M", "20");
        assertThat(table.count(0)).isEqualTo(4);
        assertThat(table.sensitiveCounts(0)).isEqualTo(Map.of("flu", 3L, "cold", 1L));
    }

    @Test
    @SuppressWarnings("StringOperationCanBeSimplified") // new String: separate objects of equal values, on purpose
    void equalValues_shareOneStringObject_andTheCallersArrayIsLeftAlone() {
        String[] first = {new String("M"), new String("20")};
        String[] second = {new String("M"), new String("30")};
        FrequencyTable table = FrequencyTable.builder(List.of("sex", "age"), "diagnosis")
                .expectCombinations(2)
                .add(first, new String("flu"), 1)
                .add(second, new String("flu"), 1)
                .build();

        assertThat(table.value(1, 0)).isSameAs(table.value(0, 0));
        assertThat(table.sensitiveCounts(1).keySet().iterator().next())
                .isSameAs(table.sensitiveCounts(0).keySet().iterator().next());
        assertThat(second[0]).isNotSameAs(first[0]);
        assertThat(table.combination(1)).containsExactly("M", "30");
    }

    @Test
    void sizing_afterAdding_isRefused() {
        FrequencyTable.Builder b = FrequencyTable.builder(List.of("sex")).add(new String[] {"M"}, 1);

        assertThatThrownBy(() -> b.expectCombinations(10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("size the builder before adding combinations");
    }

    @Test
    void nonPositiveCount_isRejected() {
        assertThatThrownBy(() -> FrequencyTable.builder(List.of("sex")).add(new String[] {"M"}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be >= 1. Provided value: 0");
    }

    @Test
    void nullValue_isRejectedNamingTheAttribute() {
        assertThatThrownBy(() -> FrequencyTable.builder(List.of("sex", "age")).add(new String[] {"M", null}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value of quasi-identifier 'age' must not be null");
    }

    @Test
    void wrongNumberOfValues_isRejected() {
        assertThatThrownBy(() -> FrequencyTable.builder(List.of("sex", "age")).add(new String[] {"M"}, 1))
                .hasMessage("a combination must have one value per quasi-identifier (2). Provided length: 1");
    }

    @Test
    void manyCombinations_withoutSizing_areEachFoundAgainAndMergedInTheOrderFirstAdded() {
        // Far past the builder's initial table (16), so that it grows several times while combinations repeat.
        FrequencyTable.Builder b = FrequencyTable.builder(List.of("a", "b", "c"), "s");
        java.util.Map<List<String>, java.util.Map<String, Long>> expected = new java.util.LinkedHashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 60_000; i++) {
            String[] values = {"a" + random.nextInt(40), "b" + random.nextInt(30), "c" + random.nextInt(20)};
            String sensitive = "s" + random.nextInt(3);
            long n = 1 + random.nextInt(4);
            b.add(values.clone(), sensitive, n);
            expected.computeIfAbsent(List.of(values), k -> new java.util.HashMap<>())
                    .merge(sensitive, n, Long::sum);
        }
        FrequencyTable table = b.build();

        assertThat(table.size()).isEqualTo(expected.size());
        int row = 0;
        long total = 0;
        for (var e : expected.entrySet()) {
            assertThat(table.combination(row)).isEqualTo(e.getKey());
            // A combination's sensitive values come back in a HashMap's order of them, as before the builder kept
            // them in arrays; the engine numbers sensitive values in that order.
            assertThat(List.copyOf(table.sensitiveCounts(row).keySet()))
                    .isEqualTo(List.copyOf(e.getValue().keySet()));
            assertThat(table.sensitiveCounts(row)).isEqualTo(e.getValue());
            long sum = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            assertThat(table.count(row)).isEqualTo(sum);
            for (int j = 0; j < table.sensitiveValueCount(row); j++) {
                assertThat(table.sensitiveValueRecords(row, j))
                        .isEqualTo(e.getValue().get(table.sensitiveValue(row, j)));
            }
            total += sum;
            row++;
        }
        assertThat(table.totalRecords()).isEqualTo(total);
    }

    @Test
    void valueNumbers_indexTheDistinctValuesInTheOrderFirstSeen() {
        FrequencyTable table = FrequencyTable.builder(List.of("sex", "age"))
                .add(new String[] {"M", "20"}, 1)
                .add(new String[] {"F", "20"}, 2)
                .add(new String[] {"F", "30"}, 3)
                .build();

        assertThat(table.distinctValues(0)).containsExactly("M", "F");
        assertThat(table.distinctValues(1)).containsExactly("20", "30");
        assertThat(table.valueNumber(2, 0)).isEqualTo(1);
        assertThat(table.valueNumber(2, 1)).isEqualTo(1);
        assertThat(table.valueNumber(0, 1)).isZero();
        assertThat(table.sensitiveValueCount(0)).isZero();
        assertThat(table.sensitiveCounts(0)).isEmpty();
        assertThatThrownBy(() -> table.value(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void csv_withSemicolonsCrlfAndQuotes_isRead() {
        String csv = "sex;age;city;diagnosis\r\nM;20;\"Saint-Jean; QC\";flu\r\nM;20;Laval;cold\r\nF;30;Laval;flu\r\n";

        FrequencyTable table =
                FrequencyTableCsvReader.read(new StringReader(csv), ';', List.of("age", "sex"), "diagnosis");

        assertThat(table.quasiIdentifiers()).containsExactly("age", "sex");
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.combination(0)).containsExactly("20", "M");
        assertThat(table.count(0)).isEqualTo(2);
        assertThat(table.sensitiveCounts(0)).isEqualTo(Map.of("flu", 1L, "cold", 1L));
    }

    @Test
    void csvFile_separatorIsDetectedFromTheHeader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "\uFEFFsex,age\nM,20\nM,20\nF,30\n", StandardCharsets.UTF_8);

        FrequencyTable table = FrequencyTableCsvReader.read(file, List.of("sex", "age"), null);

        assertThat(table.totalRecords()).isEqualTo(3);
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.sensitiveAttribute()).isEmpty();
    }

    @Test
    void csvWithoutTheColumn_isRejected() {
        assertThatThrownBy(() -> FrequencyTableCsvReader.read(
                        new StringReader("sex;age\nM;20\n"), ';', List.of("sex", "region"), null))
                .isInstanceOf(AnonymityException.class)
                .hasMessage("column 'region' is not in the header; columns: [sex, age]");
    }

    @Test
    void csvLineWithMissingFields_isRejectedByLineNumber() {
        assertThatThrownBy(() ->
                        FrequencyTableCsvReader.read(new StringReader("sex;age\nM;20\nF\n"), ';', List.of("sex"), null))
                .isInstanceOf(AnonymityException.class)
                .hasMessage("line 3 has 1 fields, the header has 2");
    }
}
