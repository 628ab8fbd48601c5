package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.pipeline.Stages;
import ca.hotlinetrends.trends.TrendsResult;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "trends",
        mixinStandardHelpOptions = true,
        description = {
            "Publish the release's count tables, protected by small-cell and complementary suppression and audited.",
            "Writes into a copy of published/<release>/ and publishes the copy and the ledger entry at once, as run "
                    + "does; a refusal leaves the release as it was."
        })
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
                trends(
                        spark,
                        common,
                        config,
                        Quarter.parse(release),
                        ca.hotlinetrends.warehouse.RunManifest.newRunId("trends", java.time.Instant.now()));
                return HotlineTrends.OK;
            } finally {
                spark.stop();
            }
        }
    }

    /**
     * Publishes the tables: into a staged copy of the release, then the whole release at once, with the ledger
     * entry ({@link Stages#changePublished}).
     */
    static TrendsResult trends(
            SparkSession spark, HotlineTrends.Common common, HotlineConfig config, Quarter release, String runId) {
        ca.hotlinetrends.pipeline.PipelineContext ctx = common.context(config);
        return Stages.changePublished(
                ctx, release, runId, staging -> Stages.trends(spark, ctx, release, runId, staging));
    }
}
