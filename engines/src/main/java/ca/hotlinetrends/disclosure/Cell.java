package ca.hotlinetrends.disclosure;

import java.util.Objects;

/**
 * One count of a published table: a stable id, its true non-negative value and what earlier
 * releases did with it.
 *
 * <p>The id must be stable across releases (for example
 * {@code "cases_by_quarter_province|2026Q3|ON"}) because the {@link ReleaseLedger} refers to cells by
 * id. {@link #toString()} omits the value so that logging a cell never leaks a small count.
 *
 * @param id           stable, non-blank cell id
 * @param value        the true count, {@code >= 0}
 * @param ledgerStatus what earlier releases did with this cell, never {@code null}
 */
public record Cell(String id, long value, LedgerStatus ledgerStatus) {

    public Cell {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ledgerStatus, "ledgerStatus");
        if (id.isBlank()) {
            throw new IllegalArgumentException("cell id must not be blank. Provided value: '" + id + "'");
        }
        if (value < 0) {
            throw new IllegalArgumentException(
                    "cell value must be >= 0 (counts are non-negative); cell '" + id + "' has a negative value");
        }
    }

    /** A cell never released before. */
    public static Cell newCell(String id, long value) {
        return new Cell(id, value, LedgerStatus.NEW);
    }

    /** This cell with another ledger status. */
    public Cell withLedgerStatus(LedgerStatus status) {
        return new Cell(id, value, status);
    }

    @Override
    public String toString() {
        return "Cell[id=" + id + ", ledgerStatus=" + ledgerStatus + "]";
    }
}
