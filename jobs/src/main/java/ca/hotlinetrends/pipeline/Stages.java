package ca.hotlinetrends.pipeline;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.ingest.ExportReader;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.microdata.MicrodataJob;
import ca.hotlinetrends.microdata.ResearchUtility;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.release.CertificateBuilder;
import ca.hotlinetrends.reports.ReportRenderer;
import ca.hotlinetrends.reports.ReportResult;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.commentary.Notes;
import ca.hotlinetrends.reports.document.ReleaseSite;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.trends.TrendsResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;

/**
 * Each stage of a release, as the whole pipeline ({@link ReleasePipeline}) and the single-stage commands run it:
 * the job, with the lines it prints. Every stage writes into a staged release: the run's, or for a single-stage
 * command a copy of the published release ({@link #changePublished}), published whole when the stage succeeds.
 */
public final class Stages {

    /** The datasets of a run's export, in the order they are ingested and recorded. */
    private static final List<String> DATASETS = List.of("contacts", "victims");

    private Stages() {}

    /** Completes or undoes what an interrupted run left (staging folders, pending ledger entries), and says so. */
    public static void recover(PipelineContext ctx) {
        StagedRelease.Recovery recovery = StagedRelease.recover(ctx.warehouse());
        if (recovery.any()) {
            Progress.say(
                    "run",
                    "cleaned up after an interrupted run: " + recovery.releasesRestored()
                            + " releases restored, " + recovery.ledgerEntriesCompleted() + " ledger entries completed, "
                            + recovery.stagingFoldersRemoved() + " staging folders and "
                            + recovery.ledgerEntriesDiscarded()
                            + " pending ledger entries removed");
        }
    }

    /**
     * Runs one stage of a single-stage command ({@code trends}, {@code anonymize --release}, {@code report}) on a
     * staged copy of the published release and publishes the copy when the stage returns: readers see the release
     * as it was or as it is after the command, and a stage that fails or refuses leaves it untouched. The
     * completion marker then holds the command's run id. Call under the warehouse lock.
     */
    public static <T> T changePublished(
            PipelineContext ctx, Quarter release, String runId, java.util.function.Function<StagedRelease, T> stage) {
        recover(ctx);
        try (StagedRelease staging = StagedRelease.openCopy(ctx.warehouse(), release, runId)) {
            T result = stage.apply(staging);
            staging.publish(runId);
            return result;
        }
    }

    /** Ingests one dataset's export into the staged data. */
    public static IngestResult ingest(
            SparkSession spark, PipelineContext ctx, String input, String dataset, LocalDate date, String runId) {
        Progress.say("ingest", "reading " + dataset + " from " + input);
        IngestResult r =
                new IngestJob(spark, ctx.schemas(), ctx.config(), ctx.warehouse()).run(input, dataset, date, runId);
        Progress.say(
                "ingest",
                String.format(
                        "%s: read %,d, staged %,d, quarantined %,d %s; quarters %s; " + "revisions %s; manifest %s",
                        dataset,
                        r.read(),
                        r.staged(),
                        r.quarantined(),
                        r.quarantinedByReason(),
                        summary(r.quartersTouched()),
                        r.revisions(),
                        r.manifest()));
        if (r.thresholdExceeded()) {
            System.err.printf(
                    "hotline-trends: %s: %.1f%% of records quarantined, above the threshold of %.1f%%; "
                            + "nothing downstream will be published. Staged and quarantined data are kept for inspection.%n",
                    dataset,
                    100.0 * r.quarantined() / Math.max(1, r.read()),
                    100 * ctx.config().ingest().quarantineThreshold());
        }
        return r;
    }

    private static String summary(List<String> quarters) {
        return quarters.isEmpty()
                ? "none"
                : quarters.get(0) + ".." + quarters.get(quarters.size() - 1) + " (" + quarters.size() + ")";
    }

    /** The export file (or files) of {@code dataset} in an export folder. */
    public static String exportOf(Path folder, String dataset) {
        for (String ext : List.of("csv", "jsonl", "parquet")) {
            Path f = folder.resolve(dataset + "." + ext);
            if (Files.isRegularFile(f)) {
                return f.toString();
            }
        }
        String glob = folder.resolve(dataset + "*").toString();
        if (ExportReader.resolve(glob).isEmpty()) {
            throw new IllegalArgumentException(
                    "no " + dataset + " export (" + dataset + ".csv, .jsonl or .parquet) in " + folder);
        }
        return glob;
    }

    /** Records an ingest staged in quarters after {@code release}, from its manifest's {@code staged_by_quarter}. */
    public static long stagedAfter(Path ingestManifest, Quarter release) {
        try {
            long n = 0;
            var byQuarter = ca.hotlinetrends.warehouse.RunManifest.json()
                    .readTree(ingestManifest.toFile())
                    .path("staged_by_quarter");
            for (var it = byQuarter.fields(); it.hasNext(); ) {
                var q = it.next();
                n += Quarter.parse(q.getKey()).compareTo(release) > 0
                        ? q.getValue().asLong()
                        : 0;
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + ingestManifest, e);
        }
    }

