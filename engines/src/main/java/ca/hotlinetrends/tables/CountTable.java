package ca.hotlinetrends.tables;

import ca.hotlinetrends.release.CellId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A published count table on the driver, in plain Java: one cell per combination of dimension values,
 * each with its true count and its publication status. The true count of a suppressed cell never
 * leaves this object: writers read {@link Cell#published()}.
 *
 * @param table the table's name (as in {@code schemas/tables/})
 * @param dimensions dimension column names, in order
 * @param cells cells in publication order
 */
public record CountTable(String table, List<String> dimensions, List<Cell> cells) {

    /**
     * Why a cell is published or not, for staff (ledger values, run records): never published as such, a
     * release shows {@link #publicStatus()}.
     */
    public enum Status {
        PUBLISHED("published"),
        SUPPRESSED_PRIMARY("suppressed-primary"),
        SUPPRESSED_SECONDARY("suppressed-secondary");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The status a release publishes: published or suppressed, never why. */
        public ca.hotlinetrends.release.CellStatus publicStatus() {
            return this == PUBLISHED
                    ? ca.hotlinetrends.release.CellStatus.PUBLISHED
                    : ca.hotlinetrends.release.CellStatus.SUPPRESSED;
        }
    }

    /** One cell: its coordinates, true count and status. */
    public record Cell(List<String> key, long count, Status status) {
        public Cell {
            key = List.copyOf(key);
            if (count < 0) {
                throw new IllegalArgumentException("a count must be >= 0. Provided value: " + count);
            }
            Objects.requireNonNull(status, "status");
        }

        /** The count as published: null when suppressed. */
        public Long published() {
            return status == Status.PUBLISHED ? count : null;
        }

        public Cell withStatus(Status s) {
            return new Cell(key, count, s);
        }
    }

    public CountTable {
        Objects.requireNonNull(table, "table");
        dimensions = List.copyOf(dimensions);
        cells = List.copyOf(cells);
        for (Cell c : cells) {
            if (c.key().size() != dimensions.size()) {
                throw new IllegalArgumentException("table " + table + ": a cell has "
                        + c.key().size() + " coordinates, the table has " + dimensions.size() + " dimensions");
            }
        }
    }

    /** The cell's id in the release contract ({@link CellId}): table name and coordinates. */
    public String cellId(Cell c) {
        return CellId.of(table, c.key());
    }

    public Map<List<String>, Cell> byKey() {
        Map<List<String>, Cell> m = new LinkedHashMap<>();
        cells.forEach(c -> m.put(c.key(), c));
        return m;
    }

    public CountTable withCells(List<Cell> replaced) {
        return new CountTable(table, dimensions, new ArrayList<>(replaced));
    }

    public long suppressedCount(Status status) {
        return cells.stream().filter(c -> c.status() == status).count();
    }
}
