package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.warehouse.FaultPoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL during {@code run}: a separate JVM runs release 2026Q3 on a warehouse where 2026Q2 is published, pauses
 * at a {@link FaultPoints fault point} and is killed there ({@link Process#destroyForcibly()}, SIGKILL on Linux).
 * The release published before stays as it was; the next {@code run} cleans up after the killed one and publishes
 * exactly what an uninterrupted run publishes: the same bytes in {@code published/}, the same ledger entries,
 * nothing left over.
 */
@ca.hotlinetrends.testing.IntegrationTest
class RunKillTest {

    private static final Quarter RELEASE = new Quarter(2026, 3);

    @TempDir
    static Path dir;

    private static RunFixture fx;
    private static Map<String, String> reference;
    private static Path referenceWarehouse;

    @BeforeAll
    static void uninterrupted() throws IOException {
        fx = RunFixture.create(dir);
        referenceWarehouse = fx.copyOfBase("reference");
        assertThat(RunFixture.run(fx.export, RELEASE, referenceWarehouse).exit())
                .isZero();
        reference = RunFixture.publicState(referenceWarehouse);
        var manifests = RunFaultsTest.runManifests(referenceWarehouse);
        var last = manifests.get(manifests.size() - 1);
        assertThat(last.path("status").asText()).isEqualTo("published");
        for (String stage : List.of("ingest", "trends", "microdata", "report", "publish")) {
            assertThat(last.path("stages").path(stage).path("status").asText())
                    .as(stage)
                    .isEqualTo("done");
        }
        assertThat(reference.keySet())
                .anyMatch(k -> k.startsWith("published/2026Q3/tables/"))
                .contains("ledger/releases/2026Q3.csv", "ledger/releases/2026Q2.csv");
    }

    private static Process startRun(Path warehouse, String point, Path log) throws IOException {
        List<String> command = ca.hotlinetrends.testing.ChildJvm.command(
                point,
                "run",
                "--input",
                fx.export.toString(),
                "--release",
                RELEASE.toString(),
                "--warehouse",
                warehouse.toString(),
                "--run-date",
                "2026-09-30",
                "--master",
                "local[2]",
                "--config",
                RunFixture.cumulativeConfig(warehouse.toAbsolutePath().getParent())
                        .toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Starts a run that pauses at {@code point}, waits until it is there and kills it with SIGKILL. */
    private static void killAt(Path warehouse, String point) throws Exception {
        Path log = Files.createTempFile(dir, "killed-run-", ".log");
        Process p = startRun(warehouse, point, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("[fault] paused at " + point)) {
            assertThat(p.isAlive())
                    .as(
                            "the run ended before reaching %s; its output:%n%s",
                            point, Files.readString(log, StandardCharsets.UTF_8))
                    .isTrue();
            assertThat(System.nanoTime()).as("time to reach %s", point).isLessThan(deadline);
            Thread.sleep(200);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private static List<String> leftovers(Path warehouse) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(warehouse)) {
            all.map(p -> warehouse.relativize(p).toString())
                    .filter(n -> n.contains(".staging-")
                            || n.contains(".replaced-")
                            || n.endsWith(".pending")
                            || n.endsWith(".publishing")
                            || n.endsWith(".old"))
                    .forEach(found::add);
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-swap", "tables-write", "microdata-write", "publish-rename", "ledger-commit"})
    void killedAtAnyPoint_theNextRunPublishesWhatAnUninterruptedRunPublishes(String point) throws Exception {
        Path wh = fx.copyOfBase("killed-" + point);
        Map<String, String> before = RunFixture.publicState(wh);
        killAt(wh, point);

        // The release published before is untouched whatever the point.
        Map<String, String> after = RunFixture.publicState(wh);
        before.forEach((file, hash) -> assertThat(after.get(file)).as(file).isEqualTo(hash));
        if (!point.equals("ledger-commit")) {
            assertThat(wh.resolve("published").resolve(RELEASE.toString())).doesNotExist();
        }

        assertThat(RunFixture.run(fx.export, RELEASE, wh).exit()).isZero();
        assertThat(RunFixture.publicState(wh)).isEqualTo(reference);
        assertThat(leftovers(wh)).isEmpty();
    }

    /**
     * A re-publication killed between its two renames (the old folder moved aside, the new one not yet in place):
     * the next run puts the old release back before anything else, then publishes.
     */
    @Test
    void aRepublicationKilledBetweenItsRenames_isRepairedByTheNextRun() throws Exception {
        Path wh = dir.resolve("republished");
        FileUtils.copyDirectory(referenceWarehouse.toFile(), wh.toFile());
        killAt(wh, "publish-rename");
        assertThat(wh.resolve("published").resolve(RELEASE.toString())).doesNotExist();
        assertThat(leftovers(wh)).anyMatch(n -> n.startsWith("published/.replaced-2026Q3-"));

        assertThat(RunFixture.run(fx.export, RELEASE, wh).exit()).isZero();
        assertThat(RunFixture.publicState(wh)).isEqualTo(reference);
        assertThat(leftovers(wh)).isEmpty();
    }
}
