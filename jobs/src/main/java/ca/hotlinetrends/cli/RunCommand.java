package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.ingest.ExportReader;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.microdata.MicrodataJob;
import ca.hotlinetrends.publish.ContentId;
import ca.hotlinetrends.publish.Ledger;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.runreport.RunReport;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import ca.hotlinetrends.warehouse.WarehouseLock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"All stages for one release: ingest an export (contacts and victims), publish tables, render reports.",
            "The release is written into published/.staging-<release>-<run-id>/ and renamed to published/<release>/ "
                + "(with _RELEASE_COMPLETE and its ledger entry) only when every stage has passed; a failed run "
                + "publishes nothing and leaves an earlier published/<release>/ as it was.",
            "Published Parquet footers carry the run's content id (a hash of the export's SHA-256, the configuration, "
                + "the seed, the run date and the earlier ledger entries): the same inputs give byte-identical files."})
final class RunCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--input", required = true, description = "Folder holding the export (contacts.* and victims.*).")
    Path input;

    @Option(names = "--release", required = true, description = "Release quarter, e.g. 2026Q3, or latest: the last "
            + "quarter that has ended (for scheduled runs).")
    String release;

    @Option(names = "--run-date", description = "The day the export was pulled (default: today, UTC). Records dated "
            + "after it are out of range; records after the release but not after it are staged for later releases.")
    LocalDate runDate;

    @Option(names = "--seed", defaultValue = "20260930", description = "Seed of the microdata record ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--notes", paramLabel = "DIR", description = "Staff notes: DIR/<release>/en.md and fr.md, checked "
            + "and rendered into the newsletter and the brief (see report --help). Default: the config's report.notes.")
    Path notes;

    @Override
    public Integer call() {
        LocalDate day = runDate != null ? runDate : LocalDate.now(java.time.ZoneOffset.UTC);
        return pipeline(common, input, resolve(release, day), day, seed, notes, (stage, releaseDir) -> { });
    }

    /** A release quarter, or {@code latest}: the last quarter that ended before {@code today}. */
    static Quarter resolve(String release, LocalDate today) {
        return release.equalsIgnoreCase("latest") ? Quarter.of(today).previous() : Quarter.parse(release);
    }

    /** The whole pipeline; returns the exit code. */
    static int pipeline(HotlineTrends.Common common, Path input, Quarter release, LocalDate runDate, long seed) {
        return pipeline(common, input, release, runDate, seed, null, (stage, releaseDir) -> { });
    }

    static int pipeline(HotlineTrends.Common common, Path input, Quarter release, LocalDate runDate, long seed,
            BiConsumer<String, Path> beforeStage) {
        return pipeline(common, input, release, runDate, seed, null, beforeStage);
    }

    /**
     * The whole pipeline, publishing the release atomically: ingest, then trends, microdata and reports written
     * into a hidden staging folder ({@link StagedRelease}), which becomes {@code published/<release>/} with its
     * ledger entry only when every stage and check has passed. Any failure leaves the published releases and the
     * ledger as they were. Published files carry the run's {@link ContentId}; the wall-clock run id names the
     * ingest manifests and this run's manifest in {@code restricted/runs/}, which records both.
     *
     * @param notes the staff notes folder ({@code --notes}), or null for the configuration's; the notes' Markdown is
     *        checked before anything runs, their numbers at the report stage, against the staged tables
     * @param beforeStage called with the stage name ({@code trends}, {@code microdata}, {@code report},
     *        {@code publish}) and the staging folder before each stage; tests use it to inject failures
     */
    static int pipeline(HotlineTrends.Common common, Path input, Quarter release, LocalDate runDate, long seed,
            Path notes, BiConsumer<String, Path> beforeStage) {
        HotlineConfig config = ReportCommand.withNotes(common.config(), notes);
        java.util.Optional<ca.hotlinetrends.reports.commentary.Notes> commentary = ReportCommand.notes(config, release,
                config.report().languages());
        Warehouse warehouse = common.warehouse();
        try (WarehouseLock lock = common.lock()) {
            StagedRelease.Recovery recovery = StagedRelease.recover(warehouse);
            if (recovery.any()) {
                HotlineTrends.progress("run", "cleaned up after an interrupted run: " + recovery.releasesRestored()
                        + " releases restored, " + recovery.ledgerEntriesCompleted() + " ledger entries completed, "
                        + recovery.stagingFoldersRemoved() + " staging folders and " + recovery.ledgerEntriesDiscarded()
                        + " pending ledger entries removed");
            }
            return locked(common, config, warehouse, input, release, runDate, seed, commentary, beforeStage);
        }
    }

    private static int locked(HotlineTrends.Common common, HotlineConfig config, Warehouse warehouse, Path input,
            Quarter release, LocalDate runDate, long seed,
            java.util.Optional<ca.hotlinetrends.reports.commentary.Notes> commentary,
            BiConsumer<String, Path> beforeStage) {
        // An export pulled after the quarter ended holds records of the quarter in progress: valid, staged for later
        // releases and never counted in this one. Only dates after the run date (or before the first quarter) are
        // errors. The release's content does not depend on the day after its quarter that it ran.
        LocalDate date = runDate != null ? runDate : LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate contentDate = date.isAfter(release.lastDay()) ? release.lastDay() : date;
        String runId = RunManifest.newRunId("run", Instant.now());
        SparkSession spark = common.spark(config, "run " + release);
        Map<String, Path> manifests = new TreeMap<>();
        StagedRelease staging = null;
        String contentId = null;
        // Every stage with its duration, in the run manifest whether the run succeeds or fails.
        ObjectNode manifest = RunManifest.newDocument();
        manifest.put("run_id", runId);
        manifest.put("command", "run");
        manifest.put("release", release.toString());
        manifest.put("seed", seed);
        manifest.put("run_date", date.toString());
        ObjectNode stages = manifest.putObject("stages");
        String[] stage = {"ingest"};
        long[] started = {System.nanoTime()};
        java.util.function.Consumer<String> next = name -> {
            stages.putObject(stage[0]).put("status", "done").put("seconds",
                    Math.round((System.nanoTime() - started[0]) / 1e7) / 100.0);
            stage[0] = name;
            started[0] = System.nanoTime();
        };
        String status = "failed";
        try {
            try {
                // The two exports are ingested side by side: one's tasks fill the cores while the other's driver
                // work (planning, joining staged files) runs. Each has its own work, staged and quarantine folders.
                List<String> datasets = List.of("contacts", "victims");
                List<Callable<IngestResult>> ingests = new java.util.ArrayList<>();
                for (String dataset : datasets) {
                    String files = exportOf(input, dataset);
                    ingests.add(() -> IngestCommand.ingest(spark, common, config, files, dataset, date,
                            runId + "-" + dataset));
                }
                List<IngestResult> ingested = ca.hotlinetrends.spark.SideBySide.run("ingest", ingests);
                for (int i = 0; i < datasets.size(); i++) {
                    manifests.put(datasets.get(i), ingested.get(i).manifest());
                }
                if (ingested.stream().anyMatch(IngestResult::thresholdExceeded)) {
                    status = "refused: quarantine threshold exceeded";
                    manifest.put("error_message", thresholdMessage(ingested, config.ingest().quarantineThreshold()));
                    manifest.put("exit_code", HotlineTrends.BAD_INPUT);
                    return HotlineTrends.BAD_INPUT;
                }
                ObjectNode after = manifest.putObject("records_after_release");
                for (int i = 0; i < datasets.size(); i++) {
                    long n = stagedAfter(ingested.get(i).manifest(), release);
                    after.put(datasets.get(i), n);
                    if (n > 0) {
                        HotlineTrends.progress("run", String.format("%s: %,d records dated after %s staged for later "
                                + "releases (not counted in this one)", datasets.get(i), n, release));
                    }
                }
                contentId = ContentId.of(manifests, config, release, contentDate, seed,
                        new Ledger(warehouse).entryHashes(release));
                HotlineTrends.progress("run", "run " + runId + ", content id " + contentId);
                staging = StagedRelease.open(warehouse, release, runId);
                next.accept("trends");
                beforeStage.accept("trends", staging.dir());
                // The trends pass over the staged data also counts the microdata's quasi-identifier frequencies. The
                // record-level extract is written between counting and protecting the tables, so the tables are
                // protected knowing it (joint protection; the tables' stage then continues as "tables").
                TrendsJob trends = new TrendsJob(spark, common.schemas(), config, warehouse)
                        .alsoCounting(MicrodataJob.frequencyColumns(common.schemas()));
                List<List<ca.hotlinetrends.microdata.MicrodataJob.DatasetRelease>> written = new ArrayList<>();
                StagedRelease staged = staging;
                String content = contentId;
                trends.beforeProtection(() -> {
                    next.accept("microdata");
                    beforeStage.accept("microdata", staged.dir());
                    written.add(AnonymizeCommand.microdata(spark, common, config, release, seed, content, staged.dir(),
                            trends.frequencies()));
                    next.accept("tables");
                    beforeStage.accept("tables", staged.dir());
                });
                ca.hotlinetrends.trends.TrendsResult counted = TrendsCommand.trends(trends, release, contentId, staging);
                // Why cells are suppressed stays here, in the run's restricted record, never in published/.
                manifest.putObject("table_protection").put("cells", counted.cells())
                        .put("suppressed_small_counts", counted.primary())
                        .put("suppressed_to_protect_them", counted.secondary())
                        .put("narrowest_small_count_range", Double.isFinite(counted.narrowestRange())
                                ? (long) counted.narrowestRange() : -1);
                ObjectNode revised = manifest.putObject("revisions").put("cells", counted.revisedCells());
                counted.revisedPeriods().forEach(revised.putArray("periods")::add);
                List<ca.hotlinetrends.microdata.MicrodataJob.DatasetRelease> extracts = written.get(0);
                if (trends.withheldExtract() != null) {
                    manifest.putObject("record_level_release").put("withheld", trends.withheldExtract());
                    HotlineTrends.progress("run", "the record-level extract is withheld from this release: with it, "
                            + trends.withheldExtract() + " (the tables are published; see docs/anonymization.md)");
                }
                com.fasterxml.jackson.databind.node.ObjectNode before = manifest.putObject("microdata_risk_before");
                com.fasterxml.jackson.databind.node.ObjectNode utility = manifest.putObject("research_utility");
                for (ca.hotlinetrends.microdata.MicrodataJob.DatasetRelease x : extracts) {
                    before.putObject(x.dataset()).put("highest_prosecutor_risk", x.riskBefore().highestRisk())
                            .put("records_at_risk", x.riskBefore().recordsAtRisk())
                            .put("sample_unique_share", x.riskBefore().sampleUniqueShare());
                    // Aggregates only (shares and errors of the workload's cross-counts), with staff, never published.
                    com.fasterxml.jackson.databind.node.ObjectNode u = utility.putObject(x.dataset());
                    for (ca.hotlinetrends.microdata.ResearchUtility.QueryUtility q : x.utility().queries()) {
                        u.putObject(q.name()).put("description", q.description())
                                .put("usable_share", q.usableShare())
                                .put("total_variation_distance", q.totalVariationDistance())
                                .put("largest_relative_error_cells_of_20", q.largestRelativeError())
                                .put("cells_of_20", q.cellsOfAtLeast20());
                    }
                }
            } finally {
                spark.stop();
            }
            next.accept("report");
            beforeStage.accept("report", staging.dir());
            ReportCommand.report(common, config, release, config.report().languages(), staging.dir(), commentary,
                    () -> { });
            next.accept("publish");
            beforeStage.accept("publish", staging.dir());
            Path published = staging.publish(contentId);
            ReportCommand.releaseIndex(common);
            next.accept("done");
            manifest.put("published", published.toString());
            status = "published";
            HotlineTrends.progress("run", "release " + release + " published in " + published);
            return HotlineTrends.OK;
        } catch (RuntimeException | Error e) {
            status = "failed";
            manifest.put("error", e.getClass().getName());
            // What the command prints for it (the run report shows it): this project's messages, else the class.
            HotlineTrends.Failure failure = HotlineTrends.failure(e);
            manifest.put("error_message", failure.message());
            manifest.put("exit_code", failure.exitCode());
            throw e;
        } finally {
            if (!status.equals("published")) {
                stages.putObject(stage[0]).put("status", "failed").put("seconds",
                        Math.round((System.nanoTime() - started[0]) / 1e7) / 100.0);
                manifest.put("failed_stage", stage[0]);
            }
            manifest.put("status", status);
            if (contentId != null) {
                manifest.put("content_id", contentId);
            }
            manifests.forEach((dataset, m) -> manifest.put("ingest_manifest_" + dataset, m.toString()));
            try {
                RunManifest.write(warehouse, runId, manifest);
            } finally {
                try {
                    if (staging != null) {
                        staging.close();
                    }
                } finally {
                    writeReport(warehouse, runId, manifest);
                }
            }
        }
    }

    /**
     * Writes the run's report ({@link RunReport}) and prints its path; never throws, so that a report that cannot be
     * written never hides how the run ended (a warning says why it is missing).
     */
    private static void writeReport(Warehouse warehouse, String runId, ObjectNode manifest) {
        try {
            HotlineTrends.progress("run", "run report: " + RunReport.write(warehouse, runId, manifest));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("run {}: the run report could not be written: {}", runId, HotlineTrends.failure(e).message());
        }
    }

    /** Which datasets quarantined more than the threshold allows, with their shares. */
    static String thresholdMessage(List<IngestResult> ingested, double threshold) {
        List<String> over = new ArrayList<>();
        for (IngestResult r : ingested) {
            if (r.thresholdExceeded()) {
                over.add(String.format(java.util.Locale.ROOT, "%s %,d of %,d records (%.2f%%)", r.dataset(),
                        r.quarantined(), r.read(), r.read() == 0 ? 0.0 : 100.0 * r.quarantined() / r.read()));
            }
        }
        return String.format(java.util.Locale.ROOT, "quarantine threshold exceeded: %s quarantined, above the "
                + "threshold of %.2f%% (ingest.quarantine_threshold); nothing was published", String.join(", ", over),
                100 * threshold);
    }

    /** Records an ingest staged in quarters after {@code release}, from its manifest's {@code staged_by_quarter}. */
    static long stagedAfter(Path ingestManifest, Quarter release) {
        try {
            long n = 0;
            var byQuarter = RunManifest.json().readTree(ingestManifest.toFile()).path("staged_by_quarter");
            for (var it = byQuarter.fields(); it.hasNext(); ) {
                var q = it.next();
                n += Quarter.parse(q.getKey()).compareTo(release) > 0 ? q.getValue().asLong() : 0;
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + ingestManifest, e);
        }
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
