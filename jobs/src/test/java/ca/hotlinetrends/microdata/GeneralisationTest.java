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
}
