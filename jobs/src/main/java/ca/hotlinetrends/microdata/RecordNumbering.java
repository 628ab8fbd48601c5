package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.assert_true;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Numbers the records of a release in parallel, the same way whatever the cluster: the number is the record's rank
 * in a total order that depends on the records alone, never on how the input happened to be split.
 *
 * <p>Records are spread over a fixed number of partitions (from the record count, not from the cluster's cores) by a
 * 64-bit hash of all their columns, and sorted in each partition by that hash, then by the key (unique, so the order
 * is total). The order is thus (partition, hash, key): which partition a record lands in is a function of its hash,
 * so partitions hold the same records in the same order on any master. The rank is the sizes of the partitions before
 * the record's, plus its place in its own. Sorting on a fixed-width hash is fast, and a rank says nothing of a
 * record's content or of its reference's order. Each partition becomes one file of the release.
 *
 * <p>Pure transformations; the shell collects {@link #partitionSizes} and passes the {@link #offsets} to
 * {@link #number}.
 */
final class RecordNumbering {

    /** Records per partition (and per published file) aimed at. */
    static final long RECORDS_PER_PARTITION = 500_000;

    private static final String HASH = "_h";
    private static final String PARTITION = "_p";
    /** The 1-based rank {@link #number} adds. */
    static final String RANK = "_n";

    private RecordNumbering() {
    }

    /** How many partitions {@code records} records are spread over: at least one. */
    static int partitions(long records) {
        return (int) Math.max(1, Math.min(10_000, (records + RECORDS_PER_PARTITION - 1) / RECORDS_PER_PARTITION));
    }

    /**
     * The records spread over {@code partitions} partitions by the hash of {@code hashed} and sorted in each by that
     * hash, then by {@code key}; with the hash column {@code _h} added.
     */
    static Dataset<Row> spread(Dataset<Row> data, List<String> hashed, String key, int partitions) {
        Column hash = xxhash64(hashed.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
        return data.withColumn(HASH, hash).repartition(partitions, col(HASH)).sortWithinPartitions(col(HASH), col(key));
    }

    /**
     * The partition {@link #spread} puts a record in: {@code pmod(hash(_h), partitions)}, which is how Spark's hash
     * partitioning places a row ({@code hash} is Spark's Murmur3 with seed 42). {@link #number} checks, for every
     * record, that this is the partition it is in, and fails the job if Spark ever placed rows differently.
     */
    private static Column partitionOf(int partitions) {
        return pmod(hash(col(HASH)), lit(partitions));
    }

    /**
     * {@code _p, n}: the number of records {@link #spread} puts in each non-empty partition, computed without moving
     * the records (an aggregate on the partition each will land in).
     */
    static Dataset<Row> partitionSizes(Dataset<Row> data, List<String> hashed, int partitions) {
        Column hash = xxhash64(hashed.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
        return data.select(hash.as(HASH)).groupBy(partitionOf(partitions).as(PARTITION)).count();
    }

    /** The partition sizes, collected, as the rank each partition starts after: {@code offsets[p]}. */
    static long[] offsets(List<Row> sizes, int partitions) {
        long[] n = new long[partitions];
        for (Row r : sizes) {
            n[r.getInt(0)] = r.getLong(1);
        }
        long[] offsets = new long[partitions];
        for (int p = 1; p < partitions; p++) {
            offsets[p] = offsets[p - 1] + n[p - 1];
        }
        return offsets;
    }

    /** {@link #spread}'s records with their 1-based rank, {@code _n} (and without the hash column). */
    static Dataset<Row> number(Dataset<Row> spread, long[] offsets) {
        Column partition = spark_partition_id();
        Column start = element_at(array(Arrays.stream(offsets).mapToObj(o -> lit(o)).toArray(Column[]::new)),
                partition.plus(1));
        // monotonically_increasing_id is the partition's index shifted left 33 bits plus the record's place in it.
        Column place = monotonically_increasing_id().minus(shiftleft(partition.cast("long"), 33));
        Column placed = assert_true(partition.equalTo(partitionOf(offsets.length)),
                lit("a record is not in the partition its rank was computed for"));
        return spread.withColumn(RANK, when(placed.isNull(), start.plus(place).plus(1))).drop(HASH);
    }
}
