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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed year with fewer records than the protection width (a hotline's first, partial year: here 2025, one
 * quarter of a small export) cannot hold back the width's records, and leaving it out alone would tell that it is
 * small. The run withholds the whole record-level extract, with nothing of it left in the release, and publishes the
 * tables protected without it; the certificate says the extract is withheld without saying why, the run's restricted
 * record says why, and the joint audit from the published files passes.
 */
@ca.hotlinetrends.testing.IntegrationTest
class SmallYearExtractTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aClosedYearSmallerThanTheWidth_withholdsTheExtract_andTheTablesArePublished() throws Exception {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 5, 0.05, new Quarter(2025, 4), RunFixture.RELEASE, "csv", 0.0),
                "csv");
        Path config = dir.resolve("closed-years.yaml");
        Files.writeString(config, "privacy:\n  record_level_periods: closed_years\n");
        Path wh = dir.resolve("warehouse");

        RunFixture.Outcome o = RunFixture.run(export, RunFixture.RELEASE, wh, "--config", config.toString());

        assertThat(o.exit()).as(o.err()).isZero();
        long victims2025 = RunFixture.count(wh.resolve("restricted/staged/victims"), "reference_quarter < '2026'");
        assertThat(victims2025)
                .as("victims staged in 2025, the only closed year")
                .isBetween(1L, 4L);
        assertThat(RunFixture.count(wh.resolve("restricted/staged/contacts"), "reference_quarter < '2026'"))
                .as("contacts staged in 2025")
                .isGreaterThanOrEqualTo(5);
        Path published = wh.resolve("published/" + RunFixture.RELEASE);
        assertThat(published.resolve("microdata")).doesNotExist();
        assertThat(published.resolve("tables/victims_by_gender_and_age.csv")).exists();
        assertThat(published.resolve("reports/newsletter-en.html")).exists();
        assertThat(Files.readString(published.resolve("index.html")))
                .as("the release's page says it has no extract, and does not point to one")
                .contains("No record-level extract accompanies this release")
                .doesNotContain("microdata/anonymization.json");
        JsonNode certificate =
                JSON.readTree(published.resolve("certificate.json").toFile());
        assertThat(certificate.path("anonymization").path("withheld").asText()).contains("not published");
        assertThat(certificate.path("anonymization").toString()).doesNotContain("2025");
        JsonNode runRecord =
                JSON.readTree(RunFixture.lastRun(wh).resolve("manifest.json").toFile());
        assertThat(runRecord.path("record_level_release").path("withheld").asText())
                .as("the run's restricted record says why")
                .contains("fewer victims records than the protection width");
        assertThat(o.out()).contains("the record-level extract is withheld from this release");

        OutsiderAudit.Result audit = new OutsiderAudit(SCHEMAS, 5).run(wh.resolve("published"), RunFixture.RELEASE);
        assertThat(audit.recordLevelReleases()).isZero();
        assertThat(audit.passed()).as(audit.summary()).isTrue();
    }
}
