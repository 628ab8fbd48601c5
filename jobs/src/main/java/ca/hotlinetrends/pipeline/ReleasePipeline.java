package ca.hotlinetrends.pipeline;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.microdata.MicrodataJob;
import ca.hotlinetrends.publish.ContentId;
import ca.hotlinetrends.publish.Ledger;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.reports.commentary.Notes;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.trends.TrendsResult;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.WarehouseLock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline of a release, in order: ingest, trends (count), microdata, tables (protect, audit, write),
 * report, publish. Every stage writes into a hidden staging folder ({@link StagedRelease}), which becomes
 * {@code published/<release>/} with its ledger entry only when every stage and check has passed; any failure leaves
 * the published releases and the ledger as they were. Published files carry the run's {@link ContentId}; the
 * wall-clock run id names the ingest manifests and the run's {@link RunRecord} in {@code restricted/runs/}.
 */
public final class ReleasePipeline {

    private ReleasePipeline() {}

    /**
     * Runs every stage for {@code release} under the warehouse lock; returns the exit code.
     *
     * @param beforeStage called with the stage name ({@code trends}, {@code microdata}, {@code tables},
     *        {@code report}, {@code publish}) and the staging folder before each stage; tests inject failures there
     */
    public static int run(
            PipelineContext ctx,
            Path input,
            Quarter release,
            LocalDate runDate,
            long seed,
            BiConsumer<String, Path> beforeStage) {
        // The notes' Markdown is checked before anything runs; their numbers at the report stage.
        Optional<Notes> notes =
                Stages.notes(ctx.config(), release, ctx.config().report().languages());
        try (WarehouseLock lock = ctx.lock()) {
            Stages.recover(ctx);
            return locked(ctx, input, release, runDate, seed, notes, beforeStage);
        }
    }

    private static int locked(
            PipelineContext ctx,
            Path input,
            Quarter release,
            LocalDate runDate,
            long seed,
            Optional<Notes> notes,
            BiConsumer<String, Path> beforeStage) {
        // The release's content does not depend on the day after its quarter that it ran.
        LocalDate date = runDate != null ? runDate : LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate contentDate = date.isAfter(release.lastDay()) ? release.lastDay() : date;
        String runId = RunManifest.newRunId("run", Instant.now());
        RunRecord record = new RunRecord(runId, release, seed, date);
        SparkSession spark = ctx.spark("run " + release);
        StagedRelease staging = null;
        try {
            String contentId;
            try {
                List<IngestResult> ingested = Stages.ingestExports(ctx, spark, input, date, runId, record);
                if (ingested.stream().anyMatch(IngestResult::thresholdExceeded)) {
                    record.refused(
                            Stages.thresholdMessage(
                                    ingested, ctx.config().ingest().quarantineThreshold()),
                            ExitCodes.BAD_INPUT);
                    return ExitCodes.BAD_INPUT;
                }
                Stages.laterRecords(ingested, release, record);
                contentId = ContentId.of(
                        record.ingestManifests(),
                        ctx.config(),
                        release,
                        contentDate,
                        seed,
                        new Ledger(ctx.warehouse()).entryHashes(release));
                record.contentId(contentId);
                Progress.say("run", "run " + runId + ", content id " + contentId);
                staging = StagedRelease.open(ctx.warehouse(), release, runId);
                Path dir = staging.dir();
                record.next("trends");
                beforeStage.accept("trends", dir);
                // The trends pass also counts the microdata's quasi-identifier frequencies. The extract is written
                // between counting and protecting the tables, so the tables are protected knowing it.
                // The same pass keeps each year's records of least hold-back hash (closed-year extracts).
                TrendsJob trends = new TrendsJob(spark, ctx.schemas(), ctx.config(), ctx.warehouse())
                        .alsoCounting(MicrodataJob.frequencyColumns(ctx.schemas()))
                        .alsoCountingRecords(MicrodataJob.recordColumns(ctx.schemas()))
                        .alsoKeepingLeastHashes(MicrodataJob.holdBackHashes(ctx.schemas(), ctx.config(), seed));
                List<List<MicrodataJob.DatasetRelease>> extracts = new ArrayList<>();
                trends.beforeProtection(() -> {
                    record.next("microdata");
                    beforeStage.accept("microdata", dir);
                    try {
                        extracts.add(Stages.microdata(
                                spark,
                                ctx,
                                release,
                                seed,
                                contentId,
                                dir,
                                new MicrodataJob.Counted(
                                        trends.frequencies(), trends.leastHashes(), trends.records())));
                    } catch (ca.hotlinetrends.publish.RecordsWithheldException e) {
                        // Fail closed on the records alone: none of this release's are published, and the tables are
                        // protected without them. The refusal comes before any record is written; a microdata/
                        // folder is removed all the same, should one be there.
                        Stages.deleteExtract(dir);
                        trends.extractWithheldBefore(e.getMessage());
                        extracts.add(List.of());
                    }
                    record.next("tables");
                    beforeStage.accept("tables", dir);
                });
                TrendsResult counted = Stages.trends(trends, release, contentId, staging);
                record.tables(counted);
                if (trends.withheldExtract() != null) {
                    Progress.say(
                            "run",
                            "the record-level extract is withheld from this release: with it, "
                                    + trends.withheldExtract()
                                    + " (the tables are published; see docs/anonymization.md)");
                }
                record.extracts(extracts.get(0), trends.withheldExtract());
            } finally {
                spark.stop();
            }
            record.next("report");
            beforeStage.accept("report", staging.dir());
            Stages.report(ctx, release, ctx.config().report().languages(), staging.dir(), notes);
            record.next("publish");
            beforeStage.accept("publish", staging.dir());
            Path published = staging.publish(contentId);
            Stages.releaseIndex(ctx);
            record.next("done");
            record.published(published);
            Progress.say("run", "release " + release + " published in " + published);
            return ExitCodes.OK;
        } catch (RuntimeException | Error e) {
            record.failed(e);
            throw e;
        } finally {
            record.finish(ctx.warehouse(), staging);
        }
    }
}
