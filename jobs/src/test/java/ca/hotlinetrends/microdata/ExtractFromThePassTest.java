package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.IntegrationTest;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.testing.StagedTrends;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's record-level extract as its stage writes it from the trends pass's counts of every published column (the
 * contacts) is the extract the stage writes from the records themselves, byte for byte: on a generated export, with
 * closed-year extracts and their hold-back (the default), the same files, footers, {@code anonymization.json} and
 * certificate.
 */
@IntegrationTest
class ExtractFromThePassTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    /** Every file under {@code dir}, by its path there, as hex. */
    private static Map<String, String> contents(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void theExtractFromThePassCounts_isTheExtractFromTheRecords(@TempDir Path dir) {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 5, 0.2, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.0),
                "csv");
        SparkSession spark = SharedSpark.session();
        HotlineConfig config = HotlineConfig.defaults();
        assertThat(config.privacy().closedYears()).isTrue();
        Warehouse warehouse = new Warehouse(dir.resolve("wh"));
        IngestJob ingest = new IngestJob(spark, SCHEMAS, config, warehouse);
        for (String dataset : List.of("contacts", "victims")) {
            ingest.run(export.resolve(dataset + ".csv").toString(), dataset, LocalDate.of(2026, 9, 30), "i-" + dataset);
        }
        Quarter release = new Quarter(2026, 3);
        long seed = 20190501L;
        TrendsJob trends = new TrendsJob(spark, SCHEMAS, config, warehouse)
                .alsoCounting(MicrodataJob.frequencyColumns(SCHEMAS))
                .alsoCountingRecords(MicrodataJob.recordColumns(SCHEMAS))
                .alsoKeepingLeastHashes(MicrodataJob.holdBackHashes(SCHEMAS, config, seed));
        List<List<MicrodataJob.DatasetRelease>> released = new ArrayList<>();
        trends.beforeProtection(() -> {
            assertThat(trends.records()).containsOnlyKeys("contacts");
            assertThat(trends.leastHashes()).containsKeys("contacts", "victims");
            MicrodataJob job = new MicrodataJob(spark, SCHEMAS, config, warehouse);
            released.add(job.run(
                    release,
                    seed,
                    "run-1",
                    dir.resolve("from-counts"),
                    new MicrodataJob.Counted(trends.frequencies(), trends.leastHashes(), trends.records())));
            released.add(job.run(
                    release,
                    seed,
                    "run-1",
                    dir.resolve("from-records"),
                    new MicrodataJob.Counted(trends.frequencies(), trends.leastHashes(), Map.of())));
        });
        StagedTrends.publish(trends, warehouse, release, "t-" + release);

        assertThat(released).hasSize(2);
        MicrodataJob.DatasetRelease contacts = released.get(0).stream()
                .filter(r -> r.dataset().equals("contacts"))
                .findFirst()
                .orElseThrow();
        assertThat(contacts.records()).isGreaterThan(1_000);
        assertThat(contacts.heldBack())
                .as("closed-year extracts hold records back")
                .isPositive();
        Map<String, String> fromCounts = contents(dir.resolve("from-counts"));
        assertThat(fromCounts.keySet())
                .anyMatch(f -> f.startsWith("microdata/contacts/") && f.endsWith(".parquet"))
                .contains("microdata/anonymization.json", "certificate.json");
        assertThat(fromCounts).isEqualTo(contents(dir.resolve("from-records")));
    }
}
