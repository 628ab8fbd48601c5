package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Record numbers are unique and depend on the records alone, not on how the input is split. */
class RecordNumberingTest {

    private static final List<String> COLUMNS = List.of("ref", "province", "quarter");

    private static Dataset<Row> records(SparkSession spark, int n, int inputPartitions) {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        String[] provinces = {"ON", "QC", "BC", "AB", "NS"};
        for (int i = 0; i < n; i++) {
            // Many records share every column but the key: the key alone breaks ties.
            rows.add(RowFactory.create("C" + i, provinces[random.nextInt(provinces.length)], "2026Q" + (1 + i % 3)));
        }
        StructType schema = new StructType()
                .add("ref", DataTypes.StringType, false)
                .add("province", DataTypes.StringType, false)
                .add("quarter", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema).repartition(inputPartitions);
    }

    /** Numbers the records as the microdata job does; returns number by key, and each output partition's keys in order. */
    private static Map<String, Long> number(Dataset<Row> data, int partitions, List<List<String>> layout) {
        Dataset<Row> numbered = RecordNumbering.number(data, COLUMNS, "ref", partitions);
        List<List<Row>> parts =
                numbered.select("ref", RecordNumbering.NUMBER).javaRDD().glom().collect();
        Map<String, Long> number = new HashMap<>();
        for (List<Row> part : parts) {
            List<String> keys = new ArrayList<>();
            for (Row r : part) {
                number.put(r.getString(0), r.getLong(1));
                keys.add(r.getString(0));
            }
            layout.add(keys);
        }
        return number;
    }

    @Test
    void numbersAreUnique_andTheSameWhateverTheInputSplits() {
        SparkSession spark = SharedSpark.session();
        int n = 5_000;
        int partitions = 4;
        List<List<String>> layoutA = new ArrayList<>();
        List<List<String>> layoutB = new ArrayList<>();
        Map<String, Long> a = number(records(spark, n, 1), partitions, layoutA);
        Map<String, Long> b = number(records(spark, n, 7), partitions, layoutB);
        assertThat(a).hasSize(n);
        assertThat(new java.util.HashSet<>(a.values())).as("numbers are unique").hasSize(n);
        assertThat(b).isEqualTo(a);
        assertThat(layoutB)
                .as("each output partition holds the same records in the same order")
                .isEqualTo(layoutA);
        assertThat(layoutA).hasSize(partitions);
        assertThat(layoutA.stream().filter(l -> !l.isEmpty()).count())
                .as("records are spread")
                .isGreaterThan(1);
        // Numbers run in output order: partition by partition, then within each.
        long previous = -1;
        for (List<String> part : layoutA) {
            for (String key : part) {
                assertThat(a.get(key)).isGreaterThan(previous);
                previous = a.get(key);
            }
        }
    }

