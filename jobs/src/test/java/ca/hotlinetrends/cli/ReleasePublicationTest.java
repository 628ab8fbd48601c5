package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.publish.ParquetProvenance;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.warehouse.RunManifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} pipeline publishes a release atomically (all stages or nothing, ledger included) and
 * deterministically (the same export, configuration and seed give the same bytes).
 */
@ca.hotlinetrends.testing.IntegrationTest
class ReleasePublicationTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final Quarter RELEASE = new Quarter(2026, 3);

    @TempDir
    static Path dir;

    static Path export;
    static int exitA;
    static int exitB;

    @BeforeAll
    static void publishTwice() {
        export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS, new GenerateConfig(export, 99, 0.6, new Quarter(2019, 1), RELEASE, "csv", 0.0), "csv");
        exitA = HotlineTrends.execute(
                "run",
                "--input",
                export.toString(),
                "--release",
                RELEASE.toString(),
                "--warehouse",
                dir.resolve("wh-a").toString());
        // The second run partitions differently: the Spark settings change how, not what, is computed.
        Path otherSpark = dir.resolve("other-spark.yaml");
        try {
            Files.writeString(otherSpark, "spark:\n  shuffle_partitions: 3\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        exitB = HotlineTrends.execute(
                "run",
                "--input",
                export.toString(),
                "--release",
                RELEASE.toString(),
                "--warehouse",
                dir.resolve("wh-b").toString(),
                "--config",
                otherSpark.toString(),
                "--master",
                "local[1]");
    }

    /** SHA-256 of every file under {@code root}, by relative path; nothing is excluded. */
    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), RunManifest.sha256(p));
            }
        }
        return m;
    }

    private static List<String> namesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static HotlineTrends.Common common(Path warehouse, Path config) {
        HotlineTrends.Common c = new HotlineTrends.Common();
        c.warehouse = warehouse;
        c.config = config;
        return c;
    }

    @Test
    void sameExportConfigurationAndSeed_publishByteIdenticalReleasesWhateverThePartitioning() throws IOException {
        assertThat(exitA).isZero();
        assertThat(exitB).isZero();
        Map<String, String> a = hashes(dir.resolve("wh-a/published/2026Q3"));
        Map<String, String> b = hashes(dir.resolve("wh-b/published/2026Q3"));
        assertThat(a.keySet())
                .anyMatch(p -> p.startsWith("tables/cases_by_province/") && p.endsWith(".parquet"))
                .anyMatch(p -> p.startsWith("microdata/victims/") && p.endsWith(".parquet"))
                .contains(
                        "tables/cases_by_province.csv",
                        "microdata/anonymization.json",
                        "certificate.json",
                        "charts/rates-by-province-en.png",
                        "reports/newsletter-fr.html",
                        "reports/policy-brief-en.pdf",
                        StagedRelease.COMPLETE_MARKER);
        List<String> differing = new ArrayList<>();
        a.forEach((path, hash) -> {
            if (!hash.equals(b.get(path))) {
                differing.add(path);
            }
        });
        b.keySet().stream().filter(path -> !a.containsKey(path)).forEach(differing::add);
        assertThat(differing).as("files that differ between two runs").isEmpty();
        assertThat(b).isEqualTo(a);
        assertThat(RunManifest.sha256(dir.resolve("wh-b/ledger/releases/2026Q3.csv")))
                .isEqualTo(RunManifest.sha256(dir.resolve("wh-a/ledger/releases/2026Q3.csv")));
    }

    @Test
    void parquetFootersAndTheMarker_carryTheContentId() throws IOException {
        Path release = dir.resolve("wh-a/published/2026Q3");
        String marker = Files.readString(release.resolve(StagedRelease.COMPLETE_MARKER));
        assertThat(marker).startsWith("release=2026Q3\ncontent_id=content-");
        String contentId = marker.lines()
                .filter(l -> l.startsWith("content_id="))
                .findFirst()
                .orElseThrow()
                .substring("content_id=".length());
        Path part;
        try (Stream<Path> s = Files.list(release.resolve("tables/cases_by_province"))) {
            part = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        assertThat(ParquetProvenance.read(part)).containsEntry("hotline_trends.run_id", contentId);
        JsonNode cert =
                new ObjectMapper().readTree(release.resolve("certificate.json").toFile());
        assertThat(cert.path("overrides").isArray()).isTrue();
        assertThat(cert.path("overrides")).isEmpty();
        // The release, and the site's list of releases (English and French).
        assertThat(namesIn(dir.resolve("wh-a/published"))).containsExactly("2026Q3", "index-fr.html", "index.html");
    }

    @Test
    void aRunFailingAtTheReportStage_publishesNothingAndRecordsNoLedgerEntry() throws IOException {
        Path wh = dir.resolve("wh-fail");
        Path config = dir.resolve("weaker.yaml");
        Files.writeString(config, "privacy:\n  k: 4\n  allow_weaker_protection: true\n");
        List<String> overridesSeen = new ArrayList<>();
        assertThatThrownBy(() ->
                        RunCommand.pipeline(common(wh, config), export, RELEASE, null, 20260930L, (stage, staging) -> {
                            if (stage.equals("report")) {
                                try {
                                    JsonNode cert = new ObjectMapper()
                                            .readTree(staging.resolve("certificate.json")
                                                    .toFile());
                                    cert.path("overrides").forEach(o -> overridesSeen.add(o.asText()));
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                                throw new IllegalStateException("injected failure at the report stage");
                            }
                        }))
                .hasMessage("injected failure at the report stage");
        assertThat(overridesSeen).singleElement().asString().startsWith("privacy.k = 4");
        assertThat(wh.resolve("published/2026Q3")).doesNotExist();
        assertThat(namesIn(wh.resolve("published"))).isEmpty();
        assertThat(namesIn(wh.resolve("ledger/releases"))).isEmpty();
    }

    @Test
    void aFailedRepublication_leavesThePreviousReleaseAndItsLedgerEntryIntact() throws IOException {
        Path wh = dir.resolve("wh-b");
        Map<String, String> before = hashes(wh.resolve("published/2026Q3"));
        String ledgerBefore = RunManifest.sha256(wh.resolve("ledger/releases/2026Q3.csv"));
        assertThatThrownBy(() ->
                        RunCommand.pipeline(common(wh, null), export, RELEASE, null, 20260930L, (stage, staging) -> {
                            if (stage.equals("report")) {
                                throw new IllegalStateException("injected failure at the report stage");
                            }
                        }))
                .hasMessage("injected failure at the report stage");
        assertThat(hashes(wh.resolve("published/2026Q3"))).isEqualTo(before);
        assertThat(RunManifest.sha256(wh.resolve("ledger/releases/2026Q3.csv"))).isEqualTo(ledgerBefore);
        assertThat(namesIn(wh.resolve("published"))).containsExactly("2026Q3", "index-fr.html", "index.html");
        assertThat(namesIn(wh.resolve("ledger/releases"))).containsExactly("2026Q3.csv");
    }
}
