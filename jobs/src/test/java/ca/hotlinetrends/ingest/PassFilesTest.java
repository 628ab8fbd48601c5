package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pass's own Parquet files read in Spark as Spark's own would: same layout, same types, same values. */
class PassFilesTest {

    private static final StructType STAGED = new StructType()
            .add("ref", DataTypes.StringType, true)
            .add("flag", DataTypes.BooleanType, true)
            .add("amount", DataTypes.LongType, true)
            .add("share", DataTypes.DoubleType, true)
            .add("day", DataTypes.DateType, true)
            .add("items", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add(IngestTransform.SOURCE, DataTypes.IntegerType, false)
            .add(IngestTransform.POSITION, DataTypes.LongType, false);
    private static final StructType QUARANTINED = new StructType()
            .add(IngestTransform.SOURCE, DataTypes.IntegerType, false)
            .add(IngestTransform.POSITION, DataTypes.LongType, false)
            .add(IngestTransform.REJECTED, DataTypes.createArrayType(DataTypes.StringType, true), true);

    private static PassFiles files(Path root, String name) {
        return new PassFiles(
                root,
                name,
                new ca.hotlinetrends.warehouse.SparkParquet.Layout(STAGED, Set.of("ref")),
                new ca.hotlinetrends.warehouse.SparkParquet.Layout(QUARANTINED, Set.of()),
                CompressionCodecName.ZSTD);
    }

    private static Binary b(String s) {
        return Binary.fromString(s);
    }

    @Test
    void lanesAndQuarters_readBackWithTheirTypes(@TempDir Path dir) {
        Path root = dir.resolve("pass");
        try (PassFiles files = files(root, "part-00000")) {
            files.staged("2026Q1", new Object[] {b("C1"), true, 5L, 0.25, 20_454, new Binary[] {b("A"), b("B")}, 0, 7L
            });
            files.staged("2026Q2", new Object[] {b("C2"), null, null, null, null, new Binary[0], 1, 9L});
            files.staged("2026Q1", new Object[] {null, false, -1L, 1.5, null, null, 0, 8L});
            files.rejected(new Object[] {0, 3L, new Binary[] {b("MALFORMED_ROW"), null, b("x")}});
            assertThat(files.commit()).containsExactly(3L, 1L);
        }
        SparkSession spark = SharedSpark.session();
        var staged = spark.read().parquet(root.resolve("_lane=staged").toString());
        // The same schema as Spark reads from a Spark write of the same layout.
        Path bySpark = dir.resolve("by-spark");
        spark.createDataFrame(List.of(), STAGED).write().parquet(bySpark.toString());
        assertThat(staged.drop(IngestTransform.PARTITION).schema())
                .isEqualTo(spark.read().parquet(bySpark.toString()).schema());
        assertThat(staged.orderBy(IngestTransform.POSITION).collectAsList().stream()
                        .map(r -> r.mkString("|"))
                        .toList())
                .containsExactly(
                        "C1|true|5|0.25|2026-01-01|ArraySeq(A, B)|0|7|2026Q1",
                        "null|false|-1|1.5|null|null|0|8|2026Q1",
                        "C2|null|null|null|null|ArraySeq()|1|9|2026Q2");
        var rejected = spark.read()
                .schema(QUARANTINED)
                .parquet(root.resolve("_lane=quarantined").toString());
        assertThat(rejected.collectAsList().get(0).mkString("|")).isEqualTo("0|3|ArraySeq(MALFORMED_ROW, null, x)");
    }

    @Test
    void aTaskThatFails_leavesNoVisibleFile(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("pass");
        try (PassFiles files = files(root, "part-00001")) {
            files.staged("2026Q1", new Object[] {b("C1"), true, 5L, 0.25, null, null, 0, 7L});
            files.rejected(new Object[] {0, 3L, new Binary[] {b("BAD_TYPE")}});
            // no commit: the task failed
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
