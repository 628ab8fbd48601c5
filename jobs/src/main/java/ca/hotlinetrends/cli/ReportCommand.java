package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.Certificate;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.reports.ReportRenderer;
import ca.hotlinetrends.reports.commentary.AllowedLiteral;
import ca.hotlinetrends.reports.commentary.Commentary;
import ca.hotlinetrends.reports.commentary.Notes;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ca.hotlinetrends.reports.ReportResult;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.document.ReleaseSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

    @Option(names = "--notes", paramLabel = "DIR", description = {"Staff notes: DIR/<release>/en.md and fr.md (Markdown), "
            + "shown under the newsletter's headline figures and as the brief's highlights once every number in them "
            + "is checked against the release (exit 4 naming the file, line and number otherwise). Default: the "
            + "config's report.notes; a release without a folder under DIR has no commentary."})
    Path notes;

    @Override
    public Integer call() {
        // The configuration and the notes' Markdown are checked before anything is touched, then the warehouse is locked.
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
        return notes == null ? config : new HotlineConfig(config.spark(), config.ingest(), config.privacy(),
                config.report().withNotes(notes));
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

    /**
     * The staff notes of {@code release} from the configured folder, read and checked against the Markdown
     * allow-list (before anything runs); empty when no folder is configured or it has none for the release.
     */
    static Optional<Notes> notes(HotlineConfig config, Quarter release, List<String> languages) {
        Optional<Notes> notes = config.report().notesFolder().flatMap(dir -> Notes.read(dir, release, languages));
        config.report().notesFolder().ifPresent(dir -> HotlineTrends.progress("report", notes.isPresent()
                ? "commentary for " + release + ": " + notes.get().notes().stream().map(n -> n.file().toString()).toList()
                : "no commentary for " + release + " in " + dir));
        return notes;
    }

    /** Renders in place, into {@code published/<release>/}; a refusal leaves the release as it was. */
    static ReportResult report(HotlineTrends.Common common, HotlineConfig config, Quarter release,
            List<String> languages, Optional<Notes> notes) {
        Path releaseDir = common.warehouse().release(release);
        return report(common, config, release, languages, releaseDir, notes,
                () -> StagedRelease.unmarkInPlace(releaseDir));
    }

    /**
     * Renders into {@code releaseDir} (a published or a staged release): every chart and the notes are checked first,
     * then {@code beforeWrite} runs, the files are written and the certificate rewritten (the documents' hashes, and
     * the commentary's languages and allowed literals with their reasons).
     */
    static ReportResult report(HotlineTrends.Common common, HotlineConfig config, Quarter release,
            List<String> languages, Path releaseDir, Optional<Notes> notes, Runnable beforeWrite) {
        if (!Files.isDirectory(releaseDir.resolve("tables"))) {
            throw new IllegalArgumentException("release " + release + " has no published tables in " + releaseDir
                    + ": run trends first");
        }
        HotlineTrends.progress("report", "rendering charts and newsletter for " + release + " " + languages);
        long t0 = System.nanoTime();
        ReportRenderer.Prepared prepared = ReportRenderer.prepare(releaseDir, release.toString(), languages,
                ChartTheme.standard(), common.schemas(), notes);
        long checked = System.nanoTime();
        beforeWrite.run();
        ReportResult r = prepared.write();
        ObjectNode certificate = Certificate.read(releaseDir);
        certificate.remove("commentary");
        prepared.commentary().ifPresent(c -> commentary(certificate.putObject("commentary"), c));
        Certificate.write(releaseDir, certificate);
        // Paths relative to the release folder: a run renders into a staging folder that is renamed when it publishes.
        HotlineTrends.progress("report", r.charts().size() + " charts, " + r.documents().size() + " documents, "
                + r.site().size() + " site pages in "
                + release + ": " + r.documents().stream().map(d -> releaseDir.relativize(d).toString()).toList()
                + String.format(" (checks %.1f s, writing %.1f s%s)", (checked - t0) / 1e9,
                        (System.nanoTime() - checked) / 1e9, prepared.commentary().isPresent()
                                ? ", commentary " + prepared.commentary().get().languages() : ""));
        return r;
    }

    /** The certificate's account of the commentary: its languages and every allowed literal with its reason. */
    private static void commentary(ObjectNode section, Commentary c) {
        ArrayNode languages = section.putArray("languages");
        c.languages().forEach(languages::add);
        ArrayNode literals = section.putArray("allowed_literals");
        for (AllowedLiteral l : c.allowedLiterals()) {
            literals.addObject().put("language", l.language()).put("value", l.plainValue()).put("reason", l.reason());
        }
    }
}
