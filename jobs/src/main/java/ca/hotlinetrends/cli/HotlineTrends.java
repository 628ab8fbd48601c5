package ca.hotlinetrends.cli;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.PrivacyCheckException;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.spark.SparkSessions;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hotline-trends} command line. Exit codes: 0 success, 1 internal error, 2 bad usage or
 * configuration, 3 bad input (refused export, quarantine threshold), 4 a privacy check refused to publish (including
 * staff commentary that quotes a number the release does not publish).
 */
@Command(name = "hotline-trends", mixinStandardHelpOptions = true, version = "hotline-trends 0.1.0",
        description = "Privacy-protected trend reporting from de-identified human-trafficking hotline exports.",
        subcommands = {GenerateCommand.class, IngestCommand.class, AnonymizeCommand.class, TrendsCommand.class, ReportCommand.class,
            RunCommand.class, DemoCommand.class, DictionaryCommand.class, SqlCommand.class, AuditCommand.class})
public final class HotlineTrends implements Callable<Integer> {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int PRIVACY_REFUSED = 4;
    public static final int WAREHOUSE_BUSY = 5;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return BAD_USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * The chart leak behind a failure, wherever it was wrapped (rendering runs on several threads), or null: a chart
     * that would show a suppressed value is a privacy refusal (exit 4), not an internal error.
     */
    static ca.hotlinetrends.reports.leak.ChartLeakException chartLeak(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ca.hotlinetrends.reports.leak.ChartLeakException leak) {
                return leak;
            }
        }
        return null;
    }

    /** The refused staff commentary behind a failure, wherever it was wrapped, or null: a privacy refusal (exit 4). */
    static ca.hotlinetrends.reports.commentary.CommentaryRefusedException commentaryRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ca.hotlinetrends.reports.commentary.CommentaryRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    /**
     * How a failure is reported: its exit code and the line printed after {@code hotline-trends: }. The messages of
     * this project's exceptions name files, columns, counts and codes, never a record's values; other exceptions
     * (third-party messages may quote data) are reported by their class alone.
     *
     * @param exitCode the process's exit code
     * @param message what to print, without the {@code hotline-trends: } prefix
     */
    record Failure(int exitCode, String message) {
    }

    private static final String INTERNAL = "internal error: ";

    /** The exit code and message of a command that failed with {@code cause} (the run report shows them too). */
    static Failure failure(Throwable cause) {
        if (cause instanceof ca.hotlinetrends.ingest.IngestException) {
            return new Failure(BAD_INPUT, cause.getMessage());
        }
        if (cause instanceof PrivacyCheckException) {
            return new Failure(PRIVACY_REFUSED, "refused to publish: " + cause.getMessage());
        }
        ca.hotlinetrends.reports.leak.ChartLeakException leak = chartLeak(cause);
        if (leak != null) {
            return new Failure(PRIVACY_REFUSED, "refused to publish: " + leak.getMessage());
        }
        ca.hotlinetrends.reports.commentary.CommentaryRefusedException notes = commentaryRefusal(cause);
        if (notes != null) {
            // The message names the note, the line and the number as the author wrote it (never a record value).
            return new Failure(PRIVACY_REFUSED, "refused to publish: " + notes.getMessage());
        }
        if (cause instanceof ca.hotlinetrends.warehouse.WarehouseLock.BusyException) {
            return new Failure(WAREHOUSE_BUSY, cause.getMessage());
        }
        if (cause instanceof java.io.UncheckedIOException io) {
            // Our messages name the file; the operating system's reason (e.g. no space left) follows.
            return new Failure(INTERNAL_ERROR, io.getMessage() + ": " + io.getCause().getMessage());
        }
        if (cause instanceof ca.hotlinetrends.warehouse.WarehouseException) {
            return new Failure(INTERNAL_ERROR, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return new Failure(BAD_USAGE, cause.getMessage());
        }
        return new Failure(INTERNAL_ERROR, INTERNAL + cause.getClass().getName()
                + " (set HOTLINE_TRENDS_DEBUG=1 for the stack trace)");
    }

    /** Runs the command line and returns its exit code (for tests and the launcher). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new HotlineTrends());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Failure failure = failure(e);
            cmd.getErr().println("hotline-trends: " + failure.message());
            if (failure.message().startsWith(INTERNAL) && System.getenv("HOTLINE_TRENDS_DEBUG") != null) {
                // Third-party messages may quote data, so the trace is shown only on request.
                e.printStackTrace(cmd.getErr());
            }
            return failure.exitCode();
        });
        return cli.execute(args);
    }

    /** Options every command that touches the warehouse takes. */
    static final class Common {
        @Option(names = "--warehouse", defaultValue = "warehouse", description = "Warehouse folder (default: ${DEFAULT-VALUE}).")
        Path warehouse;

        @Option(names = "--config", description = "YAML configuration; it only needs what differs from the defaults.")
        Path config;

        @Option(names = "--master", description = "Spark master URL (default: spark-submit's --master when submitted, "
                + "else the config's, local[*]).")
        String master;

        @Option(names = "--schemas", description = "A folder laid out like schemas/ to use instead of the schemas "
                + "built into the jar (code lists, labels and table schemas, reports included).")
        Path schemas;

        HotlineConfig config() {
            HotlineConfig c = HotlineConfig.load(config);
            // The record-level releases' utility limits are checked against the schemas before anything runs.
            ca.hotlinetrends.microdata.MicrodataJob.checkConfiguration(schemas(), c);
            // Under spark-submit the master comes from it (a system property in the driver) unless --master says.
            String chosen = master != null ? master : System.getProperty("spark.master");
            if (chosen != null) {
                c = new HotlineConfig(new HotlineConfig.Spark(chosen, c.spark().bindAddress(),
                        c.spark().shufflePartitions()), c.ingest(), c.privacy(), c.report());
            }
            return c;
        }

        Warehouse warehouse() {
            return new Warehouse(warehouse);
        }

        /**
         * The warehouse's exclusive lock, for a command that writes: one writer per warehouse, so a scheduled run and
         * a manual command never interleave. Commands check their configuration before taking it.
         */
        ca.hotlinetrends.warehouse.WarehouseLock lock() {
            return ca.hotlinetrends.warehouse.WarehouseLock.acquire(warehouse());
        }

        SparkSession spark(HotlineConfig c, String command) {
            SparkSession session = SparkSessions.create(c.spark(), "hotline-trends " + command);
            // Ends by itself when the session stops.
            ca.hotlinetrends.spark.Progress.start(session);
            return session;
        }

        SchemaRegistry schemas() {
            return schemas == null ? SchemaRegistry.load() : SchemaRegistry.load(schemas);
        }
    }

    static void progress(String stage, String message) {
        System.out.println("[" + stage + "] " + message);
        System.out.flush();
    }
}
