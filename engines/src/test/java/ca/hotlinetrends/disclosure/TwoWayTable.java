package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A two-way frequency table with optional marginal totals, expressed as {@link Cell cells} and
 * {@link LinearRelation relations}: rows x columns interior cells, a row-total column (one total
 * per row), a column-total row (one total per column) and, when both are present, the grand total.
 * Totals are computed from the interior, so the table is consistent by construction.
 *
 * <p>Cell ids are {@code tableId|rowLabel|columnLabel}; labels may not contain {@code |} (the
 * table id may, e.g. {@code cases_ytd|2026Q3}), so the last two parts of an id are always its row and
 * column. Totals use the total labels, for example
 * {@code cases_by_quarter_province|2026Q3|CA} for a row total labelled {@code CA} and
 * {@code cases_by_quarter_province|ALL|CA} for the grand total when the column-total row is labelled
 * {@code ALL}. Relations: one per row ({@code rowTotal - sum(row) = 0}), one per column and, with
 * both margins, {@code grandTotal - sum(rowTotals) = 0} (the column version is implied). Immutable.
 */
public final class TwoWayTable {

    private static final String SEPARATOR = "|";

    private final String tableId;
    private final List<String> rows;
    private final List<String> columns;
    private final String rowTotalLabel;
    private final String columnTotalLabel;
    private final List<Cell> cells;
    private final List<LinearRelation> relations;

    /** A cell system builder holding the cells and relations of these tables (each with its marginal totals). */
    static CellSystem.Builder builderOf(TwoWayTable... tables) {
        CellSystem.Builder builder = CellSystem.builder();
        for (TwoWayTable t : tables) {
            t.cells().forEach(builder::addCell);
            t.relations().forEach(builder::addRelation);
        }
        return builder;
    }

