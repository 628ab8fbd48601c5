package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.pipeline.Stages;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.trends.TrendsResult;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "trends", mixinStandardHelpOptions = true,
        description = {"Publish the release's count tables, protected by small-cell and complementary suppression and audited.",
            "Writes in place into published/<release>/ and records the ledger entry at once (not atomic: use run "
                + "for an all-or-nothing publication); removes the release's _RELEASE_COMPLETE marker."})
final class TrendsCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--release", required = true, description = "Release quarter, e.g. 2026Q3.")
    String release;

    @Override
    public Integer call() {
        // The configuration is checked before anything is touched, then the warehouse is locked.
        HotlineConfig config = common.config();
        try (ca.hotlinetrends.warehouse.WarehouseLock lock = common.lock()) {
            SparkSession spark = common.spark(config, "trends");
            try {
                trends(spark, common, config, Quarter.parse(release),
                        ca.hotlinetrends.warehouse.RunManifest.newRunId("trends", java.time.Instant.now()));
                return HotlineTrends.OK;
            } finally {
                spark.stop();
            }
        }
    }

    /** Publishes the tables in place, in {@code published/<release>/}, and records the ledger entry at once. */
    static TrendsResult trends(SparkSession spark, HotlineTrends.Common common, HotlineConfig config, Quarter release,
            String runId) {
        StagedRelease.unmarkInPlace(common.warehouse().release(release));
        return trends(spark, common, config, release, runId, null);
    }

    /** As above, into {@code staging} when it is not null (the ledger entry then waits for its publication). */
    static TrendsResult trends(SparkSession spark, HotlineTrends.Common common, HotlineConfig config, Quarter release,
            String runId, StagedRelease staging) {
        return trends(new TrendsJob(spark, common.schemas(), config, common.warehouse()), release, runId, staging);
    }

    /** As above, with {@code job} (which may count more in its pass, {@link TrendsJob#alsoCounting}). */
    static TrendsResult trends(TrendsJob job, Quarter release, String runId, StagedRelease staging) {
        return Stages.trends(job, release, runId, staging);
    }
}
