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
        return startIngest(input, warehouse, null);
    }

    /** An ingest in its own JVM; with {@code pauseAt}, it stops there (FaultPoints) and its output is readable. */
    private static Process startIngest(Path input, Path warehouse, String pauseAt) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty") || arg.startsWith("-Duser.timezone")) {
                command.add(arg);
            }
        }
        command.add("-Xmx2g");
        if (pauseAt != null) {
            command.add("-D" + ca.hotlinetrends.warehouse.FaultPoints.PAUSE + "=" + pauseAt);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("ca.hotlinetrends.cli.HotlineTrends");
        command.addAll(List.of("ingest", "--input", input.toString(), "--dataset", "contacts", "--warehouse",
                warehouse.toString(), "--run-date", "2026-09-30", "--master", "local[2]"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (pauseAt == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return builder.start();
    }

    private static List<String> staged(SparkSession spark, Path warehouse) {
        return spark.read().parquet(warehouse.resolve("restricted/staged/contacts").toString())
                .select("contact_ref", "reference_quarter").orderBy("contact_ref").collectAsList().stream()
                .map(Row::mkString).toList();
    }

    /** Two exports (before, after) and the staged records an uninterrupted ingest of {@code after} gives. */
    private record Exports(Path before, Path after, List<String> expected) {
    }

    private static Exports exports(Path dir, double beforeScale, double afterScale) {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(before, 1, beforeScale, new Quarter(2019, 1),
                new Quarter(2026, 3), "csv", 0.0, java.util.Set.of("contacts")), "csv");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(after, 2, afterScale, new Quarter(2019, 1),
                new Quarter(2026, 3), "csv", 0.0, java.util.Set.of("contacts")), "csv");
        Path reference = dir.resolve("reference");
        ingestInProcess(after, reference, "ref");
        return new Exports(before, after, staged(SharedSpark.session(), reference));
    }

    private static void ingestInProcess(Path export, Path warehouse, String runId) {
        new IngestJob(SharedSpark.session(), SCHEMAS, ca.hotlinetrends.config.HotlineConfig.defaults(),
                new ca.hotlinetrends.warehouse.Warehouse(warehouse))
                .run(export.resolve("contacts.csv").toString(), "contacts", java.time.LocalDate.of(2026, 9, 30), runId);
    }

    @Test
    void anIngestKilledBetweenWritingAndSwapping_leavesTheOldStagedDataAndTheNextRunCompletesIt(@TempDir Path dir)
            throws Exception {
        Exports e = exports(dir, 0.3, 0.6);
        Path after = e.after();
        List<String> expected = e.expected();
        SparkSession spark = SharedSpark.session();
        Path warehouse = dir.resolve("wh");
        ingestInProcess(e.before(), warehouse, "old");
        List<String> old = staged(spark, warehouse);

        // Paused at the riskiest point (every record validated and written, no staged quarter swapped yet), then
        // killed there: the check below always runs, whatever the machine's speed.
        Process p = startIngest(after.resolve("contacts.csv"), warehouse, "ingest-swap");
        boolean paused = false;
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("[fault] paused at ingest-swap")) {
                    paused = true;
                    break;
                }
            }
            assertThat(paused).as("the ingest reached the swap").isTrue();
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // Killed mid-swap: the quarter being swapped is set aside (the next run puts it back or replaces it); every
        // other staged quarter is the old one, readable.
        List<String> afterKill = staged(spark, warehouse);
        assertThat(old).as("killed mid-swap: what is readable is old staged data").containsAll(afterKill);
        java.util.Set<String> missingQuarters = new java.util.HashSet<>();
        old.stream().filter(r -> !afterKill.contains(r)).forEach(r -> missingQuarters.add(r.substring(r.length() - 6)));
        assertThat(missingQuarters).as("quarters set aside by the kill").hasSizeLessThanOrEqualTo(1);
        assertThat(afterKill).isNotEmpty();

        Process rerun = startIngest(after.resolve("contacts.csv"), warehouse);
        assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(rerun.exitValue()).isZero();
        assertThat(staged(spark, warehouse)).isEqualTo(expected);
    }

    @Test
    void aKilledIngest_leavesStagedDataIntactAndTheNextRunCompletesIt(@TempDir Path dir) throws Exception {
        Exports e = exports(dir, 1.0, 4.0);
        Path before = e.before();
        Path after = e.after();
        List<String> expected = e.expected();
        SparkSession spark = SharedSpark.session();

        for (long killAfterMillis : new long[] {2_500, 6_000, 9_000}) {
            Path warehouse = dir.resolve("wh-" + killAfterMillis);
            ingestInProcess(before, warehouse, "old");
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
