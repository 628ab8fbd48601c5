package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts the records of a release in an order of their published values alone, the same whatever the cluster: never
 * an order of how the input happened to be split, of how many cores read it, or of anything not published.
 *
 * <p>A large release's records are counted by their published values first: each distinct record (every published
 * column alike) once, with how many records it stands for. Many records share all their published values (a release
 * of 10M contacts has under 200,000 distinct ones), so the counting happens in each task as it reads (Spark's partial
 * aggregation) and only the distinct records and their counts cross the shuffle, not every record ({@link #counts}
 * says when). The records are spread over a fixed number of partitions (from the record count, not from the
 * cluster: {@link #partitions}) by a 64-bit hash of their published values, and sorted in each partition by that
 * hash; records of equal hash are put in the order of their values as they are written (equal records side by side;
 * distinct records of equal hash, a collision, in the order of their values, so the order is total). Which partition
 * a record lands in, and its place there, are functions of its published values, so the partitions hold the same
 * records in the same order on any master. {@link ExtractFiles} writes each partition as one file, each distinct
 * record as many times as it counts, and numbers the records as it writes them: a record's number is its partition's
 * index shifted left 33 bits plus its place there, and says nothing the record's published values do not. Pure
 * transformations.
 */
final class RecordNumbering {

    /** Records per partition (and per published file) at most, once a release is large. */
    static final long RECORDS_PER_PARTITION = 500_000;
    /**
     * Partitions a release of some size is spread over at least, so that that many cores can number and write it;
     * fewer when a partition would hold under {@link #SMALLEST_PARTITION} records.
     */
    static final int PARALLEL_PARTITIONS = 8;

    static final long SMALLEST_PARTITION = 32_768;

    /** The hash that spreads and orders records. */
    static final String HASH = "_h";
    /** How many records a distinct record stands for, as {@link #ordered} leaves it after the hash. */
    static final String COUNT = "_c";

    private RecordNumbering() {}

    /**
     * How many partitions (and files) {@code records} records are spread over: a function of the count alone, never
     * of the cluster. At most {@link #RECORDS_PER_PARTITION} records each, but at least
     * {@link #PARALLEL_PARTITIONS} partitions when each would still hold {@link #SMALLEST_PARTITION} records (a
     * million records in two partitions would keep all but two cores idle), and at least one.
     */
    static int partitions(long records) {
        long bySize = (records + RECORDS_PER_PARTITION - 1) / RECORDS_PER_PARTITION;
        long forCores = Math.min(PARALLEL_PARTITIONS, (records + SMALLEST_PARTITION - 1) / SMALLEST_PARTITION);
        return (int) Math.max(1, Math.min(10_000, Math.max(bySize, forCores)));
    }

    /** The 64-bit hash of {@code columns} that spreads and orders records. */
    static Column hash(List<String> columns) {
        return xxhash64(quoted(columns));
    }

    /**
     * The records of {@code data} over its {@code published} columns, each distinct record with its count, spread over
     * {@code partitions} partitions by the hash of those columns and sorted in each by the hash: the published
     * columns, then the hash ({@code _h}) and the count ({@code _c}). Records of equal hash (equal values, or a 64-bit
     * collision) are put in the order of their values as {@link ExtractFiles} writes them.
     *
     * <p>Records are counted before the shuffle when there are at least {@link #COUNT_FIRST_FROM} of them and no
     * published column is a list: lists multiply the combinations (a victims' release has about as many distinct
     * records as records), and in a small release the counting's own stage and generated code cost more than the
     * shuffle it spares (the demo's microdata stage 1.5 -> 2.5 s). Uncounted, each record crosses with a count of 1;
     * the files written are the same either way.
     */
    static Dataset<Row> ordered(Dataset<Row> data, int partitions, List<String> published, long records) {
        return ordered(data, partitions, published, hash(published), counts(data, published, records));
    }

    /** Records from which {@link #ordered} counts them before the shuffle (when no published column is a list). */
    static final long COUNT_FIRST_FROM = 1_000_000;

    /** Whether {@link #ordered} counts {@code records} records of {@code data} before the shuffle. */
    static boolean counts(Dataset<Row> data, List<String> published, long records) {
        org.apache.spark.sql.types.StructType schema = data.schema();
        return records >= COUNT_FIRST_FROM
                && published.stream()
                        .noneMatch(c -> schema.apply(c).dataType() instanceof org.apache.spark.sql.types.ArrayType);
    }

    /**
     * As above, with the hash given over the published columns (tests give a coarse one, so that many distinct
     * records share a hash) and whether to count first.
     */
    static Dataset<Row> ordered(
            Dataset<Row> data, int partitions, List<String> published, Column hash, boolean countFirst) {
        if (published.isEmpty()) {
            throw new IllegalArgumentException("a release needs at least one published column");
        }
        Column[] columns = quoted(published);
        Dataset<Row> counted = countFirst
                ? data.groupBy(columns).agg(count(lit(1)).as(COUNT))
                : data.select(columns).withColumn(COUNT, lit(1L));
        return spread(counted, partitions, published, hash);
    }

    /**
     * As {@link #ordered(Dataset, int, List, long)}, from records already counted: {@code counted} holds the
     * {@code published} columns and a count ({@code _c}, a long) of how many records each row stands for. Equal rows
     * may come more than once (their counts add up as records written side by side); the files written are those
     * the records themselves would give.
     */
    static Dataset<Row> orderedCounts(Dataset<Row> counted, int partitions, List<String> published) {
        if (published.isEmpty()) {
            throw new IllegalArgumentException("a release needs at least one published column");
        }
        List<Column> in = new ArrayList<>(List.of(quoted(published)));
        in.add(col(COUNT));
        return spread(counted.select(in.toArray(Column[]::new)), partitions, published, hash(published));
    }

    /** Spreads counted records over {@code partitions} by {@code hash} and sorts each partition by it. */
    private static Dataset<Row> spread(Dataset<Row> counted, int partitions, List<String> published, Column hash) {
        List<Column> out = new ArrayList<>(List.of(quoted(published)));
        out.add(hash.as(HASH));
        out.add(col(COUNT));
        // In the order the writer takes them before the shuffle, where the hash is computed anyway: after the sort, a
        // projection would copy every row once more. Sorted by the hash alone, which Spark sorts by radix, faster
        // than by the hash and the values.
        return counted.select(out.toArray(Column[]::new))
                .repartition(partitions, col(HASH))
                .sortWithinPartitions(col(HASH));
    }

    private static Column[] quoted(List<String> columns) {
        return columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    }
}
