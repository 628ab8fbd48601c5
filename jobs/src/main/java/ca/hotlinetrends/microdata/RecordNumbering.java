package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Numbers the records of a release in parallel, the same way whatever the cluster: the number depends on the records
 * alone, never on how the input happened to be split or on how many cores read it.
 *
 * <p>Records are spread over a fixed number of partitions (from the record count, not from the cluster: {@link
 * #partitions}) by a 64-bit
 * hash of all their columns, and sorted in each partition by that hash, then by the key (unique, so the order is
 * total). Which partition a record lands in is a function of its hash, so the partitions hold the same records in
 * the same order on any master. A record's number is its partition's index and its place there, packed in one long
 * ({@code monotonically_increasing_id}: index shifted left 33 bits, plus place): unique, and saying nothing of the
 * record's content or of its reference's order. No pass is needed to count the partitions first. Each partition
 * becomes one file of the release. Pure transformations.
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
    /** The number {@link #number} adds. */
    static final String NUMBER = "_n";
    /** The key, as {@link #ordered} leaves it after the published columns and the hash. */
    static final String KEY = "_k";

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

    /** The 64-bit hash of {@code hashed} that spreads and orders records. */
    static Column hash(List<String> hashed) {
        return xxhash64(hashed.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
    }

    /**
     * The records spread over {@code partitions} partitions by the hash of {@code hashed}, sorted in each by that hash
     * and then by {@code key}, each with its number, {@code _n}.
     */
    static Dataset<Row> number(Dataset<Row> data, List<String> hashed, String key, int partitions) {
        return number(data, hash(hashed), key, partitions);
    }

    /** As above, with the hash given (tests give a coarse one, so that many records share a hash). */
    static Dataset<Row> number(Dataset<Row> data, Column hash, String key, int partitions) {
        return data.withColumn(HASH, hash)
                .repartition(partitions, col(HASH))
                .sortWithinPartitions(col(HASH), col(key))
                .withColumn(NUMBER, monotonically_increasing_id())
                .drop(HASH);
    }

    /**
     * The records spread as {@link #number} does, with only the {@code published} columns followed by the hash
     * ({@code _h}) and the key ({@code _k}), not numbered: sorted in each partition by the hash alone, which Spark
     * sorts by radix, faster than by the hash and the key. {@link ExtractFiles} puts records of equal hash (a 64-bit
     * collision: almost never) in the order of their keys as it writes them, so that the order is {@link #number}'s,
     * and numbers them: a record's number is its partition's index shifted left 33 bits plus its place there.
     */
    static Dataset<Row> ordered(
            Dataset<Row> data, List<String> hashed, String key, int partitions, List<Column> published) {
        return ordered(data, hash(hashed), key, partitions, published);
    }

    /** As above, with the hash given. */
    static Dataset<Row> ordered(Dataset<Row> data, Column hash, String key, int partitions, List<Column> published) {
        List<Column> columns = new java.util.ArrayList<>(published);
        columns.add(col(HASH));
        columns.add(col(key).cast("string").as(KEY));
        // Only the published columns, the hash and the key cross the shuffle (the technical columns are hashed, then
        // left behind); selecting keeps the records and their order.
        return data.withColumn(HASH, hash)
                .select(columns.toArray(Column[]::new))
                .repartition(partitions, col(HASH))
                .sortWithinPartitions(col(HASH));
    }
}
