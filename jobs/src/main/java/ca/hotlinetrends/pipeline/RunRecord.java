package ca.hotlinetrends.pipeline;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.microdata.MicrodataJob;
import ca.hotlinetrends.microdata.ResearchUtility;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.runreport.RunReport;
import ca.hotlinetrends.trends.TrendsResult;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The restricted record of one {@code run} ({@code restricted/runs/<run-id>/manifest.json}): every stage with its
 * duration and status, how the run ended, and what only staff may see (why cells were suppressed, the microdata's
 * risk before anonymisation, the research workload's utility). Written whether the run succeeds or fails.
 */
public final class RunRecord {

    /** How a run ended, as the manifest's {@code status} says it. */
    public enum Status {
        PUBLISHED("published"),
        REFUSED("refused: quarantine threshold exceeded"),
        FAILED("failed");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunRecord.class);

    private final String runId;
    private final ObjectNode manifest = RunManifest.newDocument();
    private final ObjectNode stages;
    private final Map<String, Path> ingestManifests = new TreeMap<>();
    private String stage = "ingest";
    private long started = System.nanoTime();
    private Status status = Status.FAILED;
    private String contentId;

    RunRecord(String runId, Quarter release, long seed, LocalDate runDate) {
        this.runId = runId;
        manifest.put("run_id", runId);
        manifest.put("command", "run");
        manifest.put("release", release.toString());
        manifest.put("seed", seed);
        manifest.put("run_date", runDate.toString());
        stages = manifest.putObject("stages");
    }

    public ObjectNode manifest() {
        return manifest;
    }

    /** Closes the current stage as done, with its duration, and starts {@code name}. */
    void next(String name) {
        stages.putObject(stage).put("status", "done").put("seconds", secondsSince(started));
        stage = name;
        started = System.nanoTime();
    }

    private static double secondsSince(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    void ingested(String dataset, Path ingestManifest) {
        ingestManifests.put(dataset, ingestManifest);
    }

    Map<String, Path> ingestManifests() {
        return ingestManifests;
    }

    void contentId(String id) {
        contentId = id;
    }

    void refused(String message, int exitCode) {
        status = Status.REFUSED;
        manifest.put("error_message", message);
        manifest.put("exit_code", exitCode);
    }

    void failed(Throwable e) {
        status = Status.FAILED;
        manifest.put("error", e.getClass().getName());
        // What the command prints for it (the run report shows it): this project's messages, else the class.
        Failure failure = Failure.of(e);
        manifest.put("error_message", failure.message());
        manifest.put("exit_code", failure.exitCode());
    }

    void published(Path releaseDir) {
        manifest.put("published", releaseDir.toString());
        status = Status.PUBLISHED;
    }

    /** Why cells are suppressed and which periods were revised: here, never in published/. */
    void tables(TrendsResult counted) {
        manifest.putObject("table_protection")
                .put("cells", counted.cells())
                .put("suppressed_small_counts", counted.primary())
                .put("suppressed_to_protect_them", counted.secondary())
                .put(
                        "narrowest_small_count_range",
                        Double.isFinite(counted.narrowestRange()) ? (long) counted.narrowestRange() : -1);
        ObjectNode revised = manifest.putObject("revisions").put("cells", counted.revisedCells());
        counted.revisedPeriods().forEach(revised.putArray("periods")::add);
    }

    /** The record-level extracts: withheld or not, risk before anonymisation, the research workload's utility. */
    void extracts(List<MicrodataJob.DatasetRelease> extracts, String withheld) {
        if (withheld != null) {
            manifest.putObject("record_level_release").put("withheld", withheld);
        }
        ObjectNode before = manifest.putObject("microdata_risk_before");
        ObjectNode utility = manifest.putObject("research_utility");
        for (MicrodataJob.DatasetRelease x : extracts) {
            before.putObject(x.dataset())
                    .put("highest_prosecutor_risk", x.riskBefore().highestRisk())
                    .put("records_at_risk", x.riskBefore().recordsAtRisk())
                    .put("sample_unique_share", x.riskBefore().sampleUniqueShare());
            // Aggregates only (shares and errors of the workload's cross-counts), with staff, never published.
            ObjectNode u = utility.putObject(x.dataset());
            for (ResearchUtility.QueryUtility q : x.utility().queries()) {
                u.putObject(q.name())
                        .put("description", q.description())
                        .put("usable_share", q.usableShare())
                        .put("total_variation_distance", q.totalVariationDistance())
                        .put("largest_relative_error_cells_of_20", q.largestRelativeError())
                        .put("cells_of_20", q.cellsOfAtLeast20());
            }
        }
    }

    /** Per dataset, the records staged for releases after this one. */
    void recordsAfterRelease(Map<String, Long> byDataset) {
        ObjectNode after = manifest.putObject("records_after_release");
        byDataset.forEach(after::put);
    }

    /**
     * Ends the run: completes and writes this record, removes the staging folder, then writes the run report
     * ({@link RunReport}) and prints its path. The report never throws, so that a report that cannot be written
     * never hides how the run ended (a warning says why it is missing).
     */
    void finish(Warehouse warehouse, StagedRelease staging) {
        try {
            write(warehouse);
        } finally {
            try {
                if (staging != null) {
                    staging.close();
                }
            } finally {
                try {
                    Progress.say("run", "run report: " + RunReport.write(warehouse, runId, manifest));
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn(
                            "run {}: the run report could not be written: {}",
                            runId,
                            Failure.of(e).message());
                }
            }
        }
    }

    /** Completes the record (a failed stage, the status, the content id, the ingest manifests) and writes it. */
    private void write(Warehouse warehouse) {
        if (status != Status.PUBLISHED) {
            stages.putObject(stage).put("status", "failed").put("seconds", secondsSince(started));
            manifest.put("failed_stage", stage);
        }
        manifest.put("status", status.text());
        if (contentId != null) {
            manifest.put("content_id", contentId);
        }
        ingestManifests.forEach((dataset, m) -> manifest.put("ingest_manifest_" + dataset, m.toString()));
        RunManifest.write(warehouse, runId, manifest);
    }
}
