package ca.hotlinetrends.release;

import java.util.List;
import java.util.Objects;

/**
 * The id of a published table cell: the table's name and the cell's coordinates in the table's dimension order,
 * {@code |}-separated, e.g. {@code cases_by_province|2026Q3|ON}. The ledger's {@code cell_id} column, the table
 * protection, the attacker audit and the vintages of earlier releases all name a cell this way, so that the same
 * cell of two releases has the same id.
 */
public final class CellId {

    /** What separates the table name and the coordinates. */
    public static final String SEPARATOR = "|";

    private CellId() {}

    /** The id of the cell of {@code table} at {@code key}. */
    public static String of(String table, List<String> key) {
        Objects.requireNonNull(table, "table");
        return table + SEPARATOR + String.join(SEPARATOR, key);
    }
}
