package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both metrics on {@link TinyTable}, node by node, against values computed by hand. */
class TinyTableMetricsTest {

    private static final double EXACT = 1e-12;

    @ParameterizedTest(name = "k={0} node ({1},{2}): {3} suppressed, loss {4}, discernibility {5}")
    @CsvSource({
        // k, sex, age, suppressed, loss, discernibility
        // (0,0) k=2: (F,30) suppressed: loss = 1 record * 2 QIs / 20; DM = 9 + 4 + 16 + 1 * 10
        "2, 0, 0, 1, 0.1, 39",
        // (0,1): two classes of 5, age costs (2-1)/(4-1) per record: 10 * 1/3 / 20
        "2, 0, 1, 0, 0.16666666666666666, 50",
        // (1,0): 9 published records cost 1 for sex, the suppressed one 2: 11 / 20; DM = 29 + 10
        "2, 1, 0, 1, 0.55, 39",
        // (1,1): 10 records * (1 + 1/3) / 20
        "2, 1, 1, 0, 0.6666666666666666, 50",
        // (0,2): age fully generalised: 10 / 20
        "2, 0, 2, 0, 0.5, 50",
        // top: everything generalised, one class of 10
        "2, 1, 2, 0, 1.0, 100",
        // (0,0) k=3: (M,25) and (F,30) suppressed: 3 * 2 / 20; DM = 9 + 16 + 3 * 10
        "3, 0, 0, 3, 0.3, 55",
        // (1,0) k=3: 7 published cost 1, 3 suppressed cost 2: 13 / 20
        "3, 1, 0, 3, 0.65, 55"
    })
    void metrics_matchHandComputedValues(int k, int sex, int age, long suppressed, double loss, double dm) {
        AnonymityConfig lossConfig =
                TinyTable.config().k(k).suppressionLimit(0.5).metric("loss").build();
        AnonymityConfig dmConfig = TinyTable.config()
                .k(k)
                .suppressionLimit(0.5)
                .metric("discernibility")
                .build();

        NodeAssessment byLoss = Anonymizer.assess(lossConfig, TinyTable.table(), List.of(sex, age));
        NodeAssessment byDm = Anonymizer.assess(dmConfig, TinyTable.table(), List.of(sex, age));

        assertThat(byLoss.suppressedRecords()).isEqualTo(suppressed);
        assertThat(byLoss.metricValue()).isCloseTo(loss, within(EXACT));
        assertThat(byDm.metricValue()).isEqualTo(dm);
    }

    @Test
    void metrics_canDecreaseWhenGeneralising() {
        // With suppression neither metric is monotone, so the search must not prune on values:
        // k=3, (0,0) suppresses 3 records (loss 0.3, DM 55); its generalisation (0,1) none (1/6, 50).
        AnonymityConfig loss =
                TinyTable.config().k(3).suppressionLimit(0.3).metric("loss").build();
        AnonymityConfig dm = TinyTable.config()
                .k(3)
                .suppressionLimit(0.3)
                .metric("discernibility")
                .build();

        assertThat(Anonymizer.assess(loss, TinyTable.table(), List.of(0, 1)).metricValue())
                .isLessThan(Anonymizer.assess(loss, TinyTable.table(), List.of(0, 0))
                        .metricValue());
        assertThat(Anonymizer.assess(dm, TinyTable.table(), List.of(0, 1)).metricValue())
                .isLessThan(
                        Anonymizer.assess(dm, TinyTable.table(), List.of(0, 0)).metricValue());
        assertThat(Anonymizer.anonymize(loss, TinyTable.table()).levels()).containsExactly(0, 1);
    }

    @Test
    void loss_optimumSuppressesTheSingleton() {
        AnonymityResult result = Anonymizer.anonymize(
                TinyTable.config().k(2).suppressionLimit(0.1).metric("loss").build(), TinyTable.table());

        assertThat(result.levels()).containsExactly(0, 0);
        assertThat(result.metricValue()).isCloseTo(0.1, within(EXACT));
        assertThat(result.suppressedRecords()).isEqualTo(1);
        assertThat(result.apply("F", "30")).isNull();
        assertThat(result.apply("M", "25")).containsExactly("M", "25");
    }

    @Test
    void discernibilityTie_goesToTheLowerSumOfLevels() {
        // (0,0) and (1,0) both cost 39; (0,0) has the lower sum of levels.
        AnonymityResult result = Anonymizer.anonymize(
                TinyTable.config()
                        .k(2)
                        .suppressionLimit(0.1)
                        .metric("discernibility")
                        .build(),
                TinyTable.table());

        assertThat(result.metricValue()).isEqualTo(39.0);
        assertThat(result.levels()).containsExactly(0, 0);
    }

    @Test
    void withoutSuppression_theOptimumGeneralisesAge() {
        AnonymityResult result =
                Anonymizer.anonymize(TinyTable.config().k(2).metric("loss").build(), TinyTable.table());

        assertThat(result.levels()).containsExactly(0, 1);
        assertThat(result.suppressedRecords()).isZero();
        assertThat(result.metricValue()).isCloseTo(1.0 / 6, within(EXACT));
        assertThat(result.publishedClasses())
                .extracting(EquivalenceClass::values)
                .containsExactlyInAnyOrder(List.of("M", "20-29"), List.of("F", "30-39"));
    }

    @Test
    void searchResult_reportsLatticeAndEvaluations() {
        AnonymityResult result = Anonymizer.anonymize(TinyTable.config().k(2).build(), TinyTable.table());

        assertThat(result.latticeSize()).isEqualTo(6);
        assertThat(result.nodesEvaluated()).isBetween(1, 6);
        assertThat(result.metric()).isEqualTo("loss");
        assertThat(result.level("age")).isEqualTo(1);
    }
}
