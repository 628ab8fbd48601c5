package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.Certificate;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.reports.ReportRenderer;
import ca.hotlinetrends.reports.ReportResult;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.document.ReleaseSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render the charts, the quarterly newsletter (HTML), the policy brief (PDF) and the release site (index.html, site/) of a published release, from its published tables only; then rewrite published/index.html, the list of releases.",
            "Writes in place into published/<release>/ and removes its _RELEASE_COMPLETE marker (run renders into the "
                + "staged release before publishing it)."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--release", required = true, description = "Release quarter, e.g. 2026Q3.")
    String release;

    @Option(names = "--lang", description = "Languages, comma-separated (default: the config's, en,fr).")
    String lang;

    @Override
    public Integer call() {
        // The configuration is checked before anything is touched, then the warehouse is locked.
        HotlineConfig config = common.config();
        try (ca.hotlinetrends.warehouse.WarehouseLock lock = common.lock()) {
            report(common, config, Quarter.parse(release), lang == null ? config.report().languages()
                    : Arrays.asList(lang.split(",")));
            releaseIndex(common);
            return HotlineTrends.OK;
        }
    }

    /** Renders in place, into {@code published/<release>/}. */
    static ReportResult report(HotlineTrends.Common common, HotlineConfig config, Quarter release,
            List<String> languages) {
        StagedRelease.unmarkInPlace(common.warehouse().release(release));
        return report(common, config, release, languages, common.warehouse().release(release));
    }

    /**
     * Rewrites {@code published/index.html} and {@code index-fr.html}, the list of every published release (each
     * file replaced atomically), after a release is published or re-rendered.
     */
    static void releaseIndex(HotlineTrends.Common common) {
        try {
            ReleaseSite.writeIndex(common.warehouse().published(), common.schemas());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the release index in " + common.warehouse().published(), e);
        }
    }

    /** Renders into {@code releaseDir} (a published or a staged release). */
    static ReportResult report(HotlineTrends.Common common, HotlineConfig config, Quarter release,
            List<String> languages, Path releaseDir) {
        if (!Files.isDirectory(releaseDir.resolve("tables"))) {
            throw new IllegalArgumentException("release " + release + " has no published tables in " + releaseDir
                    + ": run trends first");
        }
        HotlineTrends.progress("report", "rendering charts and newsletter for " + release + " " + languages);
        ReportResult r = ReportRenderer.render(releaseDir, release.toString(), languages, ChartTheme.standard(),
                common.schemas());
        Certificate.write(releaseDir, Certificate.read(releaseDir));
        // Paths relative to the release folder: a run renders into a staging folder that is renamed when it publishes.
        HotlineTrends.progress("report", r.charts().size() + " charts, " + r.documents().size() + " documents, "
                + r.site().size() + " site pages in "
                + release + ": " + r.documents().stream().map(d -> releaseDir.relativize(d).toString()).toList());
        return r;
    }
}
