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
}