    /** Which datasets quarantined more than the threshold allows, with their shares. */
    public static String thresholdMessage(List<IngestResult> ingested, double threshold) {
        List<String> over = new ArrayList<>();
        for (IngestResult r : ingested) {
            if (r.thresholdExceeded()) {
                over.add(String.format(
                        java.util.Locale.ROOT,
                        "%s %,d of %,d records (%.2f%%)",
                        r.dataset(),
                        r.quarantined(),
                        r.read(),
                        r.read() == 0 ? 0.0 : 100.0 * r.quarantined() / r.read()));
            }
        }
        return String.format(
                java.util.Locale.ROOT,
                "quarantine threshold exceeded: %s quarantined, above the "
                        + "threshold of %.2f%% (ingest.quarantine_threshold); nothing was published",
                String.join(", ", over),
                100 * threshold);
    }

    /** Counts, protects, audits and writes the tables of {@code release} into {@code staging}. */
    public static TrendsResult trends(
            SparkSession spark, PipelineContext ctx, Quarter release, String runId, StagedRelease staging) {
        return trends(new TrendsJob(spark, ctx.schemas(), ctx.config(), ctx.warehouse()), release, runId, staging);
    }

    /** Counts, protects, audits and writes the tables ({@code job} may count more in its pass). */
    public static TrendsResult trends(TrendsJob job, Quarter release, String runId, StagedRelease staging) {
        Progress.say("trends", "counting and protecting tables for " + release);
        TrendsResult r = job.run(release, runId, staging);
        Progress.say(
                "trends",
                String.format(
                        "%s: %,d cells, %d suppressed as small counts, %d to protect them; "
                                + "audit passed (narrowest integer range of a suppressed cell %s)",
                        r.tables(),
                        r.cells(),
                        r.primary(),
                        r.secondary(),
                        Double.isFinite(r.narrowestRange()) ? String.format("%.0f", r.narrowestRange()) : "unbounded"));
        return r;
    }

