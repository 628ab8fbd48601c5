package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.ingest.ExportReader;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.warehouse.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "All stages for one release: ingest an export (contacts and victims), publish tables, render reports.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--input", required = true, description = "Folder holding the export (contacts.* and victims.*).")
    Path input;

    @Option(names = "--release", required = true, description = "Release quarter, e.g. 2026Q3.")
    String release;

    @Option(names = "--run-date", description = "Records dated after this day are out of range (default: the release's last day).")
    LocalDate runDate;

    @Option(names = "--seed", defaultValue = "20260930", description = "Seed of the microdata record ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        return pipeline(common, input, Quarter.parse(release), runDate, seed);
    }

    /** The whole pipeline; returns the exit code. */
    static int pipeline(HotlineTrends.Common common, Path input, Quarter release, LocalDate runDate, long seed) {
        HotlineConfig config = common.config();
        LocalDate date = runDate != null ? runDate : release.lastDay();
        String runId = RunManifest.newRunId("run", Instant.now());
        SparkSession spark = common.spark(config, "run " + release);
        try {
            for (String dataset : List.of("contacts", "victims")) {
                String files = exportOf(input, dataset);
                IngestResult r = IngestCommand.ingest(spark, common, config, files, dataset, date, runId + "-" + dataset);
                if (r.thresholdExceeded()) {
                    return HotlineTrends.BAD_INPUT;
                }
            }
            TrendsCommand.trends(spark, common, config, release, runId);
            AnonymizeCommand.microdata(spark, common, config, release, seed, runId);
        } finally {
            spark.stop();
        }
        ReportCommand.report(common, config, release, config.report().languages());
        HotlineTrends.progress("run", "release " + release + " published in " + common.warehouse().release(release));
        return HotlineTrends.OK;
    }

    private static String exportOf(Path folder, String dataset) {
        for (String ext : List.of("csv", "jsonl", "parquet")) {
            Path f = folder.resolve(dataset + "." + ext);
            if (Files.isRegularFile(f)) {
                return f.toString();
            }
        }
        String glob = folder.resolve(dataset + "*").toString();
        if (ExportReader.resolve(glob).isEmpty()) {
            throw new IllegalArgumentException("no " + dataset + " export (" + dataset + ".csv, .jsonl or .parquet) in " + folder);
        }
        return glob;
    }
}
