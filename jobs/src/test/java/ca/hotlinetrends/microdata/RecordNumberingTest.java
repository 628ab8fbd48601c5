package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's files depend on its records' published values alone: not on how the input is split, nor on anything
 * not published; every record is written once, with an id of its own.
 */
class RecordNumberingTest {

    /** Published: province, quarter and a list (null in some records); the reference is not. */
    private static final List<String> PUBLISHED = List.of("province", "quarter", "means");

    private static Dataset<Row> records(SparkSession spark, int n, int inputPartitions) {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        String[] provinces = {"ON", "QC", "BC", "AB", "NS"};
        String[] means = {"THREATS", "ISOLATION", "DEBT"};
        for (int i = 0; i < n; i++) {
            int m = random.nextInt(4);
            List<String> list = m == 3 ? null : List.of(means).subList(0, m);
            // Many records share every published value, and differ only in the reference.
            rows.add(RowFactory.create(
                    "C" + i, provinces[random.nextInt(provinces.length)], "2026Q" + (1 + i % 3), list));
        }
        StructType schema = new StructType()
                .add("ref", DataTypes.StringType, false)
                .add("province", DataTypes.StringType, false)
                .add("quarter", DataTypes.StringType, false)
                .add("means", DataTypes.createArrayType(DataTypes.StringType), true);
        return spark.createDataFrame(rows, schema).repartition(inputPartitions);
    }

