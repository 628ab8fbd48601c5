package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.anonymity.Recoding;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.trends.OnePassCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * A record-level extract written from the trends pass's counts of every published column ({@link
 * Generalisation#applyToCounts}, {@link RecordNumbering#orderedCounts}) is, byte for byte, the one written from the
 * records themselves ({@link Generalisation#apply}, {@link RecordNumbering#ordered}): the same files, the same record
 * ids, the same class sizes read back.
 */
class ExtractFromCountsTest {

    /** Published, in staged order: the quarter, three quasi-identifiers (a, n, c) and two other columns. */
    private static final List<String> PUBLISHED = List.of("reference_quarter", "a", "flag", "n", "note", "c");

    private static final List<String> QIS = List.of("a", "n", "c");
    /** What the pass counts besides the quarter. */
    private static final List<String> COUNTED = List.of("a", "flag", "n", "note", "c");

    private static Dataset<Row> staged(SparkSession spark) {
        StructType schema = new StructType()
                .add("ref", DataTypes.StringType, false)
                .add("reference_quarter", DataTypes.StringType, false)
                .add("a", DataTypes.StringType, true)
                .add("flag", DataTypes.BooleanType, true)
                .add("n", DataTypes.StringType, true)
                .add("note", DataTypes.StringType, true)
                .add("c", DataTypes.StringType, true);
        Random random = new Random(13);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            // Few distinct records, each many times; nulls, and values outside the hierarchies (suppressed).
            rows.add(RowFactory.create(
                    "R" + i,
                    "2025Q" + (1 + random.nextInt(4)),
                    random.nextInt(80) == 0 ? null : random.nextInt(60) == 0 ? "a9" : "a" + random.nextInt(6),
                    random.nextInt(10) == 0 ? null : random.nextBoolean(),
                    random.nextInt(70) == 0 ? "7" : String.valueOf(1 + random.nextInt(6)),
                    random.nextInt(3) == 0 ? null : "note " + random.nextInt(3),
                    String.valueOf("xyz".charAt(random.nextInt(3)))));
        }
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    /** A node's recoding ({@link GeneralisationTest#outputs}): most classes published, some blanked, some not. */
    private static Recoding recoding() {
        return Recoding.of(
                GeneralisationTest.hierarchies(), List.of(1, 1, 0), GeneralisationTest.outputs(new Random(17)));
    }

    /** The pass's counts, as a run's trends pass makes them (booleans and values outside the code lists as text). */
    private static Map<List<String>, Long> counts(Dataset<Row> staged) {
        List<OnePassCounts.Spec> specs = List.of(new OnePassCounts.Spec(
                "records",
                List.of(
                        new OnePassCounts.Dimension("a", List.of("a0", "a1", "a2", "a3", "a4", "a5"), null),
                        new OnePassCounts.Dimension("flag", List.of("true", "false"), null),
                        new OnePassCounts.Dimension("n", List.of("1", "2", "3", "4", "5", "6"), null),
                        new OnePassCounts.Dimension("note", List.of(), null),
                        new OnePassCounts.Dimension("c", List.of("x", "y", "z"), null)),
                false));
        return OnePassCounts.merge(
                        specs, staged, OnePassCounts.partials(specs, staged).collect())
                .get(0);
    }

    private static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                out.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static ExtractFiles.Written write(Dataset<Row> ordered, Path out) {
        return ExtractFiles.write(
                ordered, out, 99L, CompressionCodecName.ZSTD, QIS, Map.of("hotline_trends.release", "2025Q4"));
    }

    /** The extract as a release writes it from the records themselves, counted before the shuffle or not. */
    private static ExtractFiles.Written fromRecords(
            SparkSession spark,
            Dataset<Row> published,
            Recoding recoding,
            int partitions,
            boolean countFirst,
            Path out) {
        return write(
                RecordNumbering.ordered(
                        Generalisation.apply(spark, published, QIS, recoding),
                        partitions,
                        PUBLISHED,
                        RecordNumbering.hash(PUBLISHED),
                        countFirst),
                out);
    }

    @Test
    void theExtractFromCounts_isTheExtractFromTheRecords(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> staged = staged(spark);
        Dataset<Row> published =
                staged.select(PUBLISHED.stream().map(functions::col).toArray(Column[]::new));
        Recoding recoding = recoding();
        Map<List<String>, Long> counts = counts(staged);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6_000);
        long records = Generalisation.apply(spark, published, QIS, recoding).count();
        assertThat(records).as("some records are suppressed, most are not").isBetween(3_000L, 5_800L);
        int partitions = 3;

        ExtractFiles.Written fromRecords =
                fromRecords(spark, published, recoding, partitions, false, dir.resolve("records"));
        ExtractFiles.Written countedFirst =
                fromRecords(spark, published, recoding, partitions, true, dir.resolve("counted-first"));
        Dataset<Row> distinct = Generalisation.applyToCounts(spark, published.schema(), QIS, COUNTED, counts, recoding);
        ExtractFiles.Written fromCounts =
                write(RecordNumbering.orderedCounts(distinct, partitions, PUBLISHED), dir.resolve("counts"));

        assertThat(fromCounts.records()).isEqualTo(fromRecords.records()).isEqualTo(records);
        assertThat(distinct.count()).as("one row per distinct record").isLessThan(records / 5);
        assertThat(fromCounts.classSizes()).isEqualTo(fromRecords.classSizes());
        assertThat(fromCounts.classSizes().keySet()).as("blanks occur").anyMatch(k -> k.contains("*"));
        Map<String, String> expected = files(dir.resolve("records"));
        assertThat(expected).hasSize(partitions);
        assertThat(files(dir.resolve("counts"))).isEqualTo(expected).isEqualTo(files(dir.resolve("counted-first")));
        assertThat(countedFirst.records()).isEqualTo(records);
        assertThat(distinct.schema().apply("flag").dataType()).isEqualTo(DataTypes.BooleanType);
    }

    @Test
    void aColumnNotCounted_orNotTextOrBoolean_isRefused() {
        SparkSession spark = SharedSpark.session();
        StructType published = staged(spark)
                .select(PUBLISHED.stream().map(functions::col).toArray(Column[]::new))
                .schema();
        assertThatThrownBy(() -> Generalisation.applyToCounts(
                        spark, published, QIS, List.of("a", "flag", "n", "c"), Map.of(), recoding()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("note is not among the counted columns");
        StructType withNumber = published.add("n2", DataTypes.IntegerType, true);
        assertThatThrownBy(() -> Generalisation.applyToCounts(
                        spark, withNumber, QIS, List.of("a", "flag", "n", "note", "c", "n2"), Map.of(), recoding()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n2 is of type int");
    }
}
