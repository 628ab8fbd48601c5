package ca.hotlinetrends.cli;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.pipeline.Stages;
import ca.hotlinetrends.warehouse.RunManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Validate a hotline export and stage it; bad records go to quarantine with a reason code.")
final class IngestCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--input", required = true, description = "Export file, folder or glob (CSV, JSON Lines, Parquet).")
    String input;

    @Option(names = "--dataset", required = true, description = "contacts or victims.")
    String dataset;

    @Option(names = "--run-date", description = "Records dated after this day are out of range (default: today, UTC).")
    LocalDate runDate;

    @Override
    public Integer call() {
        // The configuration is checked before anything is touched, then the warehouse is locked.
        HotlineConfig config = common.config();
        try (ca.hotlinetrends.warehouse.WarehouseLock lock = common.lock()) {
            LocalDate date = runDate != null ? runDate : LocalDate.now(ZoneOffset.UTC);
            SparkSession spark = common.spark(config, "ingest");
            try {
                IngestResult r = ingest(
                        spark, common, config, input, dataset, date, RunManifest.newRunId("ingest", Instant.now()));
                return r.thresholdExceeded() ? HotlineTrends.BAD_INPUT : HotlineTrends.OK;
            } finally {
                spark.stop();
            }
        }
    }

    static IngestResult ingest(
            SparkSession spark,
            HotlineTrends.Common common,
            HotlineConfig config,
            String input,
            String dataset,
            LocalDate date,
            String runId) {
        return Stages.ingest(spark, common.context(config), input, dataset, date, runId);
    }
}
