package ca.hotlinetrends.reports.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One cell of a published table: the table, the codes of its dimensions (in schema order, {@code period}
 * first) and the column holding the value. Printed as {@code table[period=2026Q3, channel=EMAIL].contacts},
 * which names the cell without its value.
 *
 * @param table table name
 * @param key dimension codes by dimension name, in schema order
 * @param column the value column
 */
public record CellRef(String table, Map<String, String> key, String column) {

    public CellRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        key = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(key, "key")));
    }

    /** The same cell with one dimension set to another code (e.g. its total). */
    public CellRef with(String dimension, String code) {
        if (!key.containsKey(dimension)) {
            throw new IllegalArgumentException("cell " + this + " has no dimension " + dimension);
        }
        Map<String, String> k = new LinkedHashMap<>(key);
        k.put(dimension, code);
        return new CellRef(table, k, column);
    }

    @Override
    public String toString() {
        return table
                + key.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "[", "]"))
                + "." + column;
    }
}
