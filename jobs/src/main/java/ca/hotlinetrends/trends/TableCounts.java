package ca.hotlinetrends.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;

import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure transformations from staged data to the quarterly counts behind each count table: one fused
 * aggregation per table, grouped by {@code reference_quarter} and the table's category dimensions, every key
 * cast to its string code. No I/O, no actions.
 */
public final class TableCounts {

    private TableCounts() {}

    /**
     * One row per case: {@code case_ref}, the quarter it opened and each case-level attribute; when a case's
     * potential victims disagree on an attribute, the smallest code decides (documented in the schemas).
     */
    public static Dataset<Row> cases(Dataset<Row> victims, Set<String> attributes) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(min(col("reference_quarter")).as("reference_quarter"));
        for (String a : attributes) {
            aggs.add(min(col(a)).as(a));
        }
        return victims.groupBy(col("case_ref"))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }

    /** The case-level attributes the case tables need. */
    public static Set<String> caseAttributes(List<TableSchema> tables) {
        Set<String> attributes = new LinkedHashSet<>();
        for (TableSchema t : tables) {
            if (t.isCountTable() && t.counts().equals("distinct case_ref")) {
                t.categoryDimensions().forEach(d -> attributes.add(d.name()));
            }
        }
        return attributes;
    }

    /**
     * Quarterly counts for a table: {@code reference_quarter, <dimension codes...>, n}.
     *
     * @param source staged contacts or victims, or the case rows of {@link #cases} for case tables
     */
    public static Dataset<Row> quarterly(TableSchema table, Dataset<Row> source) {
        List<Column> keys = new ArrayList<>();
        keys.add(col("reference_quarter"));
        for (TableSchema.Dimension d : table.categoryDimensions()) {
            keys.add(col(d.name())
                    .cast(org.apache.spark.sql.types.DataTypes.StringType)
                    .as(d.name()));
        }
        if (!table.multiValued()) {
            return source.groupBy(keys.toArray(Column[]::new)).agg(count(lit(1)).as("n"));
        }
        if (table.categoryDimensions().size() != 1) {
            throw new IllegalArgumentException(
                    "table " + table.table() + ": a multi-valued table has exactly one dimension");
        }
        TableSchema.Dimension d = table.categoryDimensions().get(0);
        Dataset<Row> items = source.where(col(d.name()).isNotNull())
                .select(col("reference_quarter"), explode(col(d.name())).as(d.name()))
                .groupBy(col("reference_quarter"), col(d.name()))
                .agg(count(lit(1)).as("n"));
        Dataset<Row> any = source.where(
                        col(d.name()).isNotNull().and(size(col(d.name())).gt(0)))
                .groupBy(col("reference_quarter"))
                .agg(count(lit(1)).as("n"))
                .select(col("reference_quarter"), lit(d.totalCode()).as(d.name()), col("n"));
        return items.unionByName(any);
    }
}
