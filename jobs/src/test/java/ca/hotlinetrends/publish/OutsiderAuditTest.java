package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.cli.HotlineTrends;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.tables.LinkedTable;
import ca.hotlinetrends.tables.TableBuilder;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outsider audit on tiny hand-made published releases of {@code cases_by_province}. */
class OutsiderAuditTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final TableSchema CASES = SCHEMAS.table("cases_by_province");
    private static final Quarter Q1 = new Quarter(2019, 1);
    private static final Quarter Q2 = new Quarter(2019, 2);
    /** 2019Q1: ON 3 (a small count), QC 10, BC 20, Canada 33. */
    private static final Map<List<String>, Long> COUNTS =
            Map.of(List.of("2019Q1", "ON"), 3L, List.of("2019Q1", "QC"), 10L, List.of("2019Q1", "BC"), 20L);

    @TempDir
    Path warehouse;
    /** The true values of each release written, as staff hold them in restricted/ledger-values. */
    private final Map<Quarter, Map<String, Long>> truth = new java.util.HashMap<>();

    /**
     * Writes {@code cases_by_province.csv} of a release as TrendsJob would: every cell of the table, the
     * province cells named in {@code primary} and {@code secondary} (in every period) suppressed.
     */
    private void publish(
            Quarter release, Map<List<String>, Long> quarterly, List<String> primary, List<String> secondary)
            throws Exception {
        LinkedTable built = new TableBuilder(SCHEMAS).build(CASES, release, quarterly);
        Map<String, Long> trueValues = new java.util.HashMap<>();
        built.table().cells().forEach(c -> trueValues.put(built.table().cellId(c), c.count()));
        truth.put(release, trueValues);
        List<CountTable.Cell> cells = new ArrayList<>();
        for (CountTable.Cell c : built.table().cells()) {
            String province = c.key().get(1);
            cells.add(c.withStatus(
                    primary.contains(province)
                            ? CountTable.Status.SUPPRESSED_PRIMARY
                            : secondary.contains(province)
                                    ? CountTable.Status.SUPPRESSED_SECONDARY
                                    : CountTable.Status.PUBLISHED));
        }
        Path dir = warehouse.resolve("published").resolve(release.toString()).resolve("tables");
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("cases_by_province.csv"), StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(
                        w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(CASES.columns().stream().map(TableSchema.Column::name).toList());
            for (Object[] row : TableWriter.rows(CASES, built.table().withCells(cells))) {
                List<Object> values = new ArrayList<>();
                for (Object v : row) {
                    values.add(v == null ? "x" : v);
                }
                p.printRecord(values);
            }
            w.write("# " + TableWriter.FOOTNOTE + "\n");
        }
    }

    private OutsiderAudit.Result audit(Quarter release) {
        return new OutsiderAudit(SCHEMAS, 5)
                .run(warehouse.resolve("published"), release, q -> java.util.Optional.ofNullable(truth.get(q)));
    }

    @Test
    void withoutTheTrueValues_everySuppressedCellIsHeldToTheWidth() throws Exception {
        publish(Q1, COUNTS, List.of("ON"), List.of("QC"));
        OutsiderAudit.Result r = new OutsiderAudit(SCHEMAS, 5).run(warehouse.resolve("published"), Q1);
        assertThat(r.trueValuesRead()).isFalse();
        assertThat(r.releases().get(0).primary()).isEqualTo(4); // ON and QC, 2019Q1 and its year to date
        assertThat(r.passed()).isTrue(); // both keep [0, 13]
        assertThat(new OutsiderAudit(SCHEMAS, 14)
                        .run(warehouse.resolve("published"), Q1)
                        .passed())
                .isFalse();
    }

    @Test
    void theTablesSayOnlySuppressed_neverWhy() throws Exception {
        publish(Q1, COUNTS, List.of("ON"), List.of("QC"));
        String csv = Files.readString(warehouse.resolve("published/2019Q1/tables/cases_by_province.csv"));
        assertThat(csv).contains(",x,suppressed\n").doesNotContain("primary").doesNotContain("secondary");
    }

    @Test
    void smallCellRecoverableFromItsTotal_isFound() throws Exception {
        publish(Q1, COUNTS, List.of("ON"), List.of());
        OutsiderAudit.Result r = audit(Q1);
        assertThat(r.passed()).isFalse();
        OutsiderAudit.ReleaseReport q1 = r.releases().get(0);
        assertThat(q1.primary()).isEqualTo(2); // 2019Q1 and the year to date 2019Q1-Q1
        assertThat(q1.primaryBelowWidth()).isEqualTo(2);
        assertThat(q1.primaryNarrowest()).isZero();
        assertThat(q1.failedPrimaryCells()).contains("cases_by_province|2019Q1|ON");
        assertThat(HotlineTrends.execute("audit", "--release", "2019Q1", "--warehouse", warehouse.toString()))
                .isEqualTo(HotlineTrends.PRIVACY_REFUSED);
    }

    @Test
    void smallCellWithAComplement_passes() throws Exception {
        publish(Q1, COUNTS, List.of("ON"), List.of("QC"));
        OutsiderAudit.Result r = audit(Q1);
        assertThat(r.passed()).isTrue();
        OutsiderAudit.ReleaseReport q1 = r.releases().get(0);
        assertThat(q1.primary()).isEqualTo(2);
        assertThat(q1.secondary()).isEqualTo(2);
        assertThat(q1.primaryNarrowest()).isEqualTo(13); // ON + QC = 13: ON in [0, 13]
        assertThat(q1.secondaryNarrowest()).isEqualTo(13); // QC in [0, 13]
        assertThat(r.unknownCells()).isEqualTo(4);
        assertThat(HotlineTrends.execute("audit", "--release", "2019Q1", "--warehouse", warehouse.toString()))
                .isEqualTo(HotlineTrends.OK);
        assertThat(HotlineTrends.execute(
                        "audit",
                        "--release",
                        "2019Q1",
                        "--protection-width",
                        "14",
                        "--warehouse",
                        warehouse.toString()))
                .isEqualTo(HotlineTrends.PRIVACY_REFUSED);

        // Without the option, the width is the one the release's certificate states (an outsider's only rule).
        Path release = warehouse.resolve("published").resolve(Q1.toString());
        ca.hotlinetrends.release.CertificateBuilder.open(release)
                .release(Q1.toString())
                .tableProtection(new ca.hotlinetrends.release.CertificateBuilder.TableProtection(5, 14, 1, 8, 3, 4))
                .write(release);
        assertThat(HotlineTrends.execute("audit", "--release", "2019Q1", "--warehouse", warehouse.toString()))
                .isEqualTo(HotlineTrends.PRIVACY_REFUSED);
        assertThat(HotlineTrends.execute(
                        "audit",
                        "--release",
                        "2019Q1",
                        "--protection-width",
                        "13",
                        "--warehouse",
                        warehouse.toString()))
                .isEqualTo(HotlineTrends.OK);
    }

    @Test
    void complementPublishedByALaterRelease_isADifferencingLeak() throws Exception {
        publish(Q1, COUNTS, List.of("ON"), List.of("QC"));
        publish(Q2, COUNTS, List.of("ON"), List.of()); // QC 2019Q1 now published: ON = CA - QC - BC
        assertThat(audit(Q1).passed()).isTrue(); // an outsider of 2019Q1 does not read 2019Q2
        OutsiderAudit.Result r = audit(Q2);
        assertThat(r.passed()).isFalse();
        assertThat(r.releasesRead()).containsExactly(Q1, Q2);
        assertThat(r.releases().get(0).failedPrimaryCells()).contains("cases_by_province|2019Q1|ON");
        assertThat(r.revisions()).isEmpty();
    }

    @Test
    void cellPublishedWithAnotherValueLater_isARevisionAndFails() throws Exception {
        publish(Q1, COUNTS, List.of("ON"), List.of("QC"));
        Map<List<String>, Long> revised = new java.util.HashMap<>(COUNTS);
        revised.put(List.of("2019Q1", "BC"), 21L); // a late record
        publish(Q2, revised, List.of("ON"), List.of("QC"));
        OutsiderAudit.Result r = audit(Q2);
        assertThat(r.passed()).isFalse();
        assertThat(r.revisions())
                .extracting(OutsiderAudit.Revision::cellId)
                .contains("cases_by_province|2019Q1|BC", "cases_by_province|2019Q1|CA");
        assertThat(r.revisions().get(0).releases()).containsExactly(Q1, Q2);
    }

    @Test
    void unpublishedRelease_isRejected() {
        assertThat(HotlineTrends.execute("audit", "--release", "2019Q1", "--warehouse", warehouse.toString()))
                .isEqualTo(HotlineTrends.BAD_USAGE);
    }
}
