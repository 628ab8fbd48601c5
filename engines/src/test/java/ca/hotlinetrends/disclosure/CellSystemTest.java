package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellSystemTest {

    @Test
    void negativeCount_isRejectedWithoutEchoingTheValue() {
        assertThatThrownBy(() -> Cell.newCell("t|a|x", -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be >= 0")
                .hasMessageContaining("t|a|x")
                .hasMessageNotContaining("-3");
    }

    @Test
    void cellToString_doesNotRevealTheCount() {
        assertThat(Cell.newCell("t|a|x", 3).toString()).doesNotContain("3").contains("t|a|x");
    }

    @Test
    void blankId_isRejected() {
        assertThatThrownBy(() -> Cell.newCell(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicateCellId_conflicts() {
        assertThatThrownBy(() ->
                        CellSystem.builder().addCell("a", 1).addCell("a", 2).build())
                .isInstanceOf(InconsistentCellSystemException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void relationNamingAnUnknownCell_conflicts() {
        assertThatThrownBy(() ->
                        CellSystem.builder().addCell("a", 1).sameCount("a", "b").build())
                .isInstanceOf(InconsistentCellSystemException.class)
                .hasMessageContaining("'b'");
    }

    @Test
    void valuesViolatingARelation_conflictWithoutEchoingValues() {
        assertThatThrownBy(() -> CellSystem.builder()
                        .addCell("t", 10)
                        .addCell("a", 3)
                        .addCell("b", 4)
                        .sumOfParts("t", "a", "b")
                        .build())
                .isInstanceOf(InconsistentCellSystemException.class)
                .hasMessageContaining("sum:t")
                .hasMessageNotContaining("10");
    }

    @Test
    void relationsNeedTwoDistinctCellsAndNonZeroCoefficients() {
        assertThatThrownBy(() -> new LinearRelation("r", List.of(new LinearRelation.Term("a", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 cells");
        assertThatThrownBy(() -> new LinearRelation.Term("a", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-zero");
        assertThatThrownBy(() -> new LinearRelation(
                        "r", List.of(new LinearRelation.Term("a", 1), new LinearRelation.Term("a", -1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than once");
    }

    @Test
    void ledger_setsTheStatusOfNewCells() {
        CellSystem system = CellSystem.builder()
                .addCell("a", 1)
                .addCell("b", 2)
                .addCell("c", 3)
                .ledger(new ReleaseLedger(Set.of("a", "not_in_system"), Set.of("b")))
                .build();

        assertThat(system.cell("a").ledgerStatus()).isEqualTo(LedgerStatus.PUBLISHED_EARLIER);
        assertThat(system.cell("b").ledgerStatus()).isEqualTo(LedgerStatus.SUPPRESSED_EARLIER);
        assertThat(system.cell("c").ledgerStatus()).isEqualTo(LedgerStatus.NEW);
    }

    @Test
    void explicitStatusContradictingTheLedger_conflicts() {
        assertThatThrownBy(() -> CellSystem.builder()
                        .addCell(new Cell("a", 1, LedgerStatus.SUPPRESSED_EARLIER))
                        .ledger(new ReleaseLedger(Set.of("a"), Set.of()))
                        .build())
                .isInstanceOf(InconsistentCellSystemException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void ledgerPublishingAndSuppressingTheSameCell_isRejected() {
        assertThatThrownBy(() -> new ReleaseLedger(Set.of("a", "b"), Set.of("b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[b]");
    }

    @Test
    void unknownCellLookup_isRejected() {
        CellSystem system = CellSystem.builder().addCell("a", 1).build();

        assertThat(system.contains("a")).isTrue();
        assertThatThrownBy(() -> system.cell("z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'z'");
    }
}
