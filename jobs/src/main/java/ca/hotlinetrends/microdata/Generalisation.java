package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.anonymity.Recoding;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.spark.InternalRows;
import ca.hotlinetrends.trends.OnePassCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

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
        quasiIdentifiers.forEach(q -> keys.add(
                col(q).cast(org.apache.spark.sql.types.DataTypes.StringType).as(q)));
        if (sensitive != null) {
            keys.add(col(sensitive)
                    .cast(org.apache.spark.sql.types.DataTypes.StringType)
                    .as(sensitive));
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
     * published equivalence classes, their values blanked where local suppression blanked them: suppressed records are
     * left out, as are records with a null quasi-identifier or one outside its hierarchy. Other columns pass through
     * unchanged, in the same order.
     *
     * <p>Each task applies the recoding to the records as it reads them ({@link RecodingLookup}, broadcast once): no
     * join, so no Spark job to build lookup tables and no generated join code for what is a lookup in a small map.
     */
    public static Dataset<Row> apply(
            SparkSession spark, Dataset<Row> data, List<String> quasiIdentifiers, Recoding recoding) {
        if (recoding.quasiIdentifiers().size() != quasiIdentifiers.size()) {
            throw new IllegalArgumentException(
                    "the recoding is over " + recoding.quasiIdentifiers().size() + " quasi-identifiers, not over the "
                            + quasiIdentifiers.size() + " given");
        }
        List<Column> columns = new ArrayList<>();
        for (String c : data.columns()) {
            columns.add(
                    quasiIdentifiers.contains(c)
                            ? col("`" + c + "`")
                                    .cast(org.apache.spark.sql.types.DataTypes.StringType)
                                    .as(c)
                            : col("`" + c + "`"));
        }
        Dataset<Row> strings = data.select(columns.toArray(Column[]::new));
        StructType schema = strings.schema();
        int width = quasiIdentifiers.size();
        int[] at = new int[width];
        for (int q = 0; q < width; q++) {
            at[q] = schema.fieldIndex(quasiIdentifiers.get(q));
        }
        // Each published record goes out as a view: the record as read, joined with its generalised values (appended
        // as columns of their own, which the select below puts in the quasi-identifiers' places). No copy of the
        // record and no boxing of its values: the view is read once, by the generated code of what follows, before
        // the next record is read (Spark's contract for rows an iterator hands out).
        StructType joined = schema;
        String[] generalised = new String[width];
        for (int q = 0; q < width; q++) {
            generalised[q] = GENERALISED + q;
            if (java.util.Arrays.asList(schema.fieldNames()).contains(generalised[q])) {
                throw new IllegalArgumentException("a dataset column is named " + generalised[q]);
            }
            joined = joined.add(generalised[q], org.apache.spark.sql.types.DataTypes.StringType, true);
        }
        Broadcast<RecodingLookup> lookup =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new RecodingLookup(recoding));
        JavaRDD<InternalRow> published = InternalRows.of(strings).toJavaRDD().mapPartitions(rows -> {
            RecodingLookup l = lookup.value();
            UTF8String[] values = new UTF8String[width];
            int[] scratch = new int[width];
            JoinedRow view = new JoinedRow();
            return new FilteringIterator<>(rows, r -> {
                for (int q = 0; q < width; q++) {
                    values[q] = r.isNullAt(at[q]) ? null : r.getUTF8String(at[q]);
                }
                UTF8String[] out = l.publish(values, scratch);
                return out == null ? null : view.apply(r, new GenericInternalRow(out));
            });
        });
        List<Column> placed = new ArrayList<>();
        for (String c : schema.fieldNames()) {
            int q = quasiIdentifiers.indexOf(c);
            placed.add(q < 0 ? col("`" + c + "`") : col(generalised[q]).as(c));
        }
        return InternalRows.dataFrame(spark, published.rdd(), joined).select(placed.toArray(Column[]::new));
    }

    /**
     * What {@link #apply} followed by counting the distinct records would give, from records already counted: {@code
     * counts} maps {@code [reference_quarter, recordColumns...]} (values as text, nulls kept) to how many records have
     * them; the result has {@code published}'s columns (quasi-identifiers generalised, as strings; the others in their
     * type: strings and booleans) and a count {@code _c} per distinct record. The recoding is a function of the
     * quasi-identifiers alone ({@link RecodingLookup#publish}), applied once per combination instead of once per
     * record. The distinct records, not the records, handed to the tasks as they are.
     *
     * @throws IllegalArgumentException when a published column is neither counted nor a string or boolean
     */
    public static Dataset<Row> applyToCounts(
            SparkSession spark,
            StructType published,
            List<String> quasiIdentifiers,
            List<String> recordColumns,
            Map<List<String>, Long> counts,
            Recoding recoding) {
        if (recoding.quasiIdentifiers().size() != quasiIdentifiers.size()) {
            throw new IllegalArgumentException(
                    "the recoding is over " + recoding.quasiIdentifiers().size() + " quasi-identifiers, not over the "
                            + quasiIdentifiers.size() + " given");
        }
        String[] names = published.fieldNames();
        int width = quasiIdentifiers.size();
        int[] keyAt = new int[names.length]; // where each published column is in a count's key
        boolean[] bool = new boolean[names.length];
        int[] qiAt = new int[width]; // where each quasi-identifier is in a count's key
        StructType schema = new StructType();
        for (int c = 0; c < names.length; c++) {
            keyAt[c] = names[c].equals(QUARTER) ? 0 : 1 + recordColumns.indexOf(names[c]);
            if (keyAt[c] == 0 && !names[c].equals(QUARTER)) {
                throw new IllegalArgumentException(
                        "published column " + names[c] + " is not among the counted columns");
            }
            org.apache.spark.sql.types.DataType type = quasiIdentifiers.contains(names[c])
                    ? org.apache.spark.sql.types.DataTypes.StringType
                    : published.fields()[c].dataType();
            bool[c] = type.equals(org.apache.spark.sql.types.DataTypes.BooleanType);
            if (!bool[c] && !type.equals(org.apache.spark.sql.types.DataTypes.StringType)) {
                throw new IllegalArgumentException("published column " + names[c] + " is of type " + type.simpleString()
                        + ", not counted as text");
            }
            schema = schema.add(names[c], type, true);
        }
        for (int q = 0; q < width; q++) {
            int c = java.util.Arrays.asList(names).indexOf(quasiIdentifiers.get(q));
            if (c < 0) {
                throw new IllegalArgumentException(
                        "quasi-identifier " + quasiIdentifiers.get(q) + " is not a published column");
            }
            qiAt[q] = keyAt[c];
        }
        schema = schema.add(RecordNumbering.COUNT, org.apache.spark.sql.types.DataTypes.LongType, false);
        RecodingLookup lookup = new RecodingLookup(recoding);
        UTF8String[] values = new UTF8String[width];
        int[] scratch = new int[width];
        Map<List<Object>, Long> distinct = new java.util.HashMap<>();
        counts.forEach((key, n) -> {
            for (int q = 0; q < width; q++) {
                String v = key.get(qiAt[q]);
                values[q] = v == null ? null : UTF8String.fromString(v);
            }
            UTF8String[] out = lookup.publish(values, scratch);
            if (out == null) {
                return; // suppressed
            }
            Object[] row = new Object[names.length];
            for (int c = 0; c < names.length; c++) {
                int q = quasiIdentifiers.indexOf(names[c]);
                if (q >= 0) {
                    row[c] = out[q];
                } else {
                    String text = key.get(keyAt[c]);
                    row[c] = bool[c] ? bool(text, names[c]) : text == null ? null : UTF8String.fromString(text);
                }
            }
            distinct.merge(java.util.Arrays.asList(row), n, Long::sum);
        });
        // In Spark's internal form, as an RDD: a local relation of the same rows would be planned and optimised over
        // every row on the driver, and sent whole in one task.
        List<InternalRow> rows = new ArrayList<>(distinct.size());
        distinct.forEach((row, n) -> {
            Object[] r = java.util.Arrays.copyOf(row.toArray(), row.size() + 1);
            r[row.size()] = n;
            rows.add(new GenericInternalRow(r));
        });
        int slices = Math.max(1, Math.min(spark.sparkContext().defaultParallelism(), rows.size()));
        return InternalRows.dataFrame(
                spark,
                JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(rows, slices)
                        .rdd(),
                schema);
    }

    /** A boolean counted as text ({@code cast(boolean as string)}: {@code true}, {@code false} or null). */
    private static Boolean bool(String text, String column) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default ->
                throw new IllegalStateException("column " + column + " was counted with a value that is not a boolean");
        };
    }

    /** The prefix of the columns that carry the generalised values until they take the quasi-identifiers' places. */
    private static final String GENERALISED = "__generalised_";

    /** The non-null results of {@code f} over {@code in}, in order. */
    private static final class FilteringIterator<A, B> implements java.util.Iterator<B> {
        private final java.util.Iterator<A> in;
        private final java.util.function.Function<A, B> f;
        private B next;

        FilteringIterator(java.util.Iterator<A> in, java.util.function.Function<A, B> f) {
            this.in = in;
            this.f = f;
        }

        @Override
        public boolean hasNext() {
            while (next == null && in.hasNext()) {
                next = f.apply(in.next());
            }
            return next != null;
        }

        @Override
        public B next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            B b = next;
            next = null;
            return b;
        }
    }
}
