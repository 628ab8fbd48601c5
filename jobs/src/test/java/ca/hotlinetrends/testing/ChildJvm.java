package ca.hotlinetrends.testing;

import ca.hotlinetrends.warehouse.FaultPoints;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of the CLI in a JVM of its own, as the kill tests need it (a process they can SIGKILL): the test JVM's
 * Java, its Spark-related flags (module opens, time zone, headless, project root), 2 GiB of heap, the test
 * classpath, and optionally a fault point where the command pauses ({@link FaultPoints#PAUSE}).
 */
public final class ChildJvm {

    private static final List<String> INHERITED = List.of(
            "--add-opens",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-Djdk.reflect",
            "-Dio.netty",
            "-Duser.timezone",
            "-Djava.awt.headless",
            "-Dhotline.projectRoot");

    private ChildJvm() {}

    /**
     * The command line of {@code hotline-trends <args>} in a child JVM.
     *
     * @param pauseAt the fault point to pause at, or null to run straight through
     */
    public static List<String> command(String pauseAt, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED.stream().anyMatch(arg::startsWith)) {
                command.add(arg);
            }
        }
        command.add("-Xmx2g");
        if (pauseAt != null) {
            command.add("-D" + FaultPoints.PAUSE + "=" + pauseAt);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("ca.hotlinetrends.cli.HotlineTrends");
        command.addAll(List.of(args));
        return command;
    }
}
