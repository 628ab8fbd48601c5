package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.anonymity.Recoding;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.trends.OnePassCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Pure transformations around the k-anonymity engine: the frequency table of distinct quasi-identifier
 * combinations (one aggregation over the data: the engine's cost then grows with the combinations, not the
 * records), and the application of the chosen generalisation and suppression to every record.
 */
public final class Generalisation {

    private static final String QUARTER = "reference_quarter";

    private Generalisation() {}

    /** {@code <quasi-identifiers...>[, sensitive], n}: one row per distinct combination, values as strings. */
    public static Dataset<Row> histogram(Dataset<Row> data, List<String> quasiIdentifiers, String sensitive) {
        List<Column> keys = new ArrayList<>();
        quasiIdentifiers.forEach(q -> keys.add(col(q).cast("string").as(q)));
        if (sensitive != null) {
            keys.add(col(sensitive).cast("string").as(sensitive));
        }
        return data.groupBy(keys.toArray(Column[]::new)).agg(count(lit(1)).as("n"));
    }

    /** The collected histogram as the engine's frequency table. */
    public static FrequencyTable frequencyTable(List<Row> histogram, List<String> quasiIdentifiers, String sensitive) {
        FrequencyTable.Builder b = sensitive == null
                ? FrequencyTable.builder(quasiIdentifiers)
                : FrequencyTable.builder(quasiIdentifiers, sensitive);
        b.expectCombinations(histogram.size());
        int q = quasiIdentifiers.size();
        for (Row r : histogram) {
            String[] values = new String[q];
            for (int i = 0; i < q; i++) {
                values[i] = r.getString(i);
            }
            if (sensitive == null) {
                b.add(values, r.getLong(q));
            } else {
                b.add(values, r.getString(q), r.getLong(q + 1));
            }
        }
        return b.build();
    }

