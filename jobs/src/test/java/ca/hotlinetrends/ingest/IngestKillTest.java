package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest killed with SIGKILL at several points (a separate JVM, destroyed forcibly) leaves the previously
 * staged data intact and readable, and the next run completes it: the result equals an uninterrupted run.
 */
class IngestKillTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    private static Process startIngest(Path input, Path warehouse) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty") || arg.startsWith("-Duser.timezone")) {
                command.add(arg);
            }
        }
        command.add("-Xmx2g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("ca.hotlinetrends.cli.HotlineTrends");
        command.addAll(List.of("ingest", "--input", input.toString(), "--dataset", "contacts", "--warehouse",
                warehouse.toString(), "--run-date", "2026-09-30", "--master", "local[2]"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static List<String> staged(SparkSession spark, Path warehouse) {
        return spark.read().parquet(warehouse.resolve("restricted/staged/contacts").toString())
                .select("contact_ref", "reference_quarter").orderBy("contact_ref").collectAsList().stream()
                .map(Row::mkString).toList();
    }

    @Test
    void aKilledIngest_leavesStagedDataIntactAndTheNextRunCompletesIt(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(before, 1, 1.0, new Quarter(2019, 1), new Quarter(2026, 3),
                "csv", 0.0, java.util.Set.of("contacts")), "csv");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(after, 2, 4.0, new Quarter(2019, 1), new Quarter(2026, 3),
                "csv", 0.0, java.util.Set.of("contacts")), "csv");
        SparkSession spark = SharedSpark.session();
        Path reference = dir.resolve("reference");
        new IngestJob(spark, SCHEMAS, ca.hotlinetrends.config.HotlineConfig.defaults(),
                new ca.hotlinetrends.warehouse.Warehouse(reference))
                .run(after.resolve("contacts.csv").toString(), "contacts", java.time.LocalDate.of(2026, 9, 30), "ref");
        List<String> expected = staged(spark, reference);

        for (long killAfterMillis : new long[] {2_500, 6_000, 9_000}) {
            Path warehouse = dir.resolve("wh-" + killAfterMillis);
            new IngestJob(spark, SCHEMAS, ca.hotlinetrends.config.HotlineConfig.defaults(),
                    new ca.hotlinetrends.warehouse.Warehouse(warehouse))
                    .run(before.resolve("contacts.csv").toString(), "contacts", java.time.LocalDate.of(2026, 9, 30), "old");
            List<String> old = staged(spark, warehouse);

            Process p = startIngest(after.resolve("contacts.csv"), warehouse);
            boolean finished = p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            // Whatever point it was killed at, every staged quarter is readable and is either the old or the new one.
            List<String> afterKill = staged(spark, warehouse);
            assertThat(afterKill).isNotEmpty();
            if (!finished) {
                assertThat(afterKill.size()).as("killed after %d ms", killAfterMillis).isBetween(Math.min(old.size(),
                        expected.size()), Math.max(old.size(), expected.size()) + old.size());
            }
            Process rerun = startIngest(after.resolve("contacts.csv"), warehouse);
            assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(rerun.exitValue()).isZero();
            assertThat(staged(spark, warehouse)).as("after a kill at %d ms and a re-run", killAfterMillis)
                    .isEqualTo(expected);
        }
    }
}
