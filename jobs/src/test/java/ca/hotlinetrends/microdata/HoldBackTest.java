package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.trends.OnePassCounts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A closed-year extract's hold-back taken from the records of least hash the trends pass keeps ({@link
 * MicrodataJob#held}) is the one its own scan takes ({@link MicrodataJob#holdBack}): the same records of each year,
 * the same counts.
 */
class HoldBackTest {

    private static final List<String> COLUMNS = List.of("reference_quarter", "a", "b");
    private static final int WIDTH = 5;

    private static Dataset<Row> staged(SparkSession spark) {
        StructType schema = new StructType()
                .add("ref", DataTypes.StringType, false)
                .add("reference_quarter", DataTypes.StringType, false)
                .add("a", DataTypes.StringType, true)
                .add("b", DataTypes.StringType, true);
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        String[] quarters = {"2023Q4", "2024Q1", "2024Q2", "2024Q4", "2025Q2", "2025Q3"};
        for (int i = 0; i < 3_000; i++) {
            String quarter = quarters[random.nextInt(quarters.length)];
            rows.add(RowFactory.create(
                    // references of several lengths and a non-ASCII one: ties are broken by their UTF-8 bytes
                    (i % 97 == 0 ? "é" : "") + "V" + random.nextInt(1_000_000) + "-" + i,
                    quarter,
                    random.nextInt(30) == 0 ? null : "A" + random.nextInt(4),
                    "B" + random.nextInt(3)));
        }
        // 2022 has fewer records than the width: all of them are held back
        rows.add(RowFactory.create("W1", "2022Q3", "A1", "B0"));
        rows.add(RowFactory.create("W2", "2022Q4", "A2", "B1"));
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    private static Map<Integer, Long> perYear(Dataset<Row> staged) {
        Map<Integer, Long> out = new TreeMap<>();
        for (Row r : staged.groupBy(col("reference_quarter").substr(1, 4).as("y"))
                .count()
                .collectAsList()) {
            out.put(Integer.parseInt(r.getString(0)), r.getLong(1));
        }
        out.remove(2023); // a year not to publish
        return out;
    }

    private static void assertSameHoldBack(Column hash) {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> staged = staged(spark);
        Map<Integer, Long> perYear = perYear(staged);
        // As a release does: the scan reads the years to publish only; the trends pass reads every staged record.
        Dataset<Row> open = staged.where(col("reference_quarter")
                .substr(1, 4)
                .isin(perYear.keySet().stream().map(String::valueOf).toArray()));
        MicrodataJob.Held scanned = MicrodataJob.holdBack(spark, open, "ref", COLUMNS, hash, perYear, WIDTH);

        List<OnePassCounts.Spec> specs = List.of(new OnePassCounts.Spec(
                "frequencies",
                List.of(
                        new OnePassCounts.Dimension("a", List.of("A0", "A1", "A2", "A3"), null),
                        new OnePassCounts.Dimension("b", List.of("B0", "B1", "B2"), null)),
                false));
        List<OnePassCounts.Partial> partials =
                OnePassCounts.partials(specs, staged, hash, "ref", WIDTH).collect();
        Map<String, List<OnePassCounts.Candidate>> least = OnePassCounts.least(partials, WIDTH);
        MicrodataJob.Held kept = MicrodataJob.held(spark, open, "ref", COLUMNS, least, perYear, WIDTH);

        assertThat(kept.records()).isEqualTo(scanned.records()).isEqualTo(2 * WIDTH + 2);
        assertThat(kept.counts()).isEqualTo(scanned.counts());
        assertThat(keys(kept.rest())).isEqualTo(keys(scanned.rest())).hasSize((int) (open.count() - 2 * WIDTH - 2));
        assertThat(least.get("2022")).hasSize(2);
        assertThat(least.get("2024")).hasSize(WIDTH);
        assertThat(least.get("2023"))
                .as("kept for every year; the release takes those it publishes")
                .hasSize(WIDTH);
    }

    private static Set<String> keys(Dataset<Row> rest) {
        Set<String> out = new HashSet<>();
        rest.select("ref").collectAsList().forEach(r -> out.add(r.getString(0)));
        return out;
    }

    @Test
    void theReleasesHash_holdsBackTheSameRecordsFromThePass() {
        assertSameHoldBack(MicrodataJob.holdBackHash("ref", 20190501L ^ "victims".hashCode()));
    }

    @Test
    void aCoarseHash_manyTies_brokenByTheKeyAlike() {
        // four hash values only: most records tie, so the key's order decides which are held back
        assertSameHoldBack(pmod(MicrodataJob.holdBackHash("ref", 7L), lit(4L)));
    }
}
