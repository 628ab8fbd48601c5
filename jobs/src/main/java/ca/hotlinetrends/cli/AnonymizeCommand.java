package ca.hotlinetrends.cli;

import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.microdata.AnonymizeJob;
import ca.hotlinetrends.microdata.AnonymizeSpec;
import ca.hotlinetrends.microdata.MicrodataJob;
import ca.hotlinetrends.pipeline.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "anonymize",
        mixinStandardHelpOptions = true,
        description = {
            "Publish k-anonymous record-level data (optimal generalisation plus suppression).",
            "Either --release R (the research microdata of a release, from staged data) or --config FILE --out DIR "
                    + "(any CSV or Parquet file, with quasi-identifiers and hierarchies named in a YAML file; see examples/; "
                    + "--spec FILE is the same)."
        })
final class AnonymizeCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--release", description = "Release quarter, e.g. 2026Q3.")
        String release;

        @Option(
                names = "--spec",
                description = "YAML job for any dataset (see examples/adult-k5-loss.yaml); with --out, "
                        + "--config FILE is read as this job file too.")
        Path spec;
    }

    @Option(names = "--out", description = "Output folder for --spec (Parquet).")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "20260930",
            description = "Seed of the per-release record ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Path jobFile = mode.spec != null ? mode.spec : (mode.release == null && out != null ? common.config : null);
        if (jobFile == null && mode.release == null) {
            throw new IllegalArgumentException(
                    "anonymize needs --release R, or --config FILE --out DIR (a job file for "
                            + "any dataset, see examples/)");
        }
        AnonymizeSpec spec = null;
        if (jobFile != null) {
            if (out == null) {
                throw new IllegalArgumentException("a job file needs --out DIR");
            }
            spec = AnonymizeSpec.read(jobFile);
            checkOut(out, jobFile, spec);
            java.util.Optional<AnonymizeJob.Result> local = AnonymizeJob.runWithoutSpark(spec, out);
            if (local.isPresent()) {
                print(
                        spec,
                        local.get(),
                        "local (a CSV file of at most " + (ca.hotlinetrends.microdata.LocalAnonymizeJob.MAX_BYTES >> 20)
                                + " MiB: no Spark session)");
                return HotlineTrends.OK;
            }
        }
        // With a job file, --config names that file: the pipeline configuration is then the defaults.
        HotlineConfig config = jobFile != null ? HotlineConfig.defaults() : common.config();
        SparkSession spark = common.spark(config, "anonymize");
        try {
            if (spec != null) {
                print(
                        spec,
                        AnonymizeJob.run(spark, spec, out),
                        "Spark (" + spark.sparkContext().master() + ")");
            } else {
                try (ca.hotlinetrends.warehouse.WarehouseLock lock = common.lock()) {
                    microdata(
                            spark,
                            common,
                            config,
                            Quarter.parse(mode.release),
                            seed,
                            ca.hotlinetrends.warehouse.RunManifest.newRunId("anonymize", java.time.Instant.now()));
                }
            }
            return HotlineTrends.OK;
        } finally {
            spark.stop();
        }
    }

    /**
     * The output folder is replaced as Spark's overwrite does (deleted, then written), so it is checked before
     * anything runs, and refused (bad usage, nothing touched) when it is or holds a file the job reads (the input,
     * the job file, a hierarchy), or when it exists, is not empty and is not an earlier output of a job file
     * (no {@code _SUCCESS} marker): a typo such as {@code --out .} must never delete a folder of the user's.
     */
    static void checkOut(Path out, Path jobFile, AnonymizeSpec spec) {
        Path target = real(out);
        java.util.Map<String, Path> reads = new java.util.LinkedHashMap<>();
        reads.put("the input", Path.of(spec.input()));
        reads.put("the job file", jobFile);
        spec.hierarchies().forEach((column, file) -> reads.put("the hierarchy of " + column, Path.of(file)));
        for (var read : reads.entrySet()) {
            if (real(read.getValue()).startsWith(target)) {
                throw new IllegalArgumentException("--out " + out + " holds " + read.getKey() + " (" + read.getValue()
                        + "), and the output folder is replaced: choose a folder of its own");
            }
        }
        if (Files.isDirectory(target) && !Files.exists(target.resolve("_SUCCESS"))) {
            try (java.util.stream.Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + out + " is a folder that is not empty and not an "
                            + "earlier output of anonymize (no _SUCCESS in it); it would be replaced: choose a new or "
                            + "empty folder");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + out, e);
            }
        } else if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
    }

    /** The path with its existing part resolved through links, so that a link cannot hide an overlap. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (java.io.IOException e) {
            return abs;
        }
    }

    private static void print(AnonymizeSpec spec, AnonymizeJob.Result r, String engine) {
        Path out = r.out();
        AnonymityResult a = r.anonymity();
        System.out.println("quasi-identifiers   " + String.join(", ", a.quasiIdentifiers()));
        System.out.println("levels              "
                + a.levels().stream()
                        .map(String::valueOf)
                        .reduce((x, y) -> x + "," + y)
                        .orElse(""));
        System.out.printf(
                "records suppressed  %,d of %,d (%.2f%%)%n",
                a.suppressedRecords(), a.totalRecords(), 100.0 * a.suppressedShare());
        if (!spec.maxLevels().isEmpty() || !spec.weights().isEmpty()) {
            System.out.println("utility limits      max levels " + new java.util.TreeMap<>(spec.maxLevels())
                    + ", weights " + new java.util.TreeMap<>(spec.weights()));
        }
        if (spec.localSuppression()) {
            System.out.printf("values blanked      %,d (%s)%n", a.totalBlankedValues(), a.blankedValues());
        }
        System.out.printf(
                "%-19s %s%n",
                a.metric(),
                a.metric().equals("loss")
                        ? String.format("%.6f", a.metricValue())
                        : String.format("%,.0f", a.metricValue()));
        System.out.printf(
                "lattice             %,d nodes, %,d evaluated; %,d distinct combinations%n",
                a.latticeSize(), a.nodesEvaluated(), r.distinctCombinations());
        System.out.printf(
                "time                histogram %.2f s, search %.2f s, apply+check+write %.2f s%n",
                r.histogramSeconds(), r.searchSeconds(), r.applySeconds());
        System.out.printf("wrote               %,d records to %s%n", r.recordsWritten(), out);
        System.out.println("engine              " + engine);
    }

    /**
     * Publishes the microdata: into a staged copy of the release, audited with its tables when it has them, then
     * the whole release at once ({@link Stages#changePublished}).
     */
    static List<MicrodataJob.DatasetRelease> microdata(
            SparkSession spark,
            HotlineTrends.Common common,
            HotlineConfig config,
            Quarter release,
            long seed,
            String runId) {
        ca.hotlinetrends.pipeline.PipelineContext ctx = common.context(config);
        return Stages.changePublished(
                ctx,
                release,
                runId,
                staging -> Stages.microdata(spark, ctx, release, seed, runId, staging.dir(), java.util.Map.of()));
    }
}