    /**
     * Records of equal hash (64-bit collisions, forced here with a hash of five values) are written in the order of
     * their keys, as the numbering orders them, whatever the input's splits.
     */
    @Test
    void extractFiles_orderRecordsOfEqualHashByKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SparkSession spark = SharedSpark.session();
        int n = 2_000;
        int partitions = 2;
        long seed = 7L;
        org.apache.spark.sql.Column coarse = org.apache.spark.sql.functions.pmod(
                RecordNumbering.hash(COLUMNS), org.apache.spark.sql.functions.lit(5L));
        List<org.apache.spark.sql.Column> published = List.of(org.apache.spark.sql.functions.col("ref"));
        Dataset<Row> numbered = RecordNumbering.number(records(spark, n, 1), coarse, "ref", partitions);
        Map<String, Long> numbers = new HashMap<>();
        for (Row r : numbered.select("ref", RecordNumbering.NUMBER).collectAsList()) {
            numbers.put(r.getString(0), r.getLong(1));
        }
        for (int splits : new int[] {1, 4}) {
            java.nio.file.Path out = dir.resolve("out-" + splits);
            assertThat(ExtractFiles.write(
                            RecordNumbering.ordered(records(spark, n, splits), coarse, "ref", partitions, published),
                            out,
                            seed,
                            org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD))
                    .isEqualTo(n);
            List<Row> written = spark.read().parquet(out.toString()).collectAsList();
            assertThat(written).hasSize(n);
            assertThat(spark.read().parquet(out.toString()).columns()).containsExactly("record_id", "ref");
            for (Row r : written) {
                assertThat(r.getString(0))
                        .as(r.getString(1))
                        .isEqualTo(ExtractFiles.recordId(numbers.get(r.getString(1)), seed));
            }
        }
    }

    @Test
    void partitionsFollowTheRecordCount_notTheCluster() {
        assertThat(RecordNumbering.partitions(0)).isEqualTo(1);
        assertThat(RecordNumbering.partitions(RecordNumbering.SMALLEST_PARTITION))
                .isEqualTo(1);
        assertThat(RecordNumbering.partitions(RecordNumbering.SMALLEST_PARTITION + 1))
                .isEqualTo(2);
        assertThat(RecordNumbering.partitions(124_000)).isEqualTo(4);
        // eight partitions from 8 × 32,768 records up to 8 × 500,000, then 500,000 records each
        assertThat(RecordNumbering.partitions(1_000_000)).isEqualTo(RecordNumbering.PARALLEL_PARTITIONS);
        assertThat(RecordNumbering.partitions(4_000_000)).isEqualTo(8);
        assertThat(RecordNumbering.partitions(4_000_001)).isEqualTo(9);
        assertThat(RecordNumbering.partitions(10_000_000)).isEqualTo(20);
    }

    /**
     * The extract's files: one per partition, each record's id from its number as {@link #number} gives it, and the
     * same files whatever the input's splits.
     */
    @Test
    void extractFiles_numberAsTheNumbering_andAreTheSameWhateverTheSplits(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SparkSession spark = SharedSpark.session();
        int n = 3_000;
        int partitions = 3;
        long seed = 42L;
        List<org.apache.spark.sql.Column> published =
                List.of(org.apache.spark.sql.functions.col("ref"), org.apache.spark.sql.functions.col("province"));
        Map<String, Long> numbers = number(records(spark, n, 1), partitions, new ArrayList<>());
        for (int splits : new int[] {1, 5}) {
            java.nio.file.Path out = dir.resolve("out-" + splits);
            ExtractFiles.Written written = ExtractFiles.write(
                    RecordNumbering.ordered(records(spark, n, splits), COLUMNS, "ref", partitions, published),
                    out,
                    seed,
                    org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD,
                    List.of("province"),
                    Map.of("hotline_trends.release", "2026Q3"));
            assertThat(written.records()).isEqualTo(n);
            // the class sizes each task read back from its file are those of the files as Spark reads them
            Map<List<String>, Long> byProvince = new HashMap<>();
            for (Row r : spark.read()
                    .parquet(out.toString())
                    .groupBy("province")
                    .count()
                    .collectAsList()) {
                byProvince.put(List.of(r.getString(0)), r.getLong(1));
            }
            assertThat(written.classSizes()).isEqualTo(byProvince).hasSize(5);
            try (var files = java.nio.file.Files.list(out)) {
                for (java.nio.file.Path f :
                        files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                    assertThat(ca.hotlinetrends.publish.ParquetProvenance.read(f))
                            .containsEntry("hotline_trends.release", "2026Q3")
                            .containsKey("org.apache.spark.sql.parquet.row.metadata");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, String> ids = new HashMap<>();
            for (Row r : spark.read().parquet(out.toString()).collectAsList()) {
                ids.put(r.getString(1), r.getString(0));
            }
            assertThat(ids).hasSize(n);
            numbers.forEach(
                    (ref, number) -> assertThat(ids.get(ref)).as(ref).isEqualTo(ExtractFiles.recordId(number, seed)));
        }
        try (var files = java.nio.file.Files.list(dir.resolve("out-1"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly(
                            "part-00000-c000.zstd.parquet",
                            "part-00001-c000.zstd.parquet",
                            "part-00002-c000.zstd.parquet");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(ExtractFiles.recordId(0, seed)).matches("R[0-9a-f]{16}");
    }
}
