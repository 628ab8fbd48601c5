package ca.hotlinetrends.cli;

import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.microdata.AnonymizeJob;
import ca.hotlinetrends.microdata.AnonymizeSpec;
import ca.hotlinetrends.microdata.MicrodataJob;
import ca.hotlinetrends.pipeline.Operations;
import ca.hotlinetrends.pipeline.PipelineContext;
import ca.hotlinetrends.pipeline.Stages;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.WarehouseLock;
import java.nio.file.Path;
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
        if (jobFile != null) {
            if (out == null) {
                throw new IllegalArgumentException("a job file needs --out DIR");
            }
            // With a job file, --config names that file: the pipeline configuration is then the defaults.
            Operations.Anonymized r = Operations.anonymizeFile(common.context(HotlineConfig.defaults()), jobFile, out);
            print(r.spec(), r.result(), r.engine());
            return HotlineTrends.OK;
        }
        PipelineContext ctx = common.context();
        Quarter release = Quarter.parse(mode.release);
        try (WarehouseLock lock = ctx.lock()) {
            String runId = RunManifest.newRunId("anonymize", java.time.Instant.now());
            SparkSession spark = ctx.spark("anonymize");
            try {
                Stages.changePublished(
                        ctx,
                        release,
                        runId,
                        staging -> Stages.microdata(
                                spark, ctx, release, seed, runId, staging.dir(), MicrodataJob.Counted.NONE));
            } finally {
                spark.stop();
            }
        }
        return HotlineTrends.OK;
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
}
