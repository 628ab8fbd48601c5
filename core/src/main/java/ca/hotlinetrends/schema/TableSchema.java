package ca.hotlinetrends.schema;

import java.util.List;
import java.util.Objects;

/**
 * A published table, from {@code schemas/tables/<table>.table.json}: what it counts, its dimensions and
 * columns, and the counting rules in words.
 *
 * @param table table name (snake_case), also its folder name under {@code published/<release>/tables/}
 * @param version schema version
 * @param titleEn English title
 * @param titleFr French title
 * @param sourceDataset the staged dataset it counts
 * @param counts what is counted (e.g. {@code distinct case_ref})
 * @param unitEn English unit
 * @param unitFr French unit
 * @param periods the period types published: {@code quarter}, {@code year_to_date}, {@code year}
 * @param multiValued true when a record may count in several categories (the total is then the records
 *     with any information, not the sum of the categories)
 * @param rollups per dimension, codes shown together under another code (e.g. the territories)
 * @param derivedFrom for tables computed from another published table (rates, changes, trends): that table
 * @param dimensions the dimensions, in column order ({@code period} first)
 * @param columns every published column
 * @param rules the counting rules in words, for the data dictionary and the methods notes
 */
public record TableSchema(
        String table,
        int version,
        String titleEn,
        String titleFr,
        String sourceDataset,
        String counts,
        String unitEn,
        String unitFr,
        List<String> periods,
        Boolean multiValued,
        java.util.Map<String, java.util.Map<String, String>> rollups,
        String derivedFrom,
        List<Dimension> dimensions,
        List<Column> columns,
        String rules) {

    /** A dimension; when {@code total} is set, a total row with {@code totalCode} is published too. */
    public record Dimension(String name, String codes, boolean total, String totalCode) {
        public Dimension {
            Objects.requireNonNull(name, "dimension name");
            if (total && totalCode == null) {
                throw new IllegalArgumentException("dimension " + name + " has a total but no total_code");
            }
        }
    }

    /** A published column. */
    public record Column(String name, FieldType type, Boolean nullable, String codes, String description) {
        public Column {
            Objects.requireNonNull(name, "column name");
            Objects.requireNonNull(type, "type of column " + name);
            Objects.requireNonNull(description, "description of column " + name);
            nullable = nullable != null && nullable;
        }
    }

    public TableSchema {
        Objects.requireNonNull(table, "table");
        periods = List.copyOf(periods);
        for (String p : periods) {
            if (!List.of("quarter", "year_to_date", "year").contains(p)) {
                throw new IllegalArgumentException(
                        "table " + table + ": period must be quarter, year_to_date or year. " + "Provided value: " + p);
            }
        }
        multiValued = multiValued != null && multiValued;
        rollups = rollups == null ? java.util.Map.of() : java.util.Map.copyOf(rollups);
        dimensions = List.copyOf(dimensions);
        columns = List.copyOf(columns);
        for (Dimension d : dimensions) {
            if (columns.stream().noneMatch(c -> c.name().equals(d.name()))) {
                throw new IllegalArgumentException("table " + table + ": dimension " + d.name() + " is not a column");
            }
        }
    }

    /** True for a count table (not derived from another table). */
    public boolean isCountTable() {
        return derivedFrom == null;
    }

    /** The dimensions other than {@code period}. */
    public List<Dimension> categoryDimensions() {
        return dimensions.stream().filter(d -> !d.name().equals("period")).toList();
    }

    /** The measure column of a count table: the one column that is neither a dimension, period_type nor status. */
    public String measureColumn() {
        List<String> measures = columns.stream()
                .map(Column::name)
                .filter(n -> !n.equals("status") && !n.equals("period_type"))
                .filter(n -> dimensions.stream().noneMatch(d -> d.name().equals(n)))
                .toList();
        if (measures.size() != 1) {
            throw new IllegalStateException(
                    "table " + table + " must have exactly one measure column, found " + measures);
        }
        return measures.get(0);
    }

    public String title(String language) {
        return "fr".equals(language) ? titleFr : titleEn;
    }

    public String unit(String language) {
        return "fr".equals(language) ? unitFr : unitEn;
    }
}
