package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.ingest.IngestJob;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.testing.IntegerAttacker;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release format against an attacker the audit did not write ({@link IntegerAttacker}: integer programs
 * solved by ojalgo over relations it derives itself from the public table definitions). A release of the demo's
 * size is published once; the attacker must find no small count narrower than the protection width in it, and
 * the same release rewritten in the earlier labelled format (each suppressed cell saying whether it is a small
 * count) must give small counts away exactly, which the audit must now see too.
 */
@ca.hotlinetrends.testing.IntegrationTest
class IntegerAttackerTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final Quarter RELEASE = new Quarter(2026, 3);
    private static final HotlineConfig CONFIG = HotlineConfig.defaults();

    @TempDir
    static Path dir;

    static Warehouse warehouse;

    @BeforeAll
    static void publishOnce() {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(
                        export, GenerateConfig.DEFAULT_SEED, 1.0, GenerateConfig.DEFAULT_FROM, RELEASE, "csv", 0.0),
                "csv");
        SparkSession spark = SharedSpark.session();
        warehouse = new Warehouse(dir.resolve("wh"));
        IngestJob ingest = new IngestJob(spark, SCHEMAS, CONFIG, warehouse);
        for (String dataset : List.of("contacts", "victims")) {
            ingest.run(export.resolve(dataset + ".csv").toString(), dataset, LocalDate.of(2026, 9, 30), "t-" + dataset);
        }
        ca.hotlinetrends.testing.StagedTrends.publish(
                new TrendsJob(spark, SCHEMAS, CONFIG, warehouse), warehouse, RELEASE, "integer-attacker");
    }

    /** Why each cell of a release was suppressed, from the restricted ledger values (staff knowledge). */
    static Map<String, String> reasons(Warehouse warehouse, Quarter release) throws IOException {
        Map<String, String> reasons = new HashMap<>();
        List<String> lines = Files.readAllLines(
                warehouse.restricted().resolve("ledger-values").resolve(release + ".csv"));
        assertThat(lines.get(0)).isEqualTo("cell_id,value,reason");
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",", -1);
            reasons.put(p[0], p[2]);
        }
        return reasons;
    }

    @Test
    void releaseAsPublishedNow_keepsEverySmallCountAtLeastTheWidthForAnIntegerAttacker() throws IOException {
        Map<String, String> reasons = reasons(warehouse, RELEASE);
        IntegerAttacker.Report r = new IntegerAttacker(SCHEMAS, CONFIG.privacy().minCellCount())
                .attack(warehouse.published(), List.of(RELEASE), false);
        System.out.printf(
                "integer attacker, release as published: %d unknowns, %d relations, %d integer programs "
                        + "in %.1f s%n",
                r.unknowns(), r.relations(), r.integerPrograms(), r.seconds());
        List<IntegerAttacker.Finding> small = r.findings().stream()
                .filter(f -> "suppressed-primary".equals(reasons.get(f.cell())))
                .toList();
        assertThat(small).hasSizeGreaterThan(100);
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.label()).isEqualTo("suppressed"));
        long narrowest =
                small.stream().mapToLong(IntegerAttacker.Finding::width).min().orElseThrow();
        System.out.printf(
                "integer attacker: narrowest small count %d (certificate: %s)%n",
                narrowest,
                certificate().path("audit").path("narrowest_feasible_range").asText());
        // Every suppressed cell, small count or not, keeps the width (no suppressed cell is given away either).
        assertThat(r.findings())
                .allSatisfy(f -> assertThat(f.width())
                        .as(f.cell())
                        .isGreaterThanOrEqualTo(CONFIG.privacy().protectionWidth()));
        // The certificate states an integer width no integer attacker beats.
        assertThat((double) narrowest)
                .isGreaterThanOrEqualTo(certificate()
                        .path("audit")
                        .path("narrowest_feasible_range")
                        .asDouble());
    }

    @Test
    void sameReleaseInTheLabelledFormat_givesSmallCountsAwayAndTheAuditSeesIt() throws IOException {
        Map<String, String> reasons = reasons(warehouse, RELEASE);
        Path labelled = dir.resolve("labelled-" + System.nanoTime());
        relabel(warehouse.release(RELEASE), labelled.resolve(RELEASE.toString()), reasons);

        IntegerAttacker.Report r =
                new IntegerAttacker(SCHEMAS, CONFIG.privacy().minCellCount()).attack(labelled, List.of(RELEASE), true);
        List<IntegerAttacker.Finding> small = r.findings().stream()
                .filter(f -> f.label().equals("suppressed-primary"))
                .toList();
        long exact = small.stream().filter(f -> f.width() == 0).count();
        long belowWidth = small.stream()
                .filter(f -> f.width() < CONFIG.privacy().protectionWidth())
                .count();
        long secondaryExact = r.findings().stream()
                .filter(f -> f.label().equals("suppressed-secondary"))
                .filter(f -> f.width() == 0)
                .count();
        System.out.printf(
                "integer attacker, labelled format: %d of %d small counts exactly disclosed, %d below width; "
                        + "%d other suppressed cells exactly; %d integer programs in %.1f s%n",
                exact, small.size(), belowWidth, secondaryExact, r.integerPrograms(), r.seconds());
        assertThat(exact).as("small counts disclosed exactly").isPositive();
        assertThat(belowWidth).isEqualTo(small.size()); // a label alone leaves at most 1..4

        // The audit reads the labels as knowledge: it fails, and names the cells.
        OutsiderAudit.Result audit = new OutsiderAudit(SCHEMAS, CONFIG.privacy().protectionWidth())
                .run(labelled, RELEASE, q -> new Ledger(warehouse).vintage(q));
        assertThat(audit.labelledCells()).isEqualTo(r.findings().size());
        assertThat(audit.unmodelledLabels()).isZero();
        assertThat(audit.passed()).isFalse();
        assertThat(audit.primaryBelowWidth()).isEqualTo(small.size());
        // Without the true values the 'not small' labels cannot be modelled: the audit fails closed.
        OutsiderAudit.Result outsider =
                new OutsiderAudit(SCHEMAS, CONFIG.privacy().protectionWidth()).run(labelled, RELEASE);
        assertThat(outsider.unmodelledLabels()).isPositive();
        assertThat(outsider.passed()).isFalse();
    }

    @Test
    void theAuditOfTheReleaseAsPublished_passesWithStaffKnowledge() {
        OutsiderAudit.Result audit = new OutsiderAudit(SCHEMAS, CONFIG.privacy().protectionWidth())
                .run(warehouse.published(), RELEASE, q -> new Ledger(warehouse).vintage(q));
        System.out.print(audit.summary());
        assertThat(audit.trueValuesRead()).isTrue();
        assertThat(audit.labelledCells()).isZero();
        assertThat(audit.passed()).isTrue();
    }

    @Test
    void aLaterReleaseOnAWarehouseThatPublishedLabels_isRefusedUnlessWeakerProtectionIsAccepted() throws IOException {
        Path copy = dir.resolve("legacy-" + System.nanoTime());
        org.apache.commons.io.FileUtils.copyDirectory(warehouse.root().toFile(), copy.toFile());
        Warehouse legacy = new Warehouse(copy);
        Map<String, String> reasons = reasons(legacy, RELEASE);
        // The ledger and the published files as the earlier format wrote them.
        Path entry = legacy.ledger().resolve("releases").resolve(RELEASE + ".csv");
        List<String> lines = Files.readAllLines(entry);
        List<String> old = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",", -1);
            old.add(p[0] + "," + (p[1].equals("published") ? "published" : reasons.get(p[0])) + "," + p[2]);
        }
        Files.write(entry, old);
        SparkSession spark = SharedSpark.session();
        assertThatThrownBy(() -> ca.hotlinetrends.testing.StagedTrends.publish(
                        new TrendsJob(spark, SCHEMAS, CONFIG, legacy), legacy, new Quarter(2026, 4), "after-labels"))
                .isInstanceOf(PrivacyCheckException.class)
                .hasMessageContaining("suppression labels")
                .hasMessageContaining("allow_weaker_protection");
    }

    private static com.fasterxml.jackson.databind.JsonNode certificate() throws IOException {
        return RunManifest.json()
                .readTree(warehouse
                        .release(RELEASE)
                        .resolve(ReleaseCertificate.FILE)
                        .toFile());
    }

    /** Copies a release's count tables with each suppressed row's status replaced by its reason. */
    private static void relabel(Path release, Path into, Map<String, String> reasons) throws IOException {
        Files.createDirectories(into.resolve("tables"));
        Files.copy(release.resolve(ReleaseCertificate.FILE), into.resolve(ReleaseCertificate.FILE));
        CSVFormat in = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setCommentMarker('#')
                .get();
        for (TableSchema t : SCHEMAS.tables()) {
            Path csv = release.resolve("tables").resolve(t.table() + ".csv");
            if (!t.isCountTable()) {
                Files.copy(csv, into.resolve("tables").resolve(t.table() + ".csv"));
                continue;
            }
            try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    CSVParser p = CSVParser.builder().setReader(r).setFormat(in).get();
                    Writer w = Files.newBufferedWriter(into.resolve("tables").resolve(t.table() + ".csv"));
                    CSVPrinter out = new CSVPrinter(
                            w,
                            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
                out.printRecord(p.getHeaderNames());
                for (CSVRecord rec : p.getRecords()) {
                    List<String> row = new ArrayList<>(rec.toList());
                    if (rec.get("status").equals("suppressed")) {
                        List<String> key = new ArrayList<>();
                        key.add(rec.get("period"));
                        t.categoryDimensions().forEach(d -> key.add(rec.get(d.name())));
                        String reason = reasons.get(t.table() + "|" + String.join("|", key));
                        assertThat(reason).startsWith("suppressed-");
                        row.set(row.size() - 1, reason);
                    }
                    out.printRecord(row);
                }
            }
        }
    }
}
