package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Record numbers are ranks 1..n that depend on the records alone, not on how the input is split. */
class RecordNumberingTest {

    private static final List<String> COLUMNS = List.of("ref", "province", "quarter");

    private static Dataset<Row> records(SparkSession spark, int n, int inputPartitions) {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        String[] provinces = {"ON", "QC", "BC", "AB", "NS"};
        for (int i = 0; i < n; i++) {
            // Many records share every column but the key: the key alone breaks ties.
            rows.add(RowFactory.create("C" + i, provinces[random.nextInt(provinces.length)], "2026Q" + (1 + i % 3)));
        }
        StructType schema = new StructType().add("ref", DataTypes.StringType, false)
                .add("province", DataTypes.StringType, false).add("quarter", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema).repartition(inputPartitions);
    }

    /** Numbers the records as the microdata job does; returns rank by key, and each output partition's keys in order. */
    private static Map<String, Long> number(Dataset<Row> data, int partitions, List<List<String>> layout) {
        Dataset<Row> spread = RecordNumbering.spread(data, COLUMNS, "ref", partitions);
        long[] offsets = RecordNumbering.offsets(
                RecordNumbering.partitionSizes(data, COLUMNS, partitions).collectAsList(), partitions);
        Dataset<Row> numbered = RecordNumbering.number(spread, offsets);
        List<List<Row>> parts = numbered.select("ref", RecordNumbering.RANK).javaRDD().glom().collect();
        Map<String, Long> rank = new HashMap<>();
        for (List<Row> part : parts) {
            List<String> keys = new ArrayList<>();
            for (Row r : part) {
                rank.put(r.getString(0), r.getLong(1));
                keys.add(r.getString(0));
            }
            layout.add(keys);
        }
        return rank;
    }

    @Test
    void ranksAreOneToNWithoutGaps_andTheSameWhateverTheInputSplits() {
        SparkSession spark = SharedSpark.session();
        int n = 5_000;
        int partitions = 4;
        List<List<String>> layoutA = new ArrayList<>();
        List<List<String>> layoutB = new ArrayList<>();
        Map<String, Long> a = number(records(spark, n, 1), partitions, layoutA);
        Map<String, Long> b = number(records(spark, n, 7), partitions, layoutB);
        assertThat(a).hasSize(n);
        assertThat(a.values()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(b).isEqualTo(a);
        assertThat(layoutB).as("each output partition holds the same records in the same order").isEqualTo(layoutA);
        assertThat(layoutA.stream().filter(l -> !l.isEmpty()).count()).as("records are spread").isGreaterThan(1);
        // Ranks run in output order: partition by partition, then within each.
        long previous = 0;
        for (List<String> part : layoutA) {
            for (String key : part) {
                assertThat(a.get(key)).isEqualTo(previous + 1);
                previous = a.get(key);
            }
        }
    }

    @Test
    void partitionsFollowTheRecordCount_notTheCluster() {
        assertThat(RecordNumbering.partitions(0)).isEqualTo(1);
        assertThat(RecordNumbering.partitions(RecordNumbering.RECORDS_PER_PARTITION)).isEqualTo(1);
        assertThat(RecordNumbering.partitions(RecordNumbering.RECORDS_PER_PARTITION + 1)).isEqualTo(2);
        assertThat(RecordNumbering.partitions(10_000_000)).isEqualTo(20);
    }
}
