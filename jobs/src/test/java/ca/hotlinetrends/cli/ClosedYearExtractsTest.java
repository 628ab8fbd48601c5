package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.publish.OutsiderAudit;
import ca.hotlinetrends.schema.SchemaRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed-year record-level extracts ({@code privacy.record_level_periods: closed_years}) over two releases of one
 * warehouse: 2026Q3 publishes the records of 2019 to 2025 with the year, 2026Q4 those of 2026 alone, so no record
 * is ever published twice; of each year the protection width's number of records is held back; and the outsider's
 * joint audit of every table and both extracts, from the published files alone, passes.
 */
@ca.hotlinetrends.testing.IntegrationTest
class ClosedYearExtractsTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachYearIsPublishedOnce_withTheYear_andTheJointAuditPasses() throws Exception {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 5, 0.2, new Quarter(2019, 1), new Quarter(2026, 4), "csv", 0.0),
                "csv");
        Path config = dir.resolve("closed-years.yaml");
        Files.writeString(config, "privacy:\n  record_level_periods: closed_years\n");
        Path wh = dir.resolve("warehouse");

        assertThat(run(export, "2026Q3", wh, config)).isZero();
        JsonNode first = anonymization(wh, "2026Q3");
        List<Integer> closed = IntStream.rangeClosed(2019, 2025).boxed().toList();
        for (JsonNode d : first.path("datasets")) {
            String name = d.path("dataset").asText();
            assertThat(d.path("periods").path("scheme").asText()).isEqualTo("closed_years");
            assertThat(years(d)).as(name).isEqualTo(closed);
            assertThat(d.path("records_held_back").asLong()).as(name).isEqualTo(5L * closed.size());
            // Every staged record of those years is published or suppressed (held back included), and no other.
            long staged = RunFixture.count(wh.resolve("restricted/staged/" + name), "reference_quarter < '2026'");
            assertThat(d.path("records_published").asLong()
                            + d.path("records_suppressed").asLong())
                    .as(name)
                    .isEqualTo(staged);
            Path records = wh.resolve("published/2026Q3/microdata/" + name);
            assertThat(RunFixture.count(
                            records,
                            "reference_quarter NOT IN ('2019', '2020', '2021', '2022', '2023', '2024', "
                                    + "'2025', '*')"))
                    .isZero();
            assertThat((double) RunFixture.count(records, "reference_quarter <> '*'")
                            / RunFixture.count(records, "true"))
                    .as("share of %s records that keep the year", name)
                    .isGreaterThan(0.9);
        }
        JsonNode certificate =
                JSON.readTree(wh.resolve("published/2026Q3/certificate.json").toFile());
        assertThat(certificate.path("anonymization").path("years_published").path("victims"))
                .hasSize(closed.size());

        assertThat(run(export, "2026Q4", wh, config)).isZero();
        for (JsonNode d : anonymization(wh, "2026Q4").path("datasets")) {
            assertThat(years(d)).as(d.path("dataset").asText()).containsExactly(2026);
            assertThat(RunFixture.count(
                            wh.resolve("published/2026Q4/microdata/"
                                    + d.path("dataset").asText()),
                            "reference_quarter NOT IN ('2026', '*')"))
                    .isZero();
            // One view over both extracts (as `sql` gives it) holds each record once, under an id of its own.
            String name = d.path("dataset").asText();
            assertThat(sharedIds(
                            wh.resolve("published/2026Q3/microdata/" + name),
                            wh.resolve("published/2026Q4/microdata/" + name)))
                    .as("record ids of %s published in both releases", name)
                    .isZero();
        }

        OutsiderAudit.Result audit = new OutsiderAudit(SCHEMAS, 5).run(wh.resolve("published"), new Quarter(2026, 4));
        assertThat(audit.recordLevelReleases()).isEqualTo(2);
        assertThat(audit.passed()).as(audit.summary()).isTrue();
    }

    private static int run(Path export, String release, Path warehouse, Path config) {
        return HotlineTrends.execute(new String[] {
            "run",
            "--input",
            export.toString(),
            "--release",
            release,
            "--warehouse",
            warehouse.toString(),
            "--run-date",
            "2027-01-15",
            "--master",
            "local[2]",
            "--config",
            config.toString()
        });
    }

    private static JsonNode anonymization(Path warehouse, String release) throws java.io.IOException {
        return JSON.readTree(warehouse
                .resolve("published/" + release + "/microdata/anonymization.json")
                .toFile());
    }

    private static List<Integer> years(JsonNode dataset) {
        List<Integer> out = new ArrayList<>();
        dataset.path("periods").path("years").forEach(y -> out.add(y.asInt()));
        return out;
    }

    private static long sharedIds(Path first, Path second) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT record_id FROM read_parquet('" + first
                        + "/*.parquet') INTERSECT SELECT record_id FROM read_parquet('" + second + "/*.parquet'))")) {
            r.next();
            return r.getLong(1);
        }
    }
}