    /**
     * Frequencies counted over some columns as the engine's frequency table: {@code counts} maps the values of
     * {@code columns} (in order) to a number of records; the table keeps {@code quasiIdentifiers} (and the
     * {@code sensitive} attribute, when not null), summing over the other columns.
     */
    public static FrequencyTable frequencyTable(
            Map<List<String>, Long> counts, List<String> columns, List<String> quasiIdentifiers, String sensitive) {
        int q = quasiIdentifiers.size();
        int[] at = new int[q];
        for (int i = 0; i < q; i++) {
            at[i] = columns.indexOf(quasiIdentifiers.get(i));
            if (at[i] < 0) {
                throw new IllegalArgumentException(
                        quasiIdentifiers.get(i) + " is not among the counted columns " + columns);
            }
        }
        int s = sensitive == null ? -1 : columns.indexOf(sensitive);
        if (sensitive != null && s < 0) {
            throw new IllegalArgumentException(sensitive + " is not among the counted columns " + columns);
        }
        FrequencyTable.Builder b = sensitive == null
                ? FrequencyTable.builder(quasiIdentifiers)
                : FrequencyTable.builder(quasiIdentifiers, sensitive);
        b.expectCombinations(counts.size());
        counts.forEach((key, n) -> {
            if (key.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "a frequency of " + key.size() + " values, for " + columns.size() + " columns");
            }
            String[] values = new String[q];
            for (int i = 0; i < q; i++) {
                values[i] = key.get(at[i]);
            }
            if (sensitive == null) {
                b.add(values, n);
            } else {
                b.add(values, key.get(s), n);
            }
        });
        return b.build();
    }

    /**
     * The counts of the combinations of {@code columns} of a staged dataset, keyed by the columns' values as strings
     * (nulls kept), counted in one pass as a run's trends pass counts them ({@link OnePassCounts}): each task counts
     * the positions of the values in the columns' code lists, the driver adds up the combinations present. The
     * same numbers as {@link #counts(Dataset, List)}'s aggregation, in a fraction of its time: hashing and shuffling
     * the combinations' strings was most of the k-anonymity stage at 1M records. {@code columns} must start with
     * {@code reference_quarter}; falls back to the aggregation when the combinations cannot be numbered in a long.
     */
    public static Map<List<String>, Long> counts(
            Dataset<Row> staged, DatasetSchema schema, SchemaRegistry registry, List<String> columns) {
        if (columns.isEmpty() || !columns.get(0).equals(QUARTER)) {
            throw new IllegalArgumentException(
                    "one-pass counts are per " + QUARTER + ", the first column. Provided: " + columns);
        }
        OnePassCounts.Spec spec = OnePassCounts.Spec.frequencies(
                "frequencies of " + schema.dataset(), schema, columns.subList(1, columns.size()), registry);
        if (spec.cells() == Long.MAX_VALUE) {
            return counts(staged, columns);
        }
        List<OnePassCounts.Spec> specs = List.of(spec);
        return OnePassCounts.merge(
                        specs, staged, OnePassCounts.partials(specs, staged).collect())
                .get(0);
    }

    /** {@code histogram} over {@code columns}, collected as counts by the columns' values (as strings). */
    public static Map<List<String>, Long> counts(Dataset<Row> data, List<String> columns) {
        Map<List<String>, Long> out = new java.util.HashMap<>();
        for (Row r : histogram(data, columns, null).collectAsList()) {
            List<String> key = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                key.add(r.getString(i));
            }
            out.merge(key, r.getLong(columns.size()), Long::sum);
        }
        return out;
    }

    /**
     * Generalises every quasi-identifier to the chosen level (in place, as strings) and keeps only records of
     * published equivalence classes: suppressed records are left out. Other columns pass through unchanged.
     */
    public static Dataset<Row> apply(
            SparkSession spark, Dataset<Row> data, List<String> quasiIdentifiers, Recoding recoding) {
        Dataset<Row> df = data;
        for (int i = 0; i < quasiIdentifiers.size(); i++) {
            String qi = quasiIdentifiers.get(i);
            Map<String, String> mapping = recoding.valueMapping(i);
            if (mapping.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
                // Not generalised (level 0): the values stay as they are.
                df = df.withColumn(qi, col(qi).cast("string"));
                continue;
            }
            // A hash lookup in a broadcast mapping table: a chain of comparisons (CASE WHEN) costs one string
            // comparison per value of the domain for every record, which dominated the whole release at 10M records.
            List<Row> pairs = new ArrayList<>();
            mapping.forEach((from, to) -> pairs.add(RowFactory.create(from, to)));
            Dataset<Row> table = spark.createDataFrame(
                    pairs,
                    new StructType()
                            .add("_g_from", DataTypes.StringType, false)
                            .add("_g_to", DataTypes.StringType, true));
            df = df.join(broadcast(table), col(qi).cast("string").equalTo(col("_g_from")), "inner")
                    .withColumn(qi, col("_g_to"))
                    .drop("_g_from", "_g_to");
        }
        StructType tuples = new StructType();
        for (String qi : quasiIdentifiers) {
            tuples = tuples.add("_p_" + qi, DataTypes.StringType, false);
        }
        boolean blanks = recoding.blanks();
        if (blanks) {
            for (String qi : quasiIdentifiers) {
                tuples = tuples.add("_o_" + qi, DataTypes.StringType, false);
            }
        }
        List<Row> published = new ArrayList<>();
        for (List<String> t : recoding.publishedTuples()) {
            List<Object> row = new ArrayList<>(t);
            if (blanks) {
                row.addAll(recoding.output(t));
            }
            published.add(RowFactory.create(row.toArray()));
        }
        Dataset<Row> allowed = spark.createDataFrame(published, tuples);
        Column on = null;
        for (String qi : quasiIdentifiers) {
            Column eq = col(qi).equalTo(col("_p_" + qi));
            on = on == null ? eq : on.and(eq);
        }
        if (!blanks) {
            return df.join(broadcast(allowed), on, "left_semi");
        }
        // Local suppression: each published generalised tuple is replaced by its published values (some blanked).
        Dataset<Row> joined = df.join(broadcast(allowed), on, "inner");
        for (String qi : quasiIdentifiers) {
            joined = joined.withColumn(qi, col("_o_" + qi));
        }
        for (String qi : quasiIdentifiers) {
            joined = joined.drop("_p_" + qi, "_o_" + qi);
        }
        return joined;
    }
}
