package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.PrivacyRole;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.trends.OnePassCounts;
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

/**
 * The frequency table a run's trends pass counts for the microdata stage ({@link OnePassCounts.Spec#frequencies},
 * {@link Generalisation#frequencyTable(Map, List, List, String)}) is the one the stage's own aggregation gives, and
 * so is the stage's own one-pass count ({@link Generalisation#counts(Dataset, DatasetSchema, SchemaRegistry, List)}).
 */
class GeneralisationTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    private static Map<List<String>, Long> contents(FrequencyTable t) {
        Map<List<String>, Long> out = new HashMap<>();
        for (int row = 0; row < t.size(); row++) {
            out.merge(t.combination(row), t.count(row), Long::sum);
        }
        return out;
    }

    @Test
    void frequenciesCountedInTheTrendsPass_equalTheStagesOwnHistogram() {
        SparkSession spark = SharedSpark.session();
        DatasetSchema victims = SCHEMAS.dataset("victims");
        List<String> qis = victims.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
        List<String> others = MicrodataJob.frequencyColumns(SCHEMAS).get("victims");
        assertThat(qis).contains("reference_quarter");
        assertThat(others)
                .containsAll(qis.subList(0, qis.size() - 1))
                .doesNotContain("reference_quarter")
                .contains("recruiter_relation");
        List<String> columns = new ArrayList<>(List.of("reference_quarter"));
        columns.addAll(others);
        StructType schema = new StructType();
        for (String q : columns) {
            schema = schema.add(q, DataTypes.StringType, false);
        }
        Random random = new Random(5);
        String[] quarters = {"2025Q4", "2026Q1", "2026Q2"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                String q = columns.get(c);
                if (q.equals("reference_quarter")) {
                    values[c] = quarters[random.nextInt(quarters.length)];
                } else {
                    List<String> codes = SCHEMAS.codeList(
                                    victims.field(q).codeList().orElseThrow())
                            .codes();
                    // now and then a value outside the code list: counted by its text, as Spark's aggregation does
                    values[c] = random.nextInt(100) == 0
                            ? "NOT_A_CODE"
                            : codes.get(random.nextInt(Math.min(3, codes.size())));
                }
            }
            rows.add(RowFactory.create(values));
        }
        Dataset<Row> staged = spark.createDataFrame(rows, schema).repartition(3);

        OnePassCounts.Spec spec = OnePassCounts.Spec.frequencies("victims", victims, others, SCHEMAS);
        List<OnePassCounts.Spec> specs = List.of(spec);
        Map<List<String>, Long> counted = OnePassCounts.merge(
                        specs, staged, OnePassCounts.partials(specs, staged).collect())
                .get(0);
        FrequencyTable fromPass = Generalisation.frequencyTable(counted, columns, qis, null);
        FrequencyTable fromSpark = Generalisation.frequencyTable(
                Generalisation.histogram(staged, qis, null).collectAsList(), qis, null);

        assertThat(fromPass.quasiIdentifiers()).isEqualTo(qis);
        assertThat(fromPass.totalRecords()).isEqualTo(5_000);
        assertThat(contents(fromPass)).isEqualTo(contents(fromSpark));
        assertThat(contents(fromPass).keySet()).as("unknown codes are kept").anyMatch(k -> k.contains("NOT_A_CODE"));
        assertThat(fromPass.size()).isGreaterThan(100);
        // The stage's own counts (anonymize --release, the bench) are the pass's, and the aggregation's.
        Map<List<String>, Long> own = Generalisation.counts(staged, victims, SCHEMAS, columns);
        assertThat(own).isEqualTo(counted).isEqualTo(Generalisation.counts(staged, columns));
        assertThatThrownBy(() -> Generalisation.counts(staged, victims, SCHEMAS, others))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference_quarter");
    }

    /**
     * The published classes of the node (1, 1, 0) of {@link #hierarchies}, each to the values it is published with:
     * most as they are, some with values blanked ({@code *}), some not published at all (about one in six).
     */
    static Map<List<String>, List<String>> outputs(Random random) {
        Map<List<String>, List<String>> outputs = new HashMap<>();
        for (String g : List.of("g0", "g1", "g2")) {
            for (String n : List.of("low", "high")) {
                for (String c : List.of("x", "y", "z")) {
                    int pick = random.nextInt(6);
                    if (pick == 0) {
                        continue;
                    }
                    List<String> from = List.of(g, n, c);
                    outputs.put(from, pick == 1 ? List.of(g, "*", c) : pick == 2 ? List.of("*", n, "*") : from);
                }
            }
        }
        return outputs;
    }

    /** {@code a}: leaves a0..a5 in three groups; {@code n}: leaves 1..6 in two; {@code c}: x, y, z (kept as recorded). */
    static List<ca.hotlinetrends.schema.Hierarchy> hierarchies() {
        List<String[]> a = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            a.add(new String[] {"a" + i, "g" + (i / 2), "*"});
        }
        List<String[]> n = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            n.add(new String[] {String.valueOf(i), i <= 3 ? "low" : "high", "*"});
        }
        List<String[]> c = List.of(new String[] {"x", "*"}, new String[] {"y", "*"}, new String[] {"z", "*"});
        return List.of(
                ca.hotlinetrends.schema.Hierarchy.of("a", a),
                ca.hotlinetrends.schema.Hierarchy.of("n", n),
                ca.hotlinetrends.schema.Hierarchy.of("c", c));
    }

    /**
     * Applying a recoding to a Dataset gives, record by record, what the engine's {@link
     * ca.hotlinetrends.anonymity.Recoding#apply} gives: generalised values, blanks where local suppression blanked,
     * records of unpublished classes left out, and records with a null or a value outside the hierarchy left out
     * too; the other columns (a long, a nullable string, a list) pass through unchanged and in place.
     */
    @Test
    void applyingTheRecoding_agreesRecordByRecordWithTheEngines() {
        SparkSession spark = SharedSpark.session();
        List<ca.hotlinetrends.schema.Hierarchy> hierarchies = hierarchies();
        StructType schema = new StructType()
                .add("id", DataTypes.LongType, false)
                .add("a", DataTypes.StringType, true)
                .add("note", DataTypes.StringType, true)
                .add("n", DataTypes.IntegerType, true)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType), true)
                .add("c", DataTypes.StringType, true);
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 4_000; id++) {
            String a = random.nextInt(50) == 0 ? null : random.nextInt(40) == 0 ? "a9" : "a" + random.nextInt(6);
            Integer n = random.nextInt(50) == 0 ? null : random.nextInt(40) == 0 ? 7 : 1 + random.nextInt(6);
            String c = random.nextInt(60) == 0 ? null : String.valueOf("xyz".charAt(random.nextInt(3)));
            rows.add(RowFactory.create(
                    id,
                    a,
                    random.nextBoolean() ? null : "note " + random.nextInt(9),
                    n,
                    random.nextBoolean() ? List.of("t" + random.nextInt(3), "u") : null,
                    c));
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(3);
        List<Integer> levels = List.of(1, 1, 0);
        // Published classes at that node: most, some with values blanked, a few not published at all, and one
        // that no record falls in.
        Map<List<String>, List<String>> outputs = outputs(random);
        outputs.put(List.of("g9", "low", "x"), List.of("g9", "low", "x"));
        ca.hotlinetrends.anonymity.Recoding recoding =
                ca.hotlinetrends.anonymity.Recoding.of(hierarchies, levels, outputs);
        assertThat(recoding.blanks()).isTrue();

        List<Row> got = Generalisation.apply(spark, data, List.of("a", "n", "c"), recoding)
                .collectAsList();

        Map<Long, List<Object>> expected = new HashMap<>();
        int outside = 0;
        for (Row r : rows) {
            String[] values = {r.getString(1), r.isNullAt(3) ? null : String.valueOf(r.getInt(3)), r.getString(5)};
            String[] published;
            try {
                published = recoding.apply(values);
            } catch (NullPointerException | IllegalArgumentException e) {
                outside++;
                continue;
            }
            if (published != null) {
                expected.put(
                        r.getLong(0),
                        java.util.Arrays.asList(
                                r.getLong(0), published[0], r.getString(2), published[1], r.get(4), published[2]));
            }
        }
        Map<Long, List<Object>> actual = new HashMap<>();
        for (Row r : got) {
            actual.put(
                    r.getLong(0),
                    java.util.Arrays.asList(
                            r.getLong(0),
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.isNullAt(4) ? null : r.getList(4),
                            r.getString(5)));
        }
        assertThat(got).hasSize(actual.size());
        assertThat(outside).as("nulls and values outside the hierarchies occur").isGreaterThan(100);
        assertThat(expected.size())
                .as("some records are suppressed, most are not")
                .isBetween(2_000, 3_700);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.values()).as("blanks occur").anyMatch(v -> "*".equals(v.get(3)));
        List<String> names = List.of(Generalisation.apply(spark, data, List.of("a", "n", "c"), recoding)
                .columns());
        assertThat(names).containsExactly("id", "a", "note", "n", "tags", "c");

        // Without blanks: the same records, generalised values only.
        ca.hotlinetrends.anonymity.Recoding plain =
                ca.hotlinetrends.anonymity.Recoding.of(hierarchies, levels, outputs.keySet());
        long kept = Generalisation.apply(spark, data, List.of("a", "n", "c"), plain)
                .where("a = '*' or n = '*'")
                .count();
        assertThat(kept).isZero();
        assertThat(Generalisation.apply(spark, data, List.of("a", "n", "c"), plain)
                        .count())
                .isEqualTo(expected.size());
    }
}