    private TwoWayTable(Builder b) {
        this.tableId = Objects.requireNonNull(b.tableId, "tableId");
        if (tableId.isBlank()) {
            throw new IllegalArgumentException("tableId must not be blank. Provided value: '" + tableId + "'");
        }
        this.rows = List.copyOf(Objects.requireNonNull(b.rows, "rows"));
        this.columns = List.copyOf(Objects.requireNonNull(b.columns, "columns"));
        this.rowTotalLabel = b.rowTotalLabel == null ? null : requireLabel("rowTotalLabel", b.rowTotalLabel);
        this.columnTotalLabel =
                b.columnTotalLabel == null ? null : requireLabel("columnTotalLabel", b.columnTotalLabel);
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("table '" + tableId + "' needs at least one row and one column, has "
                    + rows.size() + " x " + columns.size());
        }
        requireDistinct("row", rows, columnTotalLabel);
        requireDistinct("column", columns, rowTotalLabel);
        long[][] values = Objects.requireNonNull(b.values, "values");
        if (values.length != rows.size()) {
            throw new IllegalArgumentException(
                    "table '" + tableId + "' has " + rows.size() + " rows but " + values.length + " rows of values");
        }
        List<Cell> cellList = new ArrayList<>();
        List<LinearRelation> relationList = new ArrayList<>();
        long[] columnSums = new long[columns.size()];
        long grand = 0;
        for (int r = 0; r < rows.size(); r++) {
            if (values[r] == null || values[r].length != columns.size()) {
                throw new IllegalArgumentException(
                        "table '" + tableId + "', row '" + rows.get(r) + "' must have " + columns.size() + " values");
            }
            long rowSum = 0;
            List<String> rowIds = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String id = id(rows.get(r), columns.get(c));
                cellList.add(Cell.newCell(id, values[r][c]));
                rowIds.add(id);
                rowSum = Math.addExact(rowSum, values[r][c]);
                columnSums[c] = Math.addExact(columnSums[c], values[r][c]);
            }
            grand = Math.addExact(grand, rowSum);
            if (rowTotalLabel != null) {
                String totalId = id(rows.get(r), rowTotalLabel);
                cellList.add(Cell.newCell(totalId, rowSum));
                relationList.add(LinearRelation.sumOfParts(
                        tableId + SEPARATOR + "row" + SEPARATOR + rows.get(r), totalId, rowIds));
            }
        }
        if (columnTotalLabel != null) {
            for (int c = 0; c < columns.size(); c++) {
                String totalId = id(columnTotalLabel, columns.get(c));
                cellList.add(Cell.newCell(totalId, columnSums[c]));
                List<String> parts = new ArrayList<>();
                for (String row : rows) {
                    parts.add(id(row, columns.get(c)));
                }
                relationList.add(LinearRelation.sumOfParts(
                        tableId + SEPARATOR + "column" + SEPARATOR + columns.get(c), totalId, parts));
            }
        }
        if (rowTotalLabel != null && columnTotalLabel != null) {
            String grandId = grandTotalId();
            cellList.add(Cell.newCell(grandId, grand));
            List<String> parts = new ArrayList<>();
            for (String row : rows) {
                parts.add(id(row, rowTotalLabel));
            }
            relationList.add(LinearRelation.sumOfParts(tableId + SEPARATOR + "grand", grandId, parts));
        }
        this.cells = List.copyOf(cellList);
        this.relations = List.copyOf(relationList);
    }

    /** A builder for the table with this id (the first part of every cell id). */
    public static Builder builder(String tableId) {
        return new Builder(tableId);
    }

    private static String requireLabel(String name, String label) {
        Objects.requireNonNull(label, name);
        if (label.isBlank() || label.contains(SEPARATOR)) {
            throw new IllegalArgumentException(name + " must be non-blank and must not contain '" + SEPARATOR
                    + "'. Provided value: '" + label + "'");
        }
        return label;
    }

    private void requireDistinct(String kind, List<String> labels, String totalLabel) {
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            requireLabel(kind + " label", label);
            if (!seen.add(label) || label.equals(totalLabel)) {
                throw new IllegalArgumentException("table '" + tableId + "': " + kind + " label '" + label
                        + "' is used twice (labels and the total label must be distinct)");
            }
        }
    }

    private String id(String row, String column) {
        return tableId + SEPARATOR + row + SEPARATOR + column;
    }

    /** The id of an interior cell. */
    public String cellId(String row, String column) {
        if (!rows.contains(row) || !columns.contains(column)) {
            throw new IllegalArgumentException(
                    "table '" + tableId + "' has no interior cell (" + row + ", " + column + ")");
        }
        return id(row, column);
    }

    /** The id of a row's total; requires row totals. */
    public String rowTotalId(String row) {
        if (rowTotalLabel == null || !rows.contains(row)) {
            throw new IllegalArgumentException("table '" + tableId + "' has no row total for '" + row + "'");
        }
        return id(row, rowTotalLabel);
    }

    /** The id of a column's total; requires column totals. */
    public String columnTotalId(String column) {
        if (columnTotalLabel == null || !columns.contains(column)) {
            throw new IllegalArgumentException("table '" + tableId + "' has no column total for '" + column + "'");
        }
        return id(columnTotalLabel, column);
    }

    /** The id of the grand total; requires both margins. */
    public String grandTotalId() {
        if (rowTotalLabel == null || columnTotalLabel == null) {
            throw new IllegalArgumentException("table '" + tableId + "' has no grand total (it needs both margins)");
        }
        return id(columnTotalLabel, rowTotalLabel);
    }

    /** The ids of the interior cells, row by row. */
    public List<String> interiorCellIds() {
        List<String> ids = new ArrayList<>();
        for (String row : rows) {
            for (String column : columns) {
                ids.add(id(row, column));
            }
        }
        return ids;
    }

    public String tableId() {
        return tableId;
    }

    public List<String> rows() {
        return rows;
    }

    public List<String> columns() {
        return columns;
    }

    /** All cells, interior and totals, as {@link LedgerStatus#NEW}. */
    public List<Cell> cells() {
        return cells;
    }

    public List<LinearRelation> relations() {
        return relations;
    }

    /** Collects the table's labels and values. Not thread-safe. */
    public static final class Builder {
        private final String tableId;
        private List<String> rows;
        private List<String> columns;
        private long[][] values;
        private String rowTotalLabel;
        private String columnTotalLabel;

        private Builder(String tableId) {
            this.tableId = tableId;
        }

        public Builder rows(List<String> labels) {
            this.rows = labels;
            return this;
        }

        public Builder rows(String... labels) {
            return rows(List.of(labels));
        }

        public Builder columns(List<String> labels) {
            this.columns = labels;
            return this;
        }

        public Builder columns(String... labels) {
            return columns(List.of(labels));
        }

        /** {@code values[row][column]}, non-negative; copied. */
        public Builder values(long[][] interior) {
            Objects.requireNonNull(interior, "values");
            this.values = new long[interior.length][];
            for (int r = 0; r < interior.length; r++) {
                this.values[r] = interior[r] == null ? null : interior[r].clone();
            }
            return this;
        }

        /** Adds a total column with this label (one total per row). */
        public Builder rowTotals(String label) {
            this.rowTotalLabel = label;
            return this;
        }

        /** Adds a total row with this label (one total per column). */
        public Builder columnTotals(String label) {
            this.columnTotalLabel = label;
            return this;
        }

        public TwoWayTable build() {
            return new TwoWayTable(this);
        }
    }
}
