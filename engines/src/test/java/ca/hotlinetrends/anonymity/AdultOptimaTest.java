package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ca.hotlinetrends.schema.Hierarchy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression table on the Adult reference data (30,162 records, all nine attributes as
 * quasi-identifiers, 12,960 lattice nodes): the search must reach the known global optima.
 */
class AdultOptimaTest {

    private static FrequencyTable table;
    private static List<Hierarchy> hierarchies;

    @BeforeAll
    static void load() {
        table = AdultReference.table();
        hierarchies = AdultReference.hierarchies();
    }

    static Stream<Arguments> optima() {
        return Stream.of(
                // k, suppression limit, metric, optimum, tolerance, node (or null), suppressed (or -1)
                Arguments.of(5, 0.04, "loss", 0.292816, 5e-7, List.of(0, 3, 0, 1, 1, 1, 1, 2, 0), 1178L),
                Arguments.of(11, 0.05, "loss", 0.329523, 5e-7, List.of(0, 4, 0, 1, 2, 1, 1, 1, 0), 1507L),
                Arguments.of(5, 0.04, "discernibility", 7_220_555.0, 0.0, null, -1L));
    }

    private static AnonymityConfig config(int k, double limit, String metric) {
        return AnonymityConfig.builder()
                .quasiIdentifiers(AdultReference.QUASI_IDENTIFIERS)
                .hierarchies(hierarchies)
                .k(k)
                .suppressionLimit(limit)
                .metric(metric)
                .build();
    }

    @ParameterizedTest(name = "k={0}, limit={1}, {2} -> {3}")
    @MethodSource("optima")
    void search_reachesTheKnownOptimum(
            int k, double limit, String metric, double optimum, double tolerance, List<Integer> node, long suppressed) {
        AnonymityResult result = Anonymizer.anonymize(config(k, limit, metric), table);

        assertThat(result.metricValue()).isCloseTo(optimum, within(tolerance));
        if (node != null) {
            assertThat(result.levels()).isEqualTo(node);
            assertThat(result.suppressedRecords()).isEqualTo(suppressed);
        }
        assertThat(result.latticeSize()).isEqualTo(12_960);
        assertThat(result.nodesEvaluated()).isBetween(1, 12_960);
        assertThat(result.totalRecords()).isEqualTo(30_162);
        assertThat(result.suppressedRecords()).isLessThanOrEqualTo((long) Math.floor(limit * 30_162));
        assertThat(result.publishedClasses())
                .allSatisfy(c -> assertThat(c.size()).isGreaterThanOrEqualTo(k));
        assertThat(result.classes())
                .filteredOn(EquivalenceClass::suppressed)
                .allSatisfy(c -> assertThat(c.size()).isLessThan(k));
        assertThat(result.riskAfter().highestRisk()).isLessThanOrEqualTo(1.0 / k);
        assertThat(result.riskAfter().records()).isEqualTo(result.publishedRecords());
    }

    @Test
    void recoding_reproducesTheReleaseRecordByRecord() {
        AnonymityResult result = Anonymizer.anonymize(config(5, 0.04, "loss"), table);

        long suppressed = 0;
        long published = 0;
        for (int row = 0; row < table.size(); row++) {
            String[] out = result.apply(table.combination(row).toArray(new String[0]));
            if (out == null) {
                suppressed += table.count(row);
            } else {
                published += table.count(row);
                assertThat(out[1]).isEqualTo(hierarchies.get(1).generalise(table.value(row, 1), 3));
            }
        }
        assertThat(suppressed).isEqualTo(1178);
        assertThat(published).isEqualTo(30_162 - 1178);
    }

    @Test
    void assess_agreesWithTheSearchAtTheOptimum() {
        AnonymityConfig config = config(11, 0.05, "loss");
        NodeAssessment node = Anonymizer.assess(config, table, List.of(0, 4, 0, 1, 2, 1, 1, 1, 0));

        assertThat(node.feasible()).isTrue();
        assertThat(node.suppressedRecords()).isEqualTo(1507);
        assertThat(node.metricValue()).isCloseTo(0.329523, within(5e-7));
    }

    @Test
    void riskBefore_describesTheOriginalCombinations() {
        AnonymityResult result = Anonymizer.anonymize(config(5, 0.04, "loss"), table);

        assertThat(result.riskBefore().records()).isEqualTo(30_162);
        assertThat(result.riskBefore().classes()).isEqualTo(table.size());
        assertThat(result.riskBefore().highestRisk()).isEqualTo(1.0);
        assertThat(result.riskBefore().sampleUniqueShare()).isGreaterThan(0.0);
        assertThat(result.riskAfter().sampleUniqueShare()).isZero();
        assertThat(result.riskAfter().recordsAtRisk()).isZero();
    }
}
