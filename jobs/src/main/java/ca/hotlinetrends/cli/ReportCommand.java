package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.pipeline.Stages;
import ca.hotlinetrends.reports.ReportResult;
import ca.hotlinetrends.reports.commentary.Notes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Render the charts, the quarterly newsletter (HTML), the policy brief (PDF) and the release site (index.html, site/) of a published release, from its published tables only; then rewrite published/index.html, the list of releases.",
            "Renders into a copy of published/<release>/ and publishes the copy at once, as run does; a refusal "
                    + "leaves the release as it was."
        })
final class ReportCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--release", required = true, description = "Release quarter, e.g. 2026Q3.")
    String release;

    @Option(names = "--lang", description = "Languages, comma-separated (default: the config's, en,fr).")
    String lang;

    @Option(
            names = "--notes",
            paramLabel = "DIR",
            description = {
                "Staff notes: DIR/<release>/en.md and fr.md (Markdown), "
                        + "shown under the newsletter's headline figures and as the brief's highlights once every number in them "
                        + "is checked against the release (exit 4 naming the file, line and number otherwise). Default: the "
                        + "config's report.notes; a release without a folder under DIR has no commentary."
            })
    Path notes;

    @Override
    public Integer call() {
        // The configuration and the notes' Markdown are checked before anything is touched, then the warehouse is
        // locked.
        HotlineConfig config = withNotes(common.config(), notes);
        Quarter quarter = Quarter.parse(release);
        List<String> languages = lang == null ? config.report().languages() : Arrays.asList(lang.split(","));
        Optional<Notes> read = notes(config, quarter, languages);
        try (ca.hotlinetrends.warehouse.WarehouseLock lock = common.lock()) {
            report(common, config, quarter, languages, read);
            releaseIndex(common);
            return HotlineTrends.OK;
        }
    }

    /** {@code config} with {@code notes} (a command line's {@code --notes}) as its notes folder, when given. */
    static HotlineConfig withNotes(HotlineConfig config, Path notes) {
        return Stages.withNotes(config, notes);
    }

    /** Rewrites {@code published/index.html} and {@code index-fr.html}, the list of every published release. */
    static void releaseIndex(HotlineTrends.Common common) {
        Stages.releaseIndex(common.context(HotlineConfig.defaults()));
    }

    /** The staff notes of {@code release} from the configured folder ({@link Stages#notes}). */
    static Optional<Notes> notes(HotlineConfig config, Quarter release, List<String> languages) {
        return Stages.notes(config, release, languages);
    }

    /** Renders into a staged copy of the release and publishes it ({@link Stages#changePublished}). */
    static ReportResult report(
            HotlineTrends.Common common,
            HotlineConfig config,
            Quarter release,
            List<String> languages,
            Optional<Notes> notes) {
        String runId = ca.hotlinetrends.warehouse.RunManifest.newRunId("report", java.time.Instant.now());
        ca.hotlinetrends.pipeline.PipelineContext ctx = common.context(config);
        return Stages.changePublished(
                ctx, release, runId, staging -> Stages.report(ctx, release, languages, staging.dir(), notes));
    }
}
