package ca.hotlinetrends.cli;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.pipeline.ExitCodes;
import ca.hotlinetrends.pipeline.Failure;
import ca.hotlinetrends.pipeline.PipelineContext;
import ca.hotlinetrends.pipeline.Progress;
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
@Command(
        name = "hotline-trends",
        mixinStandardHelpOptions = true,
        version = "hotline-trends 0.1.0",
        description = "Privacy-protected trend reporting from de-identified human-trafficking hotline exports.",
        subcommands = {
            GenerateCommand.class,
            IngestCommand.class,
            AnonymizeCommand.class,
            TrendsCommand.class,
            ReportCommand.class,
            RunCommand.class,
            DemoCommand.class,
            DictionaryCommand.class,
            SqlCommand.class,
            AuditCommand.class
        })
public final class HotlineTrends implements Callable<Integer> {

    public static final int OK = ExitCodes.OK;
    public static final int INTERNAL_ERROR = ExitCodes.INTERNAL_ERROR;
    public static final int BAD_USAGE = ExitCodes.BAD_USAGE;
    public static final int BAD_INPUT = ExitCodes.BAD_INPUT;
    public static final int PRIVACY_REFUSED = ExitCodes.PRIVACY_REFUSED;
    public static final int WAREHOUSE_BUSY = ExitCodes.WAREHOUSE_BUSY;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return BAD_USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The chart leak behind a failure, wherever it was wrapped, or null ({@link Failure#chartLeak}). */
    static ca.hotlinetrends.reports.leak.ChartLeakException chartLeak(Throwable failure) {
        return Failure.chartLeak(failure);
    }

    /** The exit code and message of a command that failed with {@code cause} ({@link Failure#of}). */
    static Failure failure(Throwable cause) {
        return Failure.of(cause);
    }

    /** Runs the command line and returns its exit code (for tests and the launcher). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new HotlineTrends());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Failure failure = failure(e);
            cmd.getErr().println("hotline-trends: " + failure.message());
            if (failure.message().startsWith(Failure.INTERNAL) && System.getenv("HOTLINE_TRENDS_DEBUG") != null) {
                // Third-party messages may quote data, so the trace is shown only on request.
                e.printStackTrace(cmd.getErr());
            }
            return failure.exitCode();
        });
        return cli.execute(args);
    }

    /** Options every command that touches the warehouse takes. */
    static final class Common {
        @Option(
                names = "--warehouse",
                defaultValue = "warehouse",
                description = "Warehouse folder (default: ${DEFAULT-VALUE}).")
        Path warehouse;

        @Option(names = "--config", description = "YAML configuration; it only needs what differs from the defaults.")
        Path config;

        @Option(
                names = "--master",
                description = "Spark master URL (default: spark-submit's --master when submitted, "
                        + "else the config's, local[*]).")
        String master;

        @Option(
                names = "--schemas",
                description = "A folder laid out like schemas/ to use instead of the schemas "
                        + "built into the jar (code lists, labels and table schemas, reports included).")
        Path schemas;

        HotlineConfig config() {
            return config(schemas());
        }

        /** The configuration, checked against {@code registry}: the schemas are loaded once per command. */
        HotlineConfig config(SchemaRegistry registry) {
            HotlineConfig c = HotlineConfig.load(config);
            // The record-level releases' utility limits are checked against the schemas before anything runs.
            ca.hotlinetrends.microdata.MicrodataJob.checkConfiguration(registry, c);
            return withMaster(c);
        }

        /** {@code c} with the master {@code --master} or spark-submit gives, if any. */
        private HotlineConfig withMaster(HotlineConfig c) {
            // Under spark-submit the master comes from it (a system property in the driver) unless --master says.
            String chosen = master != null ? master : System.getProperty("spark.master");
            if (chosen != null) {
                c = new HotlineConfig(
                        new HotlineConfig.Spark(
                                chosen, c.spark().bindAddress(), c.spark().shufflePartitions()),
                        c.ingest(),
                        c.privacy(),
                        c.report());
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

        /** A session {@link #startSpark} is starting, and the Spark settings it is starting with. */
        private java.util.concurrent.FutureTask<SparkSession> starting;

        private HotlineConfig.Spark startingFor;

        /**
         * Starts the Spark session the command is about to need, on a thread of its own, so that its start (about a
         * second of a cold JVM) overlaps what the command does first: loading the schemas, checking the
         * configuration, generating the demo's export. Only the configuration file is read here, for its Spark
         * settings; when it cannot be read, nothing starts early and the command reports the error as it would have.
         * {@link #spark} hands the session out when asked for the same settings; a command that stops before (a
         * refusal) leaves it to the JVM's exit, which stops it: a session that has not run a job has written nothing.
         */
        void startSpark(String command) {
            HotlineConfig c;
            try {
                c = withMaster(HotlineConfig.load(config));
            } catch (RuntimeException e) {
                return;
            }
            SparkSessions.configureLogging();
            HotlineConfig.Spark settings = c.spark();
            starting = new java.util.concurrent.FutureTask<>(
                    () -> SparkSessions.create(settings, "hotline-trends " + command));
            startingFor = settings;
            Thread t = new Thread(starting, "spark-start");
            t.setDaemon(true);
            t.start();
        }

        SparkSession spark(HotlineConfig c, String command) {
            java.util.concurrent.FutureTask<SparkSession> started = starting;
            SparkSession session;
            if (started != null && c.spark().equals(startingFor)) {
                starting = null;
                session = started(started);
            } else {
                session = SparkSessions.create(c.spark(), "hotline-trends " + command);
            }
            // Ends by itself when the session stops.
            ca.hotlinetrends.spark.Progress.start(session);
            return session;
        }

        /** The session {@code task} started, or the failure that stopped it, as if it had been started here. */
        private static SparkSession started(java.util.concurrent.FutureTask<SparkSession> task) {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the Spark session started", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("the Spark session did not start", e.getCause());
            }
        }

        SchemaRegistry schemas() {
            return schemas == null ? SchemaRegistry.load() : SchemaRegistry.load(schemas);
        }

        /** The pipeline's context: the schemas loaded once, the checked configuration, the warehouse. */
        PipelineContext context() {
            SchemaRegistry registry = schemas();
            return new PipelineContext(registry, config(registry), warehouse(), this::spark);
        }

        /** As {@link #context()} with a configuration the command has already settled. */
        PipelineContext context(HotlineConfig settled) {
            return new PipelineContext(schemas(), settled, warehouse(), this::spark);
        }
    }

    static void progress(String stage, String message) {
        Progress.say(stage, message);
    }
}
