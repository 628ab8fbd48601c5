package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.ProjectRoot;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.RunReportFigures;
import ca.hotlinetrends.warehouse.FaultPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults during {@code run} that are not kills: a full disk at each writing stage, a corrupted staged Parquet
 * file, a population table missing a year and an unreadable hierarchy file. Each gives a clear message, a
 * non-zero exit and no partial release; the release published before, the ledger and the warehouse stay as
 * they were (no staging folder, no pending ledger entry).
 */
@ca.hotlinetrends.testing.IntegrationTest
class RunFaultsTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final Quarter EARLIER = RunFixture.EARLIER;
    private static final Quarter RELEASE = RunFixture.RELEASE;

    @TempDir
    static Path dir;

    static RunFixture fx;
    static Path export;

    /** A warehouse with release 2026Q2 published: every fault below starts from a copy of it. */
    @BeforeAll
    static void publishEarlierRelease() {
        fx = RunFixture.create(dir);
        export = fx.export;
    }

    private static RunFixture.Outcome run(Path input, Quarter release, Path warehouse, String... more) {
        return RunFixture.run(input, release, warehouse, more);
    }

    private static Path copyOfBase(String name) throws IOException {
        return fx.copyOfBase(name);
    }

    private static Map<String, String> publicState(Path warehouse) throws IOException {
        return RunFixture.publicState(warehouse);
    }

    static void assertNothingPublished(Path wh, Map<String, String> before) throws IOException {
        assertThat(wh.resolve("published").resolve(RELEASE.toString())).doesNotExist();
        assertThat(publicState(wh)).isEqualTo(before);
        try (Stream<Path> s = Files.list(wh.resolve("published"))) {
            // The earlier release and the list of releases, as they were (publicState covers their bytes).
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(EARLIER.toString(), "index.html", "index-fr.html");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tables-write", "microdata-write", "publish-rename", "ledger-commit"})
    void aFullDisk_atEachWritingStage_publishesNothing(String point) throws IOException {
        Path wh = copyOfBase("full-" + point);
        Map<String, String> before = publicState(wh);
        System.setProperty(FaultPoints.FAIL, point);
        RunFixture.Outcome o;
        try {
            o = run(export, RELEASE, wh);
        } finally {
            System.clearProperty(FaultPoints.FAIL);
        }
        assertThat(o.exit()).isEqualTo(HotlineTrends.INTERNAL_ERROR);
        assertThat(o.err()).contains("No space left on device").contains("hotline-trends: cannot");
        assertNothingPublished(wh, before);
        // The run manifest records the stage that failed and the ones done before it.
        com.fasterxml.jackson.databind.JsonNode manifest =
                runManifests(wh).get(runManifests(wh).size() - 1);
        assertThat(manifest.path("status").asText()).isEqualTo("failed");
        String stage = switch (point) {
            case "tables-write" -> "tables";
            case "microdata-write" -> "microdata";
            default -> "publish";
        };
        assertThat(manifest.path("failed_stage").asText()).isEqualTo(stage);
        assertThat(manifest.path("stages").path("ingest").path("status").asText())
                .isEqualTo("done");
        // So does the run report, with the message the command printed; the run printed where it is.
        Path report = RunFixture.lastRun(wh).resolve("report.html");
        Map<String, String> f = RunReportFigures.of(report);
        assertThat(f)
                .containsEntry("status", "failed")
                .containsEntry("failed-stage", stage)
                .containsEntry("stage-status-" + stage, "failed")
                .containsEntry("stage-status-ingest", "done")
                .containsEntry("exit-code", "1")
                .containsEntry("failure-error", "java.io.UncheckedIOException");
        assertThat(f.get("failure-message"))
                .contains("No space left on device")
                .isEqualTo(manifest.path("error_message").asText());
        assertThat(o.err()).contains(f.get("failure-message"));
        assertThat(o.out()).contains("[run] run report: " + report);
    }

    /**
     * A run refused because too many records were quarantined leaves a report too: the stage (ingest), the message,
     * and the quarantined records by quarter and reason as the ingest manifests count them, charted; no reference of
     * any record in it.
     */
    @Test
    void aQuarantineThresholdRefusal_leavesARunReport() throws IOException {
        Path wh = copyOfBase("threshold");
        Map<String, String> before = publicState(wh);
        Path dirty = dir.resolve("export-dirty");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(dirty, 8, 0.2, RELEASE, RELEASE, "csv", 0.3), "csv");
        RunFixture.Outcome o = run(dirty, RELEASE, wh);
        assertThat(o.exit()).isEqualTo(HotlineTrends.BAD_INPUT);
        assertNothingPublished(wh, before);

        Path runDir = RunFixture.lastRun(wh);
        com.fasterxml.jackson.databind.JsonNode run = ca.hotlinetrends.warehouse.RunManifest.json()
                .readTree(runDir.resolve("manifest.json").toFile());
        Path report = runDir.resolve("report.html");
        assertThat(o.out()).contains("[run] run report: " + report);
        String html = Files.readString(report);
        Map<String, String> f = RunReportFigures.of(html);
        assertThat(f)
                .containsEntry("status", "refused: quarantine threshold exceeded")
                .containsEntry("failed-stage", "ingest")
                .containsEntry("exit-code", "3");
        assertThat(f.get("failure-message"))
                .startsWith("quarantine threshold exceeded: ")
                .contains("(ingest.quarantine_threshold)");
        int cells = 0;
        for (String dataset : List.of("contacts", "victims")) {
            com.fasterxml.jackson.databind.JsonNode in = ca.hotlinetrends.warehouse.RunManifest.json()
                    .readTree(Path.of(run.path("ingest_manifest_" + dataset).asText())
                            .toFile());
            assertThat(RunReportFigures.count(f.get("quarantined-" + dataset)))
                    .isEqualTo(in.path("rows_quarantined").asLong())
                    .isPositive();
            var quarters = in.path("quarantined_by_quarter").fields();
            while (quarters.hasNext()) {
                var q = quarters.next();
                for (var reasons = q.getValue().fields(); reasons.hasNext(); cells++) {
                    var reason = reasons.next();
                    assertThat(RunReportFigures.count(
                                    f.get("quarantined-" + dataset + "-" + q.getKey() + "-" + reason.getKey())))
                            .as("%s %s %s", dataset, q.getKey(), reason.getKey())
                            .isEqualTo(reason.getValue().asLong());
                }
            }
            assertThat(html).contains("id=\"chart-" + dataset + "\"><svg");
        }
        assertThat(cells).isGreaterThan(8);
        List<String> labels = Files.readAllLines(dirty.resolve("dirty-labels.csv"));
        List<String> references = labels.subList(1, labels.size()).stream()
                .map(l -> l.split(",", -1)[2])
                .filter(r -> r.length() > 4)
                .toList();
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(html).as("a planted record's reference").doesNotContain(reference);
        }
    }

    /**
     * A report that cannot be written never hides how the run ended: the run's own failure propagates, the manifest
     * records it, and a warning (no report) is all the report's failure leaves.
     */
    @Test
    void aRunReportThatCannotBeWritten_leavesTheRunsFailureAsItWas() throws IOException {
        Path wh = copyOfBase("report-unwritable");
        Map<String, String> before = publicState(wh);
        Path q3 = dir.resolve("export-q3-only");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(q3, 9, 0.2, RELEASE, RELEASE, "csv", 0.0), "csv");
        HotlineTrends.Common common = new HotlineTrends.Common();
        common.warehouse = wh;
        common.master = "local[2]";
        Path[] report = new Path[1];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCommand.pipeline(
                        common, q3, RELEASE, java.time.LocalDate.of(2026, 9, 30), 20260930L, (stage, staging) -> {
                            String runId =
                                    staging.getFileName().toString().substring((".staging-" + RELEASE + "-").length());
                            report[0] =
                                    wh.resolve("restricted/runs").resolve(runId).resolve("report.html");
                            try {
                                // A non-empty folder where the report goes: the rename onto it fails.
                                Files.createDirectories(report[0].resolve("in-the-way"));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            throw new IllegalStateException("injected at " + stage);
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("injected at trends");
        assertThat(report[0]).isDirectory();
        com.fasterxml.jackson.databind.JsonNode manifest =
                runManifests(wh).get(runManifests(wh).size() - 1);
        assertThat(manifest.path("failed_stage").asText()).isEqualTo("trends");
        assertThat(manifest.path("error").asText()).isEqualTo("java.lang.IllegalStateException");
        // Not this project's exception: its message may quote anything, so only the class is kept.
        assertThat(manifest.path("error_message").asText())
                .doesNotContain("injected")
                .contains("java.lang.IllegalStateException");
        assertNothingPublished(wh, before);
    }

    /** The manifests of the {@code run} commands in a warehouse, oldest first (the base's 2026Q2 run included). */
    static List<com.fasterxml.jackson.databind.JsonNode> runManifests(Path wh) throws IOException {
        List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        try (Stream<Path> runs = Files.list(wh.resolve("restricted/runs"))) {
            for (Path m : runs.sorted()
                    .map(r -> r.resolve("manifest.json"))
                    .filter(Files::isRegularFile)
                    .toList()) {
                com.fasterxml.jackson.databind.JsonNode n =
                        ca.hotlinetrends.warehouse.RunManifest.json().readTree(m.toFile());
                if (n.path("command").asText().equals("run")) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Test
    void aCorruptedStagedParquetFile_stopsTheRunWithAClearMessage() throws IOException {
        Path wh = copyOfBase("corrupt");
        Map<String, String> before = publicState(wh);
        Path quarter = wh.resolve("restricted/staged/contacts/reference_quarter=2024Q1");
        Path file;
        try (Stream<Path> s = Files.list(quarter)) {
            file = s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // An export of the release quarter only: ingest re-stages 2026Q3 and leaves the damaged 2024Q1 in place.
        Path q3 = dir.resolve("export-q3");
        ExportGenerator.write(SCHEMAS, new GenerateConfig(q3, 6, 0.2, RELEASE, RELEASE, "csv", 0.0), "csv");
        RunFixture.Outcome o = run(q3, RELEASE, wh);
        assertThat(o.exit()).isEqualTo(HotlineTrends.INTERNAL_ERROR);
        assertThat(o.err()).contains("staged data").contains("cannot be read").contains("re-ingest");
        assertNothingPublished(wh, before);
    }

    @Test
    void recordsThatKeepTheYear_areWithheldByTheJointProtection_andLeakWithoutIt() throws Exception {
        String year = "privacy:\n  record_level_periods: cumulative\n  quasi_identifiers:\n    victims:\n"
                + "      reference_quarter: {min_level: 0, max_level: 2}\n";
        // The example research configuration (README, "Status and known gaps"): the year allowed in both datasets.
        Path weaker = ProjectRoot.find().resolve("examples").resolve("research-year.yaml");
        assertThat(Files.readString(weaker)).contains("allow_weaker_protection: true");
        Path plain = dir.resolve("year-plain.yaml");
        Files.writeString(plain, year);
        Path wh = copyOfBase("joint");
        Map<String, String> before = publicState(wh);

        // Lowering the schema's lowest level of the period is a weaker protection: refused before anything runs.
        RunFixture.Outcome refused = run(export, RELEASE, wh, "--config", plain.toString());
        assertThat(refused.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(refused.err())
                .contains("victims.reference_quarter.min_level 0 is below what cumulative extracts allow, 3");
        assertThat(publicState(wh)).isEqualTo(before);

        // Allowed: the records keep the year and publish the sensitive attributes (means of control, recruiter
        // relation) exactly by year, so they give back annual cells the tables suppress, which no suppression of
        // table cells can widen: the tables are published, the records are withheld (fail closed on the records).
        RunFixture.Outcome o = run(export, RELEASE, wh, "--config", weaker.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode runRecord =
                runManifests(wh).get(runManifests(wh).size() - 1);
        assertThat(runRecord.path("record_level_release").path("withheld").asText())
                .as("the run's restricted record names what the records would give back")
                .contains("|");
        Path published = wh.resolve("published/2026Q3");
        assertThat(published.resolve("tables/victims_by_means_of_control.csv")).exists();
        assertThat(published.resolve("microdata")).doesNotExist();
        com.fasterxml.jackson.databind.JsonNode cert = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(published.resolve("certificate.json").toFile());
        assertThat(cert.path("anonymization").path("withheld").asText()).contains("not published");
        assertThat(cert.path("anonymization").toString()).doesNotContain("victims_by");
        ca.hotlinetrends.publish.OutsiderAudit.Result joint =
                new ca.hotlinetrends.publish.OutsiderAudit(SCHEMAS, 5).run(wh.resolve("published"), RELEASE);
        assertThat(joint.recordLevelReleases())
                .as("the earlier release's records only")
                .isEqualTo(1);
        assertThat(joint.passed()).as(joint.summary()).isTrue();

        // The same run with the records hidden from the tables' protection (the extract is moved aside while the
        // tables are protected, and back before the release is published): the audit that reads them fails.
        Path off = copyOfBase("joint-off");
        Path aside = dir.resolve("anonymization-aside.json");
        HotlineTrends.Common common = new HotlineTrends.Common();
        common.warehouse = off;
        common.config = weaker;
        int exit = RunCommand.pipeline(
                common, export, RELEASE, java.time.LocalDate.of(2026, 9, 30), 20260930L, (stage, staging) -> {
                    try {
                        Path meta = staging.resolve("microdata/anonymization.json");
                        if (stage.equals("tables")) {
                            Files.move(meta, aside);
                        } else if (stage.equals("report")) {
                            Files.move(aside, meta);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(exit).isZero();
        assertThat(yearShare(off.resolve("published/2026Q3/microdata/victims")))
                .as("share of the published victims records that keep the year")
                .isGreaterThan(0.5);
        ca.hotlinetrends.publish.OutsiderAudit.Result leaky =
                new ca.hotlinetrends.publish.OutsiderAudit(SCHEMAS, 5).run(off.resolve("published"), RELEASE);
        assertThat(leaky.recordLevelReleases()).isEqualTo(2);
        assertThat(leaky.passed()).as(leaky.summary()).isFalse();
        assertThat(leaky.releases().get(leaky.releases().size() - 1).primaryBelowWidth()
                        + leaky.releases().get(leaky.releases().size() - 1).secondaryBelowWidth())
                .isPositive();
    }

    /** The share of a dataset's published records whose period is a year (or finer), read with DuckDB. */
    private static double yearShare(Path records) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT avg(CASE WHEN reference_quarter <> '*' THEN 1 ELSE 0 "
                        + "END) FROM read_parquet('" + records.resolve("*.parquet") + "')")) {
            r.next();
            return r.getDouble(1);
        }
    }

    @Test
    void aPopulationTableMissingAYear_isRefusedBeforeAnythingRuns() throws IOException {
        Path schemas = ProjectRoot.copySchemas(dir.resolve("schemas-population"));
        Path population = schemas.resolve("codes/population.json");
        String json = Files.readString(population);
        String edited = json.replaceFirst("\"2023\"\\s*:\\s*\\d+\\s*,", "");
        assertThat(edited).as("the test removes one year").isNotEqualTo(json);
        Files.writeString(population, edited);
        Path wh = copyOfBase("population");
        Map<String, String> before = publicState(wh);
        RunFixture.Outcome o = run(export, RELEASE, wh, "--schemas", schemas.toString());
        assertThat(o.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(o.err()).contains("population of").contains("lacks the year 2023");
        assertNothingPublished(wh, before);
    }

    @Test
    void anUnreadableHierarchyFile_isRefusedWithItsName() throws IOException {
        Path schemas = ProjectRoot.copySchemas(dir.resolve("schemas-hierarchy"));
        Path hierarchy;
        try (Stream<Path> s = Files.list(schemas.resolve("hierarchies"))) {
            hierarchy = s.sorted().findFirst().orElseThrow();
        }
        // A folder where the file should be: unreadable even for root.
        Files.delete(hierarchy);
        Files.createDirectory(hierarchy);
        Path wh = copyOfBase("hierarchy");
        Map<String, String> before = publicState(wh);
        RunFixture.Outcome o = run(export, RELEASE, wh, "--schemas", schemas.toString());
        assertThat(o.exit()).isEqualTo(HotlineTrends.INTERNAL_ERROR);
        assertThat(o.err())
                .contains("cannot read")
                .contains(hierarchy.getFileName().toString());
        assertNothingPublished(wh, before);
    }
}
