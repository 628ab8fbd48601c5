package ca.hotlinetrends.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage longer than the interval is reported with its tasks, records read, rate and time left; in plain lines when not on a terminal. */
class ProgressTest {

    @Test
    void aLongStage_isReportedInPlainLines(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        String data = dir.resolve("numbers").toString();
        spark.range(0, 40_000, 1, 8).write().parquet(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.start(spark, out, false, 300)) {
            long n = spark.read()
                    .parquet(data)
                    .map(
                            (MapFunction<org.apache.spark.sql.Row, Long>) r -> {
                                if (r.getLong(0) % 5_000 == 0) {
                                    Thread.sleep(400);
                                }
                                return r.getLong(0);
                            },
                            Encoders.LONG())
                    .count();
            assertThat(n).isEqualTo(40_000);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("[progress]")
                .containsPattern("stage \\d+: \\d+/\\d+ tasks, [\\d,]+ records read, [\\d,]+ records/s");
        assertThat(text).doesNotContain("\r");
    }
}
