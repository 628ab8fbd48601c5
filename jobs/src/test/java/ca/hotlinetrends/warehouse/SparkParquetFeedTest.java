package ca.hotlinetrends.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records handed straight to Parquet's column writers give the same file, byte for byte, as records sent through its
 * record consumer: with and without statistics, over several row groups (each a new column store), pages and a
 * dictionary that falls back to plain values, with absent values in every column, and lists absent, empty and with
 * absent items.
 */
class SparkParquetFeedTest {

    private static final StructType SCHEMA = new StructType()
            .add("record_id", DataTypes.StringType, true)
            .add("province_code", DataTypes.StringType, true)
            .add("note", DataTypes.StringType, true)
            .add("flag", DataTypes.BooleanType, true)
            .add("count", DataTypes.IntegerType, true)
            .add("big", DataTypes.LongType, true)
            .add("share", DataTypes.DoubleType, true)
            .add("day", DataTypes.DateType, true)
            .add("required_code", DataTypes.StringType, false);

    @Test
    void columnsFedStraight_giveTheRecordConsumersBytes(@TempDir Path dir) throws Exception {
        SparkParquet.Layout withStatistics = new SparkParquet.Layout(SCHEMA, Set.of("record_id"));
        int file = 0;
        for (SparkParquet.Layout layout :
                new SparkParquet.Layout[] {withStatistics, withStatistics.withoutStatistics()}) {
            // Small row groups: several, each written to a new column store. One large one: the notes' dictionary
            // outgrows its limit and the column falls back to plain values.
            for (int[] shape : new int[][] {{40_000, 256 * 1024, 8}, {30_000, ParquetWriter.DEFAULT_BLOCK_SIZE, 48}}) {
                Path consumer = dir.resolve("consumer-" + file + ".parquet");
                Path straight = dir.resolve("straight-" + file++ + ".parquet");
                write(consumer, layout, SparkParquet.Feed.RECORD_CONSUMER, shape[0], shape[1], shape[2]);
                write(straight, layout, SparkParquet.Feed.COLUMNS_ONLY, shape[0], shape[1], shape[2]);
                assertThat(Files.mismatch(consumer, straight))
                        .as("first differing byte")
                        .isEqualTo(-1L);
                try (var reader = SparkParquet.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(straight.toUri()), SparkParquet.localConf()))) {
                    var blocks = reader.getFooter().getBlocks();
                    assertThat(blocks.stream().mapToLong(b -> b.getRowCount()).sum())
                            .isEqualTo(shape[0]);
                    if (shape[2] == 8) {
                        assertThat(blocks).as("row groups").hasSizeGreaterThan(2);
                    } else {
                        assertThat(blocks.get(0).getColumns().get(2).getEncodings())
                                .as("the notes' encodings")
                                .contains(org.apache.parquet.column.Encoding.PLAIN);
                    }
                }
            }
        }
    }

    @Test
    void listsFedStraight_giveTheRecordConsumersBytes(@TempDir Path dir) throws Exception {
        StructType lists = new StructType()
                .add("code", DataTypes.StringType, true)
                .add("items", DataTypes.createArrayType(DataTypes.StringType, true), true)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("flag", DataTypes.BooleanType, true);
        SparkParquet.Layout layout = new SparkParquet.Layout(lists, Set.of());
        Path consumer = dir.resolve("consumer.parquet");
        Path straight = dir.resolve("straight.parquet");
        for (Path p : new Path[] {consumer, straight}) {
            try (ParquetWriter<Object[]> w = SparkParquet.writer(
                    p,
                    layout,
                    CompressionCodecName.SNAPPY,
                    new Configuration(false),
                    p == consumer ? SparkParquet.Feed.RECORD_CONSUMER : SparkParquet.Feed.COLUMNS_ONLY,
                    128 * 1024)) {
                Random random = new Random(7);
                for (int i = 0; i < 60_000; i++) {
                    // Absent, empty and longer lists in runs and alone, absent items among present ones.
                    int n = i % 5_000 < 300 ? -1 : i % 7_000 < 200 ? 0 : random.nextInt(5) - 1;
                    Binary[] items = n < 0 ? null : new Binary[n];
                    for (int j = 0; j < Math.max(0, n); j++) {
                        items[j] = random.nextInt(5) == 0 ? null : Binary.fromString("m" + random.nextInt(6));
                    }
                    Binary[] tags = new Binary[random.nextInt(3)];
                    for (int j = 0; j < tags.length; j++) {
                        tags[j] = Binary.fromString("t" + random.nextInt(40));
                    }
                    w.write(new Object[] {
                        random.nextInt(3) == 0 ? null : Binary.fromString("c" + i % 7),
                        items,
                        tags,
                        random.nextInt(4) == 0 ? null : random.nextBoolean()
                    });
                }
            }
        }
        assertThat(Files.mismatch(consumer, straight))
                .as("first differing byte")
                .isEqualTo(-1L);
        try (var reader = SparkParquet.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(straight.toUri()), SparkParquet.localConf()))) {
            assertThat(reader.getFooter().getBlocks()).as("row groups").hasSizeGreaterThan(2);
        }
    }

    private static void write(
            Path file, SparkParquet.Layout layout, SparkParquet.Feed feed, int records, long rowGroup, int noteLength)
            throws Exception {
        Random random = new Random(2026);
        try (ParquetWriter<Object[]> w = SparkParquet.writer(
                file, layout, CompressionCodecName.SNAPPY, new Configuration(false), feed, rowGroup)) {
            for (int i = 0; i < records; i++) {
                Object[] r = new Object[SCHEMA.size()];
                r[0] = Binary.fromString(String.format("R%016x", random.nextLong()));
                r[1] = random.nextInt(10) == 0 ? null : Binary.fromString("P" + random.nextInt(13));
                String note = Long.toString(random.nextLong(), 36) + "é" + i;
                r[2] = random.nextInt(4) == 0
                        ? null
                        : Binary.fromString(
                                note.repeat(noteLength / note.length() + 1).substring(0, noteLength));
                r[3] = random.nextInt(5) == 0 ? null : random.nextBoolean();
                r[4] = random.nextInt(6) == 0 ? null : random.nextInt(1000);
                r[5] = random.nextInt(7) == 0 ? null : random.nextLong();
                r[6] = random.nextInt(8) == 0 ? null : random.nextDouble();
                r[7] = random.nextInt(9) == 0 ? null : 19_000 + random.nextInt(3000);
                r[8] = Binary.fromString("Q" + (i / 1000) % 30);
                w.write(r);
            }
        }
    }
}
