package ca.hotlinetrends.runreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run report shows, read from a {@code run}'s manifest and its ingest manifests: aggregates only (counts,
 * reason codes, quarters, column names, shares, timings and the failure's class and message), never a record's
 * values. Every part but the run's identity may be missing: a run that failed early has no tables, no utility.
 *
 * @param runId the run
 * @param release the release quarter
 * @param runDate the run date
 * @param status {@code published}, {@code failed} or {@code refused: ...}
 * @param contentId the content id of the published files, or null when the run stopped before it was known
 * @param failure the stage that failed and why, or null when the run published
 * @param stages every stage reached, in order, with its status and duration
 * @param ingests one per dataset ingested, in dataset order
 * @param protection the table protection's counts, or null when the tables were not protected
 * @param revisions the revisions the tables detected, or null when the tables were not counted
 * @param withheldExtract why the record-level extract was withheld from the release, or null
 * @param utility per dataset, the research workload's utility figures (empty when no extract was written)
 */
public record RunFigures(
        String runId,
        String release,
        String runDate,
        String status,
        String contentId,
        Failure failure,
        List<Stage> stages,
        List<Ingest> ingests,
        Protection protection,
        Revisions revisions,
        String withheldExtract,
        Map<String, List<Utility>> utility) {

    public RunFigures {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        stages = List.copyOf(stages);
        ingests = List.copyOf(ingests);
        utility = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(utility));
    }

    /**
     * @param stage the stage that failed ({@code ingest}, {@code trends}, {@code microdata}, {@code tables},
     *        {@code report}, {@code publish})
     * @param error the exception's class name, or null for a refusal that is no exception (quarantine threshold)
     * @param message what the command printed
     * @param exitCode the exit code, or -1 when not recorded
     */
    public record Failure(String stage, String error, String message, int exitCode) {}

    public record Stage(String name, String status, double seconds) {}

    /**
     * One dataset's ingest.
     *
     * @param quarantinedByQuarter quarter (or {@code none}) to reason code to records, quarters in order
     * @param revisedQuarters quarters already published whose staged content changed
     */
    public record Ingest(
            String dataset,
            long read,
            long staged,
            long quarantined,
            double quarantinedShare,
            double threshold,
            boolean thresholdExceeded,
            Map<String, Long> quarantinedByReason,
            Map<String, Map<String, Long>> quarantinedByQuarter,
            long stagedAfterRelease,
            List<String> revisedQuarters,
            Map<String, Double> stageSeconds) {

        public Ingest {
            quarantinedByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(quarantinedByReason));
            quarantinedByQuarter = java.util.Collections.unmodifiableMap(new TreeMap<>(quarantinedByQuarter));
            revisedQuarters = List.copyOf(revisedQuarters);
            stageSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
        }
    }

    /**
     * @param narrowestRange the narrowest feasible range of a small count, or -1 when none is suppressed
     */
    public record Protection(long cells, long smallCounts, long complements, long narrowestRange) {}

    /** @param cells cells whose count changed since the release that last showed them, published or suppressed */
    public record Revisions(List<String> periods, long cells) {
        public Revisions {
            periods = List.copyOf(periods);
        }
    }

    public record Utility(
            String query,
            String description,
            double usableShare,
            double totalVariationDistance,
            double largestRelativeError,
            long cellsOf20) {}

    /**
     * The figures of a run.
     *
     * @param run the run manifest ({@code restricted/runs/<run-id>/manifest.json})
     * @param ingests the ingest manifests it names, by dataset (those that could not be read left out)
     */
    public static RunFigures of(JsonNode run, Map<String, JsonNode> ingests) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(ingests, "ingests");
        Failure failure = null;
        if (run.has("failed_stage")) {
            failure = new Failure(
                    run.path("failed_stage").asText(),
                    text(run, "error"),
                    text(run, "error_message"),
                    run.path("exit_code").asInt(-1));
        }
        List<Stage> stages = new ArrayList<>();
        run.path("stages")
                .fields()
                .forEachRemaining(e -> stages.add(new Stage(
                        e.getKey(),
                        e.getValue().path("status").asText(),
                        e.getValue().path("seconds").asDouble())));
        List<Ingest> in = new ArrayList<>();
        new TreeMap<>(ingests)
                .forEach((dataset, m) -> in.add(ingest(
                        dataset,
                        m,
                        run.path("records_after_release").path(dataset).asLong(0))));
        Protection protection = null;
        JsonNode p = run.path("table_protection");
        if (p.isObject()) {
            protection = new Protection(
                    p.path("cells").asLong(),
                    p.path("suppressed_small_counts").asLong(),
                    p.path("suppressed_to_protect_them").asLong(),
                    p.path("narrowest_small_count_range").asLong(-1));
        }
        Revisions revisions = null;
        JsonNode r = run.path("revisions");
        if (r.isObject()) {
            List<String> periods = new ArrayList<>();
            r.path("periods").forEach(q -> periods.add(q.asText()));
            revisions = new Revisions(periods, r.path("cells").asLong());
        }
        Map<String, List<Utility>> utility = new LinkedHashMap<>();
        run.path("research_utility").fields().forEachRemaining(d -> {
            List<Utility> queries = new ArrayList<>();
            d.getValue()
                    .fields()
                    .forEachRemaining(q -> queries.add(new Utility(
                            q.getKey(),
                            q.getValue().path("description").asText(),
                            q.getValue().path("usable_share").asDouble(),
                            q.getValue().path("total_variation_distance").asDouble(),
                            q.getValue()
                                    .path("largest_relative_error_cells_of_20")
                                    .asDouble(),
                            q.getValue().path("cells_of_20").asLong())));
            utility.put(d.getKey(), queries);
        });
        return new RunFigures(
                run.path("run_id").asText(),
                text(run, "release"),
                text(run, "run_date"),
                run.path("status").asText("unknown"),
                text(run, "content_id"),
                failure,
                stages,
                in,
                protection,
                revisions,
                text(run.path("record_level_release"), "withheld"),
                utility);
    }

    private static Ingest ingest(String dataset, JsonNode m, long stagedAfter) {
        Map<String, Long> byReason = new TreeMap<>();
        m.path("quarantined_by_reason")
                .fields()
                .forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
        Map<String, Map<String, Long>> byQuarter = new TreeMap<>();
        m.path("quarantined_by_quarter").fields().forEachRemaining(q -> {
            Map<String, Long> reasons = new TreeMap<>();
            q.getValue()
                    .fields()
                    .forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
            byQuarter.put(q.getKey(), reasons);
        });
        List<String> revised = new ArrayList<>();
        m.path("revisions").forEach(q -> revised.add(q.asText()));
        Map<String, Double> seconds = new LinkedHashMap<>();
        m.path("stage_seconds")
                .fields()
                .forEachRemaining(e -> seconds.put(e.getKey(), e.getValue().asDouble()));
        return new Ingest(
                dataset,
                m.path("rows_read").asLong(),
                m.path("rows_staged").asLong(),
                m.path("rows_quarantined").asLong(),
                m.path("quarantined_share").asDouble(),
                m.path("quarantine_threshold").asDouble(),
                m.path("threshold_exceeded").asBoolean(),
                byReason,
                byQuarter,
                stagedAfter,
                revised,
                seconds);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
