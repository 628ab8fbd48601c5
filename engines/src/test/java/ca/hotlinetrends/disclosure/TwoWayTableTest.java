package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TwoWayTableTest {

    private final TwoWayTable table = TwoWayTable.builder("cases_by_quarter_province")
            .rows("2026Q2", "2026Q3")
            .columns("PE", "ON")
            .values(new long[][] {{1, 20}, {3, 40}})
            .rowTotals("CA")
            .columnTotals("ALL")
            .build();

    @Test
    void cellIds_joinTableRowAndColumnWithTotalsLabelled() {
        assertThat(table.cellId("2026Q3", "ON")).isEqualTo("cases_by_quarter_province|2026Q3|ON");
        assertThat(table.rowTotalId("2026Q3")).isEqualTo("cases_by_quarter_province|2026Q3|CA");
        assertThat(table.columnTotalId("PE")).isEqualTo("cases_by_quarter_province|ALL|PE");
        assertThat(table.grandTotalId()).isEqualTo("cases_by_quarter_province|ALL|CA");
    }

    @Test
    void totals_areComputedFromTheInterior() {
        CellSystem system = TwoWayTable.builderOf(table).build();

        assertThat(system.cell(table.rowTotalId("2026Q2")).value()).isEqualTo(21);
        assertThat(system.cell(table.columnTotalId("PE")).value()).isEqualTo(4);
        assertThat(system.cell(table.grandTotalId()).value()).isEqualTo(64);
        assertThat(table.cells()).hasSize(9);
        // 2 rows + 2 columns + the grand total.
        assertThat(table.relations()).hasSize(5);
    }

    @Test
    void tableWithoutMargins_hasNoRelations() {
        TwoWayTable bare = TwoWayTable.builder("t")
                .rows("a")
                .columns("x", "y")
                .values(new long[][] {{1, 2}})
                .build();

        assertThat(bare.cells()).hasSize(2);
        assertThat(bare.relations()).isEmpty();
        assertThatThrownBy(bare::grandTotalId).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsWithTheSeparatorOrRepeated_areRejected() {
        assertThatThrownBy(() -> TwoWayTable.builder("t")
                        .rows("a|b")
                        .columns("x")
                        .values(new long[][] {{1}})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'|'");
        assertThatThrownBy(() -> TwoWayTable.builder("t")
                        .rows("a", "a")
                        .columns("x")
                        .values(new long[][] {{1}, {2}})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> TwoWayTable.builder("t")
                        .rows("a")
                        .columns("x", "CA")
                        .rowTotals("CA")
                        .values(new long[][] {{1, 2}})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'CA'");
    }

    @Test
    void valuesOfTheWrongShape_areRejected() {
        assertThatThrownBy(() -> TwoWayTable.builder("t")
                        .rows("a", "b")
                        .columns("x")
                        .values(new long[][] {{1}})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rows");
        assertThatThrownBy(() -> TwoWayTable.builder("t")
                        .rows("a")
                        .columns("x", "y")
                        .values(new long[][] {{1}})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values");
    }
}
