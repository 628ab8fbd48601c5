package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import java.nio.file.Path;
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
@ca.hotlinetrends.testing.IntegrationTest
class IngestKillTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    private static Process startIngest(Path input, Path warehouse) throws Exception {
        return startIngest(input, warehouse, null);
    }

    /** An ingest in its own JVM; with {@code pauseAt}, it stops there (FaultPoints) and its output is readable. */
    private static Process startIngest(Path input, Path warehouse, String pauseAt) throws Exception {
        List<String> command = ca.hotlinetrends.testing.ChildJvm.command(
                pauseAt,
                "ingest",
                "--input",
                input.toString(),
                "--dataset",
                "contacts",
                "--warehouse",
                warehouse.toString(),
                "--run-date",
                "2026-09-30",
                "--master",
                "local[2]");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (pauseAt == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return builder.start();
    }

    private static List<String> staged(SparkSession spark, Path warehouse) {
        return spark
                .read()
                .parquet(warehouse.resolve("restricted/staged/contacts").toString())
                .select("contact_ref", "reference_quarter")
                .orderBy("contact_ref")
                .collectAsList()
                .stream()
                .map(Row::mkString)
                .toList();
    }

    /** Two exports (before, after) and the staged records an uninterrupted ingest of {@code after} gives. */
    private record Exports(Path before, Path after, List<String> expected) {}

    private static Exports exports(Path dir, double beforeScale, double afterScale) {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(
                        before,
                        1,
                        beforeScale,
                        new Quarter(2019, 1),
                        new Quarter(2026, 3),
                        "csv",
                        0.0,
                        java.util.Set.of("contacts")),
                "csv");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(
                        after,
                        2,
                        afterScale,
                        new Quarter(2019, 1),
                        new Quarter(2026, 3),
                        "csv",
                        0.0,
                        java.util.Set.of("contacts")),
                "csv");
        Path reference = dir.resolve("reference");
        ingestInProcess(after, reference, "ref");
        return new Exports(before, after, staged(SharedSpark.session(), reference));
    }

    private static void ingestInProcess(Path export, Path warehouse, String runId) {
        new IngestJob(
                        SharedSpark.session(),
                        SCHEMAS,
                        ca.hotlinetrends.config.HotlineConfig.defaults(),
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
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
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
        assertThat(old)
                .as("killed mid-swap: what is readable is old staged data")
                .containsAll(afterKill);
        java.util.Set<String> missingQuarters = new java.util.HashSet<>();
        old.stream().filter(r -> !afterKill.contains(r)).forEach(r -> missingQuarters.add(r.substring(r.length() - 6)));
        assertThat(missingQuarters).as("quarters set aside by the kill").hasSizeLessThanOrEqualTo(1);
        assertThat(afterKill).isNotEmpty();

        Process rerun = startIngest(after.resolve("contacts.csv"), warehouse);
        assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(rerun.exitValue()).isZero();
        assertThat(staged(spark, warehouse)).isEqualTo(expected);
    }

    /** Starts an ingest that pauses at {@code point}, waits until it says so, and kills it there (SIGKILL). */
    private static void killAt(Path input, Path warehouse, String point) throws Exception {
        Process p = startIngest(input, warehouse, point);
        boolean paused = false;
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("[fault] paused at " + point.replaceAll("#.*", ""))) {
                    paused = true;
                    break;
                }
            }
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(paused).as("the ingest reached %s", point).isTrue();
    }

    private static java.util.Map<String, java.util.Set<String>> byQuarter(List<String> records) {
        java.util.Map<String, java.util.Set<String>> m = new java.util.TreeMap<>();
        records.forEach(r -> m.computeIfAbsent(r.substring(r.length() - 6), q -> new java.util.HashSet<>())
                .add(r));
        return m;
    }

    @Test
    void aKilledIngest_leavesEachStagedQuarterOldOrNewAndTheNextRunCompletesIt(@TempDir Path dir) throws Exception {
        Exports e = exports(dir, 0.3, 0.6);
        SparkSession spark = SharedSpark.session();
        java.util.Map<String, java.util.Set<String>> expected = byQuarter(e.expected());
        int middle = expected.size() / 2;
        // Before anything is read; every record validated and written to the run's work folder; in the middle of
        // the quarters' swaps; every quarter swapped, the manifest not yet written. Each point is reached and the
        // process killed exactly there, so every check below runs on any machine.
        for (String point : List.of("ingest-pass", "ingest-staged", "ingest-swap#" + middle, "ingest-swapped")) {
            Path warehouse = dir.resolve("wh-" + point.replace('#', '-'));
            ingestInProcess(e.before(), warehouse, "old");
            java.util.Map<String, java.util.Set<String>> old = byQuarter(staged(spark, warehouse));
            killAt(e.after().resolve("contacts.csv"), warehouse, point);

            java.util.Map<String, java.util.Set<String>> afterKill = byQuarter(staged(spark, warehouse));
            int fresh = 0;
            for (var q : afterKill.entrySet()) {
                boolean isOld = q.getValue().equals(old.get(q.getKey()));
                boolean isNew = q.getValue().equals(expected.get(q.getKey()));
                assertThat(isOld || isNew)
                        .as("killed at %s: staged quarter %s is the old or the new one", point, q.getKey())
                        .isTrue();
                fresh += isNew && !isOld ? 1 : 0;
            }
            java.util.Set<String> missing = new java.util.TreeSet<>(expected.keySet());
            missing.removeAll(afterKill.keySet());
            switch (point.replaceAll("#.*", "")) {
                case "ingest-pass", "ingest-staged" ->
                    assertThat(afterKill).as("killed at %s", point).isEqualTo(old);
                case "ingest-swapped" ->
                    assertThat(afterKill).as("killed at %s", point).isEqualTo(expected);
                default -> {
                    // The quarter being swapped is set aside; those before it are new, those after it old.
                    assertThat(missing)
                            .as("quarters set aside by the kill mid-swap")
                            .hasSize(1);
                    assertThat(fresh)
                            .as("quarters already swapped when killed at %s", point)
                            .isEqualTo(middle - 1);
                }
            }

            Process rerun = startIngest(e.after().resolve("contacts.csv"), warehouse);
            assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(rerun.exitValue()).isZero();
            assertThat(byQuarter(staged(spark, warehouse)))
                    .as("after a kill at %s and a re-run", point)
                    .isEqualTo(expected);
        }
    }
}
