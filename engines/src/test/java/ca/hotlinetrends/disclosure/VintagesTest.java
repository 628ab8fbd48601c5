package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Revisions as vintages: a row {@code a + b = t} published in release R1, then shown again in R2 after late
 * records changed {@code a} (and so {@code t}).
 */
class VintagesTest {

    private static final SuppressionConfig CONFIG =
            SuppressionConfig.builder().minCellCount(5).protectionWidth(5).build();

    private static Map<String, Long> row(long a, long b) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        m.put("t", a + b);
        return m;
    }

    private static List<LinearRelation> rowRelation() {
        return List.of(LinearRelation.sumOfParts("sum:t", "t", List.of("a", "b")));
    }

    private static Vintages twoReleases(Map<String, Long> r1, Map<String, Long> r2) {
        List<Set<String>> revised = Vintages.revisedByValue(List.of(r1, r2));
        return Vintages.of(List.of(
                new Vintages.Release("R1", r1, rowRelation(), revised.get(0)),
                new Vintages.Release("R2", r2, rowRelation(), revised.get(1))));
    }

    /** The system of R2 with R1 all published. */
    private static CellSystem system(Vintages v) {
        CellSystem.Builder b = CellSystem.builder();
        v.addTo(b);
        b.ledger(new ReleaseLedger(Set.of("a", "b", "t"), Set.of()));
        return b.build();
    }

    @Test
    void changedCells_becomeNewVintages_withTheirOwnRelationAndARevisionCell() {
        Vintages v = twoReleases(row(10, 20), row(12, 20));
        assertThat(v.idOf(0, "a")).isEqualTo("a");
        assertThat(v.idOf(1, "a")).isEqualTo("a@R2");
        assertThat(v.idOf(1, "b")).isEqualTo("b");
        assertThat(v.idOf(1, "t")).isEqualTo("t@R2");
        assertThat(v.revisions()).extracting(Vintages.Revision::newerId).containsExactly("a@R2", "t@R2");
        assertThat(v.relations()).extracting(LinearRelation::name).containsExactly("sum:t", "sum:t@R2");
        CellSystem system = system(v);
        assertThat(system.cell("a@R2~revision").value()).isEqualTo(2);
        assertThat(system.cell("a@R2~revision").ledgerStatus()).isEqualTo(LedgerStatus.SUPPRESSED_EARLIER);
        assertThat(system.cell("a").ledgerStatus()).isEqualTo(LedgerStatus.PUBLISHED_EARLIER);
        assertThat(system.cell("a@R2").ledgerStatus()).isEqualTo(LedgerStatus.NEW);
    }

    @Test
    void aSmallRevision_isNotPublishedBesideTheOldValue() {
        // Two late records: publishing a@R2 = 12 and t@R2 = 32 next to the published 10 and 30 would show them.
        SuppressionResult r = new CellSuppressor(CONFIG).suppress(system(twoReleases(row(10, 20), row(12, 20))));
        assertThat(r.publishable()).isTrue();
        assertThat(r.status("a@R2").suppressed()).isTrue();
        assertThat(r.status("t@R2").suppressed()).isTrue();
        assertThat(r.status("a@R2~revision")).isEqualTo(SuppressionStatus.SUPPRESSED_PRIMARY);
        CellAudit size = r.audit().cells().stream()
                .filter(c -> c.cellId().equals("a@R2~revision"))
                .findFirst()
                .orElseThrow();
        assertThat(size.width()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void withComplementarySuppressionOff_theAuditFindsTheRevisionLeak() {
        SuppressionConfig off = SuppressionConfig.builder()
                .minCellCount(5)
                .protectionWidth(5)
                .complementarySuppression(false)
                .build();
        SuppressionResult r = new CellSuppressor(off).suppress(system(twoReleases(row(10, 20), row(12, 20))));
        // Only the revision cell itself is withheld: a@R2 - a is then published.
        assertThat(r.publishable()).isFalse();
        assertThat(r.unprotectedCellIds()).contains("a@R2~revision");
    }

    @Test
    void aLargeRevision_isPublished() {
        SuppressionResult r = new CellSuppressor(CONFIG).suppress(system(twoReleases(row(10, 20), row(19, 20))));
        assertThat(r.publishable()).isTrue();
        assertThat(r.status("a@R2")).isEqualTo(SuppressionStatus.PUBLISHED);
        assertThat(r.status("t@R2")).isEqualTo(SuppressionStatus.PUBLISHED);
        assertThat(r.status("a@R2~revision")).isEqualTo(SuppressionStatus.SUPPRESSED_SECONDARY);
    }

    @Test
    void aDownwardRevision_keepsItsSizeNonNegative() {
        Vintages v = twoReleases(row(10, 20), row(7, 20));
        CellSystem system = system(v);
        assertThat(system.cell("a@R2~revision").value()).isEqualTo(3);
        SuppressionResult r = new CellSuppressor(CONFIG).suppress(system);
        assertThat(r.publishable()).isTrue();
        assertThat(r.status("a@R2").suppressed()).isTrue();
    }

    @Test
    void anUnchangedRelation_isKeptOnce_andAVintageLastsUntilTheNextRevision() {
        Map<String, Long> r1 = row(10, 20);
        Map<String, Long> r2 = row(12, 20);
        Map<String, Long> r3 = row(12, 20);
        Map<String, Long> r4 = row(12, 25);
        List<Map<String, Long>> all = List.of(r1, r2, r3, r4);
        List<Set<String>> revised = Vintages.revisedByValue(all);
        List<Vintages.Release> releases = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            releases.add(new Vintages.Release("R" + (i + 1), all.get(i), rowRelation(), revised.get(i)));
        }
        Vintages v = Vintages.of(releases);
        assertThat(revised.get(2)).isEmpty();
        assertThat(v.idOf(2, "a")).isEqualTo("a@R2");
        assertThat(v.idOf(3, "a")).isEqualTo("a@R2");
        assertThat(v.idOf(3, "b")).isEqualTo("b@R4");
        assertThat(v.idOf(3, "t")).isEqualTo("t@R4");
        assertThat(v.relations()).extracting(LinearRelation::name).containsExactly("sum:t", "sum:t@R2", "sum:t@R4");
        assertThat(v.revisions()).extracting(Vintages.Revision::olderId).containsExactly("a", "t", "b", "t@R2");
    }

    @Test
    void twoValuesInOneVintage_areRefused() {
        Map<String, Long> r1 = row(10, 20);
        Map<String, Long> r2 = row(12, 20);
        assertThatThrownBy(() -> Vintages.of(List.of(
                        new Vintages.Release("R1", r1, rowRelation(), Set.of()),
                        new Vintages.Release("R2", r2, rowRelation(), Set.of()))))
                .isInstanceOf(InconsistentCellSystemException.class)
                .hasMessageContaining("must revise it");
    }
}
