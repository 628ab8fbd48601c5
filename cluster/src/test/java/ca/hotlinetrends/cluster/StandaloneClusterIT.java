package ca.hotlinetrends.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.cli.HotlineTrends;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same release run on a real Spark standalone cluster (a Master and two Workers on 127.0.0.1, started by
 * {@code deploy/standalone/run-on-cluster.sh} from Maven's Spark jars, the shaded application jar submitted with
 * SparkSubmit) and in {@code local[2]}: both publish the same bytes and the same ledger.
 */
class StandaloneClusterIT {

    private static final Quarter RELEASE = new Quarter(2026, 3);

    @TempDir
    Path dir;

    private static Map<String, String> publicState(Path warehouse) throws IOException {
        return ca.hotlinetrends.release.PublicState.of(warehouse);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aReleaseRunOnAStandaloneCluster_isIdenticalToTheSameReleaseInLocalMode() throws Exception {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SchemaRegistry.load(),
                new GenerateConfig(export, 5, 0.2, new Quarter(2019, 1), RELEASE, "csv", 0.0),
                "csv");
        Path root = Path.of(System.getProperty("hotline.projectRoot"));
        Path work = dir.resolve("cluster");
        Path onCluster = dir.resolve("wh-cluster");
        Path log = dir.resolve("cluster.log");
        ProcessBuilder pb = new ProcessBuilder(
                        "bash",
                        root.resolve("deploy/standalone/run-on-cluster.sh").toString(),
                        "--input",
                        export.toString(),
                        "--release",
                        RELEASE.toString(),
                        "--warehouse",
                        onCluster.toString(),
                        "--run-date",
                        "2026-09-30")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("MASTER_PORT", Integer.toString(freePort()));
        pb.environment().put("CLUSTER_WORK_DIR", work.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the cluster run finished; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("2 workers registered").contains("release 2026Q3 published");
        // Both workers ran executors, each fetching the application jar.
        for (String worker : List.of("worker-1", "worker-2")) {
            try (Stream<Path> files = Files.walk(work.resolve(worker))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as(worker)
                        .contains("hotline-trends-spark.jar");
            }
        }

        Path local = dir.resolve("wh-local");
        int exit = HotlineTrends.execute(
                "run",
                "--input",
                export.toString(),
                "--release",
                RELEASE.toString(),
                "--warehouse",
                local.toString(),
                "--run-date",
                "2026-09-30",
                "--master",
                "local[2]");
        assertThat(exit).isZero();
        Map<String, String> expected = publicState(local);
        assertThat(expected)
                .containsKey("ledger/releases/2026Q3.csv")
                .containsKey("published/2026Q3/certificate.json")
                .anySatisfy((file, hash) -> assertThat(file).startsWith("published/2026Q3/microdata/"));
        assertThat(publicState(onCluster)).isEqualTo(expected);
    }
}
