package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Joint protection of a record-level release and a table: a yearly table of two codes (A, B) and a total, and a
 * record-level release whose classes keep the code but not the period. Its class sizes (all years: A 22, B 11)
 * with the published 2025 count of B (8) bound B in 2024 to at most 3, its true value: a suppressed small count
 * given back. Protected with that knowledge, the suppression also hides 2025; protected without it, the pattern
 * fails the audit that knows the records.
 */
class MicrodataKnowledgeTest {

    private static final SuppressionConfig CONFIG =
            SuppressionConfig.builder().minCellCount(5).protectionWidth(5).build();
    private static final Map<String, Long> TRUTH = new LinkedHashMap<>();

    static {
        TRUTH.put("t|2024|A", 10L);
        TRUTH.put("t|2024|B", 3L);
        TRUTH.put("t|2024|TOTAL", 13L);
        TRUTH.put("t|2025|A", 12L);
        TRUTH.put("t|2025|B", 8L);
        TRUTH.put("t|2025|TOTAL", 20L);
    }

    private static Set<String> year(int y) {
        return Set.of(y + "Q1", y + "Q2", y + "Q3", y + "Q4");
    }

    private static MicrodataKnowledge knowledge(long a, long b) {
        MicrodataKnowledge k = new MicrodataKnowledge();
        List<MicrodataKnowledge.BaseCell> cells = new ArrayList<>();
        for (int y : List.of(2024, 2025)) {
            for (String code : List.of("A", "B")) {
                cells.add(new MicrodataKnowledge.BaseCell("t|" + y + "|" + code, year(y), List.of(code)));
            }
        }
        k.link(
                "2026Q1|victims|t",
                cells,
                List.of(
                        new MicrodataKnowledge.Group(null, List.of(Set.of("A")), a),
                        new MicrodataKnowledge.Group(null, List.of(Set.of("B")), b)),
                0,
                false);
        return k;
    }

    private static CellSystem system(MicrodataKnowledge k) {
        CellSystem.Builder b = CellSystem.builder();
        TRUTH.forEach(b::addCell);
        for (int y : List.of(2024, 2025)) {
            b.sumOfParts("t|" + y + "|TOTAL", "t|" + y + "|A", "t|" + y + "|B");
        }
        Set<String> published = new HashSet<>();
        Set<String> suppressed = new HashSet<>();
        if (k != null) {
            k.addTo(b, k.values(TRUTH), published, suppressed);
        }
        return b.ledger(new ReleaseLedger(published, suppressed)).build();
    }

    private static List<String> suppressedTableCells(SuppressionResult r) {
        List<String> out = new ArrayList<>();
        r.statuses().forEach((id, s) -> {
            if (s.suppressed() && !LabelKnowledge.isAuxiliary(id)) {
                out.add(id);
            }
        });
        return out;
    }

