package ca.hotlinetrends.cli;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.ingest.IngestResult;
import ca.hotlinetrends.warehouse.RunManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
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
                IngestResult r = ingest(spark, common, config, input, dataset, date,
                        RunManifest.newRunId("ingest", Instant.now()));
                return r.thresholdExceeded() ? HotlineTrends.BAD_INPUT : HotlineTrends.OK;
            } finally {
                spark.stop();
            }
        }
    }

    static IngestResult ingest(SparkSession spark, HotlineTrends.Common common, HotlineConfig config, String input,
            String dataset, LocalDate date, String runId) {
        HotlineTrends.progress("ingest", "reading " + dataset + " from " + input);
        IngestResult r = new IngestJob(spark, common.schemas(), config, common.warehouse())
                .run(input, dataset, date, runId);
        HotlineTrends.progress("ingest", String.format("%s: read %,d, staged %,d, quarantined %,d %s; quarters %s; "
                        + "revisions %s; manifest %s", dataset, r.read(), r.staged(), r.quarantined(),
                r.quarantinedByReason(), summary(r.quartersTouched()), r.revisions(), r.manifest()));
        if (r.thresholdExceeded()) {
            System.err.printf("hotline-trends: %s: %.1f%% of records quarantined, above the threshold of %.1f%%; "
                            + "nothing downstream will be published. Staged and quarantined data are kept for inspection.%n",
                    dataset, 100.0 * r.quarantined() / Math.max(1, r.read()),
                    100 * config.ingest().quarantineThreshold());
        }
        return r;
    }

    private static String summary(List<String> quarters) {
        return quarters.isEmpty() ? "none" : quarters.get(0) + ".." + quarters.get(quarters.size() - 1)
                + " (" + quarters.size() + ")";
    }
}