    /** Removes what the microdata stage wrote into a staged release ({@code microdata/}), if anything. */
    static void deleteExtract(Path releaseDir) {
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(
                    releaseDir.resolve("microdata").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    "cannot delete the withheld record-level release in " + releaseDir.resolve("microdata"), e);
        }
    }

    /**
     * Writes the research microdata into {@code releaseDir}, with quasi-identifier frequencies already counted
     * when {@code counted} has them ({@link MicrodataJob#run}).
     */
    public static List<MicrodataJob.DatasetRelease> microdata(
            SparkSession spark,
            PipelineContext ctx,
            Quarter release,
            long seed,
            String runId,
            Path releaseDir,
            MicrodataJob.Counted counted) {
        HotlineConfig config = ctx.config();
        Progress.say(
                "anonymize",
                "research microdata for " + release + " (k=" + config.privacy().k() + ", suppression limit "
                        + config.privacy().suppressionLimit() + ", metric "
                        + config.privacy().metric() + ")");
        List<MicrodataJob.DatasetRelease> rs = new MicrodataJob(spark, ctx.schemas(), config, ctx.warehouse())
                .run(release, seed, runId, releaseDir, counted);
        if (rs.isEmpty()) {
            Progress.say(
                    "anonymize",
                    "no record-level extract in " + release + ": every year that has ended was published by an "
                            + "earlier release (each year's records are published once, after the year ends)");
        }
        for (MicrodataJob.DatasetRelease r : rs) {
            Progress.say(
                    "anonymize",
                    String.format(
                            "%s%s: %,d records published, %,d suppressed, %,d values "
                                    + "blanked, levels %s, loss %.4f, highest prosecutor risk %.3f -> %.3f",
                            r.dataset(),
                            r.years() == null
                                    ? ""
                                    : " (years " + r.years().get(0)
                                            + (r.years().size() > 1
                                                    ? "-"
                                                            + r.years()
                                                                    .get(r.years()
                                                                                    .size()
                                                                            - 1)
                                                    : "")
                                            + ")",
                            r.records(),
                            r.suppressed(),
                            r.totalBlankedValues(),
                            levels(r),
                            r.informationLoss(),
                            r.riskBefore().highestRisk(),
                            r.riskAfter().highestRisk()));
            for (ResearchUtility.QueryUtility q : r.utility().queries()) {
                Progress.say(
                        "anonymize",
                        String.format(
                                "  %s research query %-22s %5.1f%% of records usable, "
                                        + "total variation %.3f, largest relative error %.3f over %d cells of at least %d",
                                r.dataset(),
                                q.name(),
                                100 * q.usableShare(),
                                q.totalVariationDistance(),
                                q.largestRelativeError(),
                                q.cellsOfAtLeast20(),
                                ResearchUtility.MIN_CELL));
            }
        }
        return rs;
    }

    private static String levels(MicrodataJob.DatasetRelease r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.quasiIdentifiers().size(); i++) {
            out.add(r.quasiIdentifiers().get(i) + "=" + r.levels().get(i));
        }
        return String.join(" ", out);
    }

    /** {@code config} with {@code notes} (a command line's {@code --notes}) as its notes folder, when given. */
    public static HotlineConfig withNotes(HotlineConfig config, Path notes) {
        return notes == null
                ? config
                : new HotlineConfig(
                        config.spark(),
                        config.ingest(),
                        config.privacy(),
                        config.report().withNotes(notes));
    }

    /**
     * The staff notes of {@code release} from the configured folder, read and checked against the Markdown
     * allow-list (before anything runs); empty when no folder is configured or it has none for the release.
     */
    public static Optional<Notes> notes(HotlineConfig config, Quarter release, List<String> languages) {
        Optional<Notes> notes = config.report().notesFolder().flatMap(dir -> Notes.read(dir, release, languages));
        config.report()
                .notesFolder()
                .ifPresent(dir -> Progress.say(
                        "report",
                        notes.isPresent()
                                ? "commentary for " + release + ": "
                                        + notes.get().notes().stream()
                                                .map(n -> n.file().toString())
                                                .toList()
                                : "no commentary for " + release + " in " + dir));
        return notes;
    }

    /**
     * Renders into {@code releaseDir} (a staged release): every chart and the notes are checked first, then the files
     * are written and the certificate rewritten (the documents' hashes, and the commentary's languages and allowed
     * literals with their reasons).
     */
    public static ReportResult report(
            PipelineContext ctx, Quarter release, List<String> languages, Path releaseDir, Optional<Notes> notes) {
        if (!Files.isDirectory(releaseDir.resolve("tables"))) {
            throw new IllegalArgumentException(
                    "release " + release + " has no published tables in " + releaseDir + ": run trends first");
        }
        Progress.say("report", "rendering charts and newsletter for " + release + " " + languages);
        long t0 = System.nanoTime();
        ReportRenderer.Prepared prepared = ReportRenderer.prepare(
                releaseDir, release.toString(), languages, ChartTheme.standard(), ctx.schemas(), notes);
        long checked = System.nanoTime();
        ReportResult r = prepared.write();
        CertificateBuilder certificate = CertificateBuilder.open(releaseDir).withoutCommentary();
        prepared.commentary()
                .ifPresent(c -> certificate.commentary(
                        c.languages(),
                        c.allowedLiterals().stream()
                                .map(l ->
                                        new CertificateBuilder.AllowedLiteral(l.language(), l.plainValue(), l.reason()))
                                .toList()));
        certificate.write(releaseDir);
        // Paths relative to the release folder: a run renders into a staging folder that is renamed when it publishes.
        Progress.say(
                "report",
                r.charts().size() + " charts, " + r.documents().size() + " documents, "
                        + r.site().size() + " site pages in "
                        + release + ": "
                        + r.documents().stream()
                                .map(d -> releaseDir.relativize(d).toString())
                                .toList()
                        + String.format(
                                " (checks %.1f s, writing %.1f s%s)",
                                (checked - t0) / 1e9,
                                (System.nanoTime() - checked) / 1e9,
                                prepared.commentary().isPresent()
                                        ? ", commentary "
                                                + prepared.commentary().get().languages()
                                        : ""));
        return r;
    }

    /** The certificate's account of the commentary: its languages and every allowed literal with its reason. */
    /**
     * Rewrites {@code published/index.html} and {@code index-fr.html}, the list of every published release (each
     * file replaced atomically), after a release is published or re-rendered.
     */
    public static void releaseIndex(PipelineContext ctx) {
        try {
            ReleaseSite.writeIndex(ctx.warehouse().published(), ctx.schemas());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(
                    "cannot write the release index in " + ctx.warehouse().published(), e);
        }
    }

    /**
     * Ingests both exports of a run side by side (one's tasks fill the cores while the other's driver work runs)
     * and records their manifests.
     */
    static List<IngestResult> ingestExports(
            PipelineContext ctx, SparkSession spark, Path input, LocalDate date, String runId, RunRecord record) {
        List<Callable<IngestResult>> ingests = new ArrayList<>();
        for (String dataset : DATASETS) {
            String files = Stages.exportOf(input, dataset);
            ingests.add(() -> Stages.ingest(spark, ctx, files, dataset, date, runId + "-" + dataset));
        }
        List<IngestResult> ingested = ca.hotlinetrends.spark.SideBySide.run("ingest", ingests);
        for (int i = 0; i < DATASETS.size(); i++) {
            record.ingested(DATASETS.get(i), ingested.get(i).manifest());
        }
        return ingested;
    }

    /** Records staged in quarters after the release: kept for later releases, never counted in this one. */
    static void laterRecords(List<IngestResult> ingested, Quarter release, RunRecord record) {
        java.util.Map<String, Long> after = new java.util.LinkedHashMap<>();
        for (int i = 0; i < DATASETS.size(); i++) {
            long n = Stages.stagedAfter(ingested.get(i).manifest(), release);
            after.put(DATASETS.get(i), n);
            if (n > 0) {
                Progress.say(
                        "run",
                        String.format(
                                "%s: %,d records dated after %s staged for later releases (not "
                                        + "counted in this one)",
                                DATASETS.get(i), n, release));
            }
        }
        record.recordsAfterRelease(after);
    }
}