    @Test
    void theRecordsNarrowASmallCountThatTheTableAloneProtects_andTheJointProtectionHidesMore() {
        CellSystem tablesOnly = system(null);
        SuppressionResult alone = new CellSuppressor(CONFIG).suppress(tablesOnly);
        assertThat(alone.publishable()).isTrue();
        assertThat(suppressedTableCells(alone)).containsExactlyInAnyOrder("t|2024|A", "t|2024|B");

        // The same pattern, audited by an attacker who also reads the records: B in 2024 is at most 3.
        CellSystem joint = system(knowledge(22, 11));
        List<String> pattern = new ArrayList<>(suppressedTableCells(alone));
        joint.cells().stream()
                .map(Cell::id)
                .filter(id -> LabelKnowledge.isAuxiliary(id)
                        && joint.cell(id).ledgerStatus() == LedgerStatus.SUPPRESSED_EARLIER)
                .forEach(pattern::add);
        AuditResult leaky = AttackerAudit.of(CONFIG).audit(joint, pattern);
        assertThat(leaky.passed()).isFalse();
        assertThat(leaky.failedCellIds()).contains("t|2024|B");

        // Protected knowing the records: 2025 is hidden too, and every suppressed cell keeps the width.
        SuppressionResult protectedJointly = new CellSuppressor(CONFIG).suppress(joint);
        assertThat(protectedJointly.publishable()).isTrue();
        assertThat(suppressedTableCells(protectedJointly)).contains("t|2024|A", "t|2024|B", "t|2025|B");
        List<String> all = new ArrayList<>();
        protectedJointly.statuses().forEach((id, s) -> {
            if (s.suppressed()) {
                all.add(id);
            }
        });
        AuditResult audit = AttackerAudit.of(CONFIG).audit(joint, all);
        assertThat(audit.passed()).isTrue();
        assertThat(audit.cells().stream()
                        .filter(c -> c.cellId().equals("t|2024|B"))
                        .findFirst()
                        .orElseThrow()
                        .width())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void theRecordsFlowIsFoundAndChecked_andRecordsThatContradictTheTablesAreRefused() {
        MicrodataKnowledge k = knowledge(22, 11);
        Map<String, Long> values = k.values(TRUTH);
        assertThat(values).isNotEmpty().allSatisfy((id, v) -> assertThat(v).isNotNegative());
        assertThat(k.tablesLinked()).isOne();
        // One record more of B than the tables hold: no flow exists (a year-only table leaves a rest for later
        // quarters, so the contradiction must be on the total: fewer records than the years hold).
        MicrodataKnowledge fewer = knowledge(22, 10);
        assertThatThrownBy(() -> fewer.values(TRUTH)).isInstanceOf(InconsistentCellSystemException.class);
        // A class whose code is not in the table fits no cell.
        MicrodataKnowledge stray = new MicrodataKnowledge();
        assertThatThrownBy(() -> stray.link(
                        "x",
                        List.of(new MicrodataKnowledge.BaseCell("t|2024|A", year(2024), List.of("A"))),
                        List.of(new MicrodataKnowledge.Group(null, List.of(Set.of("C")), 2)),
                        0,
                        false))
                .isInstanceOf(InconsistentCellSystemException.class)
                .hasMessageContaining("fit no cell");
    }
    /** A closed-year extract of 2024: classes of the year 2024 by code, with some records held back (suppressed). */
    private static MicrodataKnowledge closedYear2024(long a, long b, long heldBack, Set<String> coverage) {
        MicrodataKnowledge k = new MicrodataKnowledge();
        List<MicrodataKnowledge.BaseCell> cells = new ArrayList<>();
        for (int y : List.of(2024, 2025)) {
            for (String code : List.of("A", "B")) {
                cells.add(new MicrodataKnowledge.BaseCell("t|" + y + "|" + code, year(y), List.of(code)));
            }
        }
        k.link(
                "2025Q4|victims|t",
                cells,
                List.of(
                        new MicrodataKnowledge.Group(year(2024), List.of(Set.of("A")), a),
                        new MicrodataKnowledge.Group(year(2024), List.of(Set.of("B")), b)),
                heldBack,
                false,
                coverage,
                coverage == null ? 0 : heldBack);
        return k;
    }

    @Test
    void aClosedYearExtract_saysNothingOfOtherYears_andRecordsHeldBackInItsYearKeepItsCountsWide() {
        // Every record of 2024 published (10 of A, 3 of B): read as covering only 2024, the 2025 cells are free and
        // the flow exists; read as covering every quarter (a cumulative extract), 2025's 20 records would have to
        // be suppressed ones, of which there are none.
        assertThat(closedYear2024(10, 3, 0, year(2024)).values(TRUTH)).isNotEmpty();
        assertThatThrownBy(() -> closedYear2024(10, 3, 0, null).values(TRUTH))
                .isInstanceOf(InconsistentCellSystemException.class);

        // 2024's A and B suppressed, its total published: with every record of 2024 in the extract, B is 3 exactly.
        List<String> pattern = List.of("t|2024|A", "t|2024|B");
        MicrodataKnowledge all = closedYear2024(10, 3, 0, year(2024));
        AuditResult exact = AttackerAudit.of(CONFIG).audit(system(all), withUnknowns(system(all), pattern));
        assertThat(exact.cell("t|2024|B").width()).isZero();

        // Five records of 2024 held back (4 of A, 1 of B; the extract says only how many): B lies in [2, 7].
        MicrodataKnowledge held = closedYear2024(6, 2, 5, year(2024));
        AuditResult wide = AttackerAudit.of(CONFIG).audit(system(held), withUnknowns(system(held), pattern));
        assertThat(wide.cell("t|2024|B").lower()).isEqualTo(2.0);
        assertThat(wide.cell("t|2024|B").upper()).isEqualTo(7.0);
        assertThat(wide.passed()).isTrue();
        // The extract's rule (at least 5 held back in each year it covers) is attacker knowledge: more suppressed
        // records than the rule allows for in 2024 would contradict it.
        assertThatThrownBy(() -> new MicrodataKnowledge()
                        .link(
                                "x",
                                List.of(new MicrodataKnowledge.BaseCell("t|2024|A", year(2024), List.of("A"))),
                                List.of(new MicrodataKnowledge.Group(year(2024), List.of(Set.of("A")), 10)),
                                4,
                                false,
                                year(2024),
                                5))
                .isInstanceOf(InconsistentCellSystemException.class);
    }

    /** The table cells of {@code pattern} and every unknown auxiliary cell of the system. */
    private static List<String> withUnknowns(CellSystem system, List<String> pattern) {
        List<String> out = new ArrayList<>(pattern);
        system.cells().stream()
                .map(Cell::id)
                .filter(id -> LabelKnowledge.isAuxiliary(id)
                        && system.cell(id).ledgerStatus() == LedgerStatus.SUPPRESSED_EARLIER)
                .forEach(out::add);
        return out;
    }
}
