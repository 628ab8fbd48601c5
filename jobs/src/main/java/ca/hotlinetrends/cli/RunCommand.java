package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.pipeline.PipelineContext;
import ca.hotlinetrends.pipeline.ReleasePipeline;
import ca.hotlinetrends.pipeline.Stages;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "All stages for one release: ingest an export (contacts and victims), publish tables, render reports.",
            "The release is written into published/.staging-<release>-<run-id>/ and renamed to published/<release>/ "
                    + "(with _RELEASE_COMPLETE and its ledger entry) only when every stage has passed; a failed run "
                    + "publishes nothing and leaves an earlier published/<release>/ as it was.",
            "Published Parquet footers carry the run's content id (a hash of the export's SHA-256, the configuration, "
                    + "the seed, the run date and the earlier ledger entries): the same inputs give byte-identical files."
        })
final class RunCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--input", required = true, description = "Folder holding the export (contacts.* and victims.*).")
    Path input;

    @Option(
            names = "--release",
            required = true,
            description = "Release quarter, e.g. 2026Q3, or latest: the last "
                    + "quarter that has ended (for scheduled runs).")
    String release;

    @Option(
            names = "--run-date",
            description =
                    "The day the export was pulled (default: today, UTC). Records dated "
                            + "after it are out of range; records after the release but not after it are staged for later releases.")
    LocalDate runDate;

    @Option(
            names = "--seed",
            defaultValue = "20260930",
            description = "Seed of the microdata record ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--notes",
            paramLabel = "DIR",
            description =
                    "Staff notes: DIR/<release>/en.md and fr.md, checked "
                            + "and rendered into the newsletter and the brief (see report --help). Default: the config's report.notes.")
    Path notes;

    @Override
    public Integer call() {
        LocalDate day = runDate != null ? runDate : LocalDate.now(java.time.ZoneOffset.UTC);
        Quarter r = resolve(release, day);
        common.startSpark("run " + r);
        // The tables stage reads the released records back through DuckDB: its library loads meanwhile.
        ca.hotlinetrends.publish.MicrodataLinks.preload();
        return pipeline(common, input, r, day, seed, notes, (stage, releaseDir) -> {});
    }

    /** A release quarter, or {@code latest}: the last quarter that ended before {@code today}. */
    static Quarter resolve(String release, LocalDate today) {
        return release.equalsIgnoreCase("latest") ? Quarter.of(today).previous() : Quarter.parse(release);
    }

    /** The whole pipeline; returns the exit code. */
    static int pipeline(HotlineTrends.Common common, Path input, Quarter release, LocalDate runDate, long seed) {
        return pipeline(common, input, release, runDate, seed, null, (stage, releaseDir) -> {});
    }

    static int pipeline(
            HotlineTrends.Common common,
            Path input,
            Quarter release,
            LocalDate runDate,
            long seed,
            BiConsumer<String, Path> beforeStage) {
        return pipeline(common, input, release, runDate, seed, null, beforeStage);
    }

    /**
     * The whole pipeline ({@link ReleasePipeline}), publishing the release atomically; returns the exit code.
     *
     * @param notes the staff notes folder ({@code --notes}), or null for the configuration's
     * @param beforeStage called with the stage name and the staging folder before each stage (tests inject failures)
     */
    static int pipeline(
            HotlineTrends.Common common,
            Path input,
            Quarter release,
            LocalDate runDate,
            long seed,
            Path notes,
            BiConsumer<String, Path> beforeStage) {
        PipelineContext ctx = common.context();
        return ReleasePipeline.run(
                ctx.withConfig(Stages.withNotes(ctx.config(), notes)), input, release, runDate, seed, beforeStage);
    }
}
