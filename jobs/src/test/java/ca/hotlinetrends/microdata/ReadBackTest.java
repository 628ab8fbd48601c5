package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-back of a written file ({@link ExtractFiles#classSizes}) counts each combination of the columns as Spark
 * reading the same file counts it: with absent values, runs of equal records broken and resumed, a column whose
 * dictionary falls back to plain values, and several row groups.
 */
class ReadBackTest {

    private static final StructType SCHEMA = new StructType()
            .add("record_id", DataTypes.StringType, true)
            .add("province_code", DataTypes.StringType, true)
            .add("note", DataTypes.StringType, true)
            .add("quarter", DataTypes.StringType, true)
            .add("flag", DataTypes.BooleanType, true);

    @Test
    void classSizes_areSparksCounts(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.session();
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String province = random.nextInt(10) == 0 ? null : "P" + random.nextInt(13);
            // Few distinct notes in the first half (runs), distinct ones after (the dictionary falls back).
            String note = random.nextInt(5) == 0
                    ? null
                    : i < 10_000 ? "n" + random.nextInt(3) : Long.toString(random.nextLong(), 36) + "é" + i;
            String quarter = i % 7 == 0 ? null : "2025Q" + (1 + (i / 700) % 4);
            rows.add(RowFactory.create("R" + i, province, note, quarter, random.nextBoolean()));
        }
        // Sorted by quarter in stretches, so that equal records come side by side and are broken up again.
        rows.subList(3_000, 14_000)
                .sort(java.util.Comparator.comparing(r -> r.getString(3) == null ? "" : r.getString(3)));
        Path out = dir.resolve("extract");
        spark.createDataFrame(rows, SCHEMA)
                .coalesce(1)
                .write()
                .option("parquet.block.size", 64 * 1024)
                .option("parquet.dictionary.page.size", 16 * 1024)
                .parquet(out.toString());
        Path file;
        try (var files = Files.list(out)) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        try (var reader =
                ca.hotlinetrends.warehouse.SparkParquet.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()),
                        ca.hotlinetrends.warehouse.SparkParquet.localConf()))) {
            var blocks = reader.getFooter().getBlocks();
            assertThat(blocks).as("row groups").hasSizeGreaterThan(1);
            assertThat(blocks.get(blocks.size() - 1).getColumns().get(2).getEncodings())
                    .as("the notes' encodings in the last row group")
                    .contains(org.apache.parquet.column.Encoding.PLAIN);
        }
        for (List<String> columns : List.of(
                List.of("province_code"),
                List.of("quarter", "province_code"),
                List.of("province_code", "note", "quarter"))) {
            Map<List<String>, Long> expected = new HashMap<>();
            for (Row r : spark.read()
                    .parquet(out.toString())
                    .groupBy(columns.stream()
                            .map(org.apache.spark.sql.functions::col)
                            .toArray(org.apache.spark.sql.Column[]::new))
                    .count()
                    .collectAsList()) {
                String[] key = new String[columns.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = r.getString(i);
                }
                expected.put(Arrays.asList(key), r.getLong(columns.size()));
            }
            assertThat(ExtractFiles.classSizes(file, columns))
                    .as(columns.toString())
                    .isEqualTo(expected);
        }
        assertThatThrownBy(() -> ExtractFiles.classSizes(file, List.of("flag")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flag");
        assertThatThrownBy(() -> ExtractFiles.classSizes(file, List.of("province")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column province");
    }

    @Test
    void aTasksClassSizes_travelAsValuesAndPositions_andAddUpAsMaps() throws Exception {
        Map<List<String>, Long> first = new HashMap<>();
        first.put(Arrays.asList("ON", "2025Q1", null), 4L);
        first.put(Arrays.asList("ON", null, "ON"), 2L);
        first.put(Arrays.asList(null, null, null), 9L);
        first.put(Arrays.asList("QC", "2025Q2", "é"), 1L);
        Map<List<String>, Long> second = new HashMap<>();
        second.put(Arrays.asList("ON", "2025Q1", null), 3L);
        second.put(Arrays.asList("2025Q1", "ON", null), 5L);
        ExtractFiles.Part a = ExtractFiles.Part.of(11, first, 3);
        // each distinct value once, whatever column it is in
        assertThat(a.values()).containsExactlyInAnyOrder("ON", "2025Q1", "QC", "2025Q2", "é");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        ExtractFiles.Part sent;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            sent = (ExtractFiles.Part) in.readObject();
        }
        assertThat(sent.records()).isEqualTo(11);
        Map<List<String>, Long> merged = new HashMap<>();
        sent.addTo(merged);
        assertThat(merged).isEqualTo(first);
        ExtractFiles.Part.of(7, second, 3).addTo(merged);
        Map<List<String>, Long> expected = new HashMap<>(first);
        second.forEach((k, v) -> expected.merge(k, v, Long::sum));
        assertThat(merged).isEqualTo(expected).containsEntry(Arrays.asList("ON", "2025Q1", null), 7L);
        Map<List<String>, Long> none = new HashMap<>();
        ExtractFiles.Part.of(0, Map.of(), 3).addTo(none);
        assertThat(none).isEmpty();
    }
}