    /** Each record's published values as text, for comparing records and counting them. */
    private static String values(Row r, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < r.length(); i++) {
            Object v = r.get(i);
            b.append(v instanceof scala.collection.Seq<?> s ? "[" + s.mkString(",") + "]" : String.valueOf(v))
                    .append('|');
        }
        return b.toString();
    }

    /** The published values of each record of {@code data}, counted. */
    private static Map<String, Long> counted(Dataset<Row> data, int from) {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : data.collectAsList()) {
            counts.merge(values(r, from), 1L, Long::sum);
        }
        return counts;
    }

    private static List<Path> files(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the records as the microdata job does, with the hash given (null: the job's own), counting the records
     * before the shuffle or not.
     */
    private static ExtractFiles.Written write(
            SparkSession spark,
            int n,
            int splits,
            int partitions,
            Column hash,
            boolean countFirst,
            Path out,
            long seed) {
        Dataset<Row> data = records(spark, n, splits);
        Dataset<Row> ordered = RecordNumbering.ordered(
                data, partitions, PUBLISHED, hash == null ? RecordNumbering.hash(PUBLISHED) : hash, countFirst);
        return ExtractFiles.write(
                ordered,
                out,
                seed,
                CompressionCodecName.ZSTD,
                List.of("province"),
                Map.of("hotline_trends.release", "2026Q3"));
    }

    /** The bytes of each file of a release, by name. */
    private static Map<String, List<Byte>> contents(Path dir) {
        Map<String, List<Byte>> contents = new java.util.TreeMap<>();
        for (Path f : files(dir)) {
            byte[] b = bytes(f);
            List<Byte> list = new ArrayList<>(b.length);
            for (byte x : b) {
                list.add(x);
            }
            contents.put(f.getFileName().toString(), list);
        }
        return contents;
    }

    /**
     * The files: one per partition, every record once (its published values, as often as the input has them), the
     * records of equal values side by side, in the order of their hash, each with the id of its place; and the same
     * bytes whatever the input's splits, counted before the shuffle or not.
     */
    @Test
    void extractFiles_holdEveryRecordOnce_inAnOrderOfTheirValues_whateverTheSplits(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        int n = 3_000;
        int partitions = 3;
        long seed = 42L;
        Map<String, Long> input = counted(records(spark, n, 1).drop("ref"), 0);
        assertThat(input.size()).as("records share their published values").isLessThan(n / 10);
        long large = RecordNumbering.COUNT_FIRST_FROM;
        assertThat(RecordNumbering.counts(records(spark, 1, 1), PUBLISHED, large))
                .as("a list is published: not counted first")
                .isFalse();
        assertThat(RecordNumbering.counts(records(spark, 1, 1), List.of("province", "quarter"), large))
                .isTrue();
        assertThat(RecordNumbering.counts(records(spark, 1, 1), List.of("province", "quarter"), large - 1))
                .as("a small release: not counted first")
                .isFalse();
        for (int splits : new int[] {1, 5, -5}) {
            Path out = dir.resolve("out-" + splits);
            ExtractFiles.Written written = write(spark, n, Math.abs(splits), partitions, null, splits > 0, out, seed);
            assertThat(written.records()).isEqualTo(n);
            Dataset<Row> read = spark.read().parquet(out.toString());
            assertThat(read.columns()).containsExactly("record_id", "province", "quarter", "means");
            assertThat(counted(read, 1)).as("every record once").isEqualTo(input);
            // the class sizes each task read back from its file are those of the files as Spark reads them
            Map<List<String>, Long> byProvince = new HashMap<>();
            for (Row r : read.groupBy("province").count().collectAsList()) {
                byProvince.put(List.of(r.getString(0)), r.getLong(1));
            }
            assertThat(written.classSizes()).isEqualTo(byProvince).hasSize(5);
            List<Path> files = files(out);
            assertThat(files.stream().map(f -> f.getFileName().toString()))
                    .containsExactly(
                            "part-00000-c000.zstd.parquet",
                            "part-00001-c000.zstd.parquet",
                            "part-00002-c000.zstd.parquet");
            Set<String> ids = new HashSet<>();
            for (Path f : files) {
                assertThat(ca.hotlinetrends.publish.ParquetProvenance.read(f))
                        .containsEntry("hotline_trends.release", "2026Q3")
                        .containsKey("org.apache.spark.sql.parquet.row.metadata");
                int partition = Integer.parseInt(f.getFileName().toString().substring(5, 10));
                Dataset<Row> file = spark.read().parquet(f.toString());
                // Spark's hash partitioning of the hash: the partition the record was given
                List<Row> rows = file.withColumn("_h", RecordNumbering.hash(PUBLISHED))
                        .withColumn(
                                "_p", functions.pmod(functions.hash(functions.col("_h")), functions.lit(partitions)))
                        .collectAsList();
                Set<String> finished = new HashSet<>();
                String previous = null;
                long previousHash = Long.MIN_VALUE;
                for (int place = 0; place < rows.size(); place++) {
                    Row r = rows.get(place);
                    assertThat(r.getString(0)).isEqualTo(ExtractFiles.recordId(((long) partition << 33) + place, seed));
                    ids.add(r.getString(0));
                    long hash = r.getLong(4);
                    assertThat(hash).as("in the order of the hash").isGreaterThanOrEqualTo(previousHash);
                    assertThat(r.getInt(5)).as("in the partition of the hash").isEqualTo(partition);
                    String v = values(r, 1);
                    if (!v.equals(previous)) {
                        assertThat(finished.add(v))
                                .as("records of equal values side by side")
                                .isTrue();
                    }
                    previous = v;
                    previousHash = hash;
                }
            }
            assertThat(ids).as("ids are unique").hasSize(n);
        }
        assertThat(contents(dir.resolve("out-5"))).isEqualTo(contents(dir.resolve("out-1")));
        assertThat(contents(dir.resolve("out--5")))
                .as("the same files, the records not counted first")
                .isEqualTo(contents(dir.resolve("out-1")));
        assertThat(ExtractFiles.recordId(0, seed)).matches("R[0-9a-f]{16}");
    }

    /**
     * A record's id is "R" and the 16 hex digits, zero-padded, of the mixed number: as published since the first
     * release (ids written as bytes must not change a byte of them), leading zeros included.
     */
    @Test
    void recordIds_areTheMixedNumberInSixteenHexDigits() {
        Random random = new Random(23);
        int padded = 0;
        for (int i = 0; i < 200_000; i++) {
            long number = i < 1_000 ? i : random.nextLong();
            long seed = i % 7 == 0 ? 0 : random.nextLong();
            long z = number ^ (seed * 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            String hex = Long.toHexString(z ^ (z >>> 31));
            padded += hex.length() < 16 ? 1 : 0;
            String expected = "R" + "0".repeat(16 - hex.length()) + hex;
            assertThat(ExtractFiles.recordId(number, seed)).isEqualTo(expected);
            assertThat(ExtractFiles.recordIdBytes(number, seed))
                    .isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(padded).as("ids with leading zeros occur").isGreaterThan(1_000);
    }

    /**
     * Distinct records of equal hash (64-bit collisions, forced here with a hash of two values) are put in the order
     * of their values, so the files are still the same whatever the input's splits and whether the records are counted
     * first, and every record is still written once.
     */
    @Test
    void extractFiles_orderRecordsOfEqualHashByTheirValues(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        int n = 2_000;
        int partitions = 2;
        long seed = 7L;
        Column coarse = functions.pmod(RecordNumbering.hash(PUBLISHED), functions.lit(2L));
        Map<String, Long> input = counted(records(spark, n, 1).drop("ref"), 0);
        List<List<String>> orders = new ArrayList<>();
        for (int splits : new int[] {1, 4, -4}) {
            Path out = dir.resolve("out-" + splits);
            assertThat(write(spark, n, Math.abs(splits), partitions, coarse, splits > 0, out, seed)
                            .records())
                    .isEqualTo(n);
            Dataset<Row> read = spark.read().parquet(out.toString());
            assertThat(counted(read, 1)).isEqualTo(input);
            List<String> order = new ArrayList<>();
            for (Path f : files(out)) {
                for (Row r : spark.read().parquet(f.toString()).collectAsList()) {
                    order.add(r.getString(0) + " " + values(r, 1));
                }
            }
            orders.add(order);
        }
        assertThat(orders.get(1)).isEqualTo(orders.get(0));
        assertThat(orders.get(2)).isEqualTo(orders.get(0));
        assertThat(contents(dir.resolve("out--4"))).isEqualTo(contents(dir.resolve("out-1")));
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
}
