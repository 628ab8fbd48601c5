package ca.hotlinetrends.anonymity.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The metric formulas on hand-built statistics: 10 records, two quasi-identifiers with 2 and 4
 * leaves, minimum class size 2.
 */
class MetricDefinitionsTest {

    private static GeneralisationStatistics levels(long sexExcess, long ageExcess) {
        return new GeneralisationStatistics(10, 2, new int[] {2, 4}, new long[] {sexExcess, ageExcess});
    }

    @Test
    void loss_isTheMeanShareOfLeavesPerRecordAndAttribute() {
        // Age at a level with 2 of 4 leaves per value, nothing suppressed: 10 * (1/3) / (10 * 2).
        NodeStatistics node = new NodeStatistics(levels(0, 10), 0, 50, new long[] {0, 10});

        assertThat(new GeneralisedLoss().value(node)).isCloseTo(1.0 / 6, within(1e-15));
    }

    @Test
    void loss_chargesOnePerAttributeForASuppressedRecord() {
        // Bottom node, one record suppressed: (1 * 2) / 20.
        NodeStatistics node = new NodeStatistics(levels(0, 0), 1, 29, new long[] {0, 0});

        assertThat(new GeneralisedLoss().value(node)).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void loss_ignoresAHierarchyWithOneLeaf() {
        GeneralisationStatistics g = new GeneralisationStatistics(4, 2, new int[] {1, 3}, new long[] {0, 8});
        NodeStatistics node = new NodeStatistics(g, 0, 16, new long[] {0, 8});

        // Only the second attribute costs: 8 / (3 - 1) = 4 over 4 records * 2 attributes.
        assertThat(new GeneralisedLoss().value(node)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void discernibility_isSquaredClassSizesPlusDataSizePerSuppressedRecord() {
        NodeStatistics node = new NodeStatistics(levels(0, 0), 1, 29, new long[] {0, 0});

        assertThat(new Discernibility().value(node)).isEqualTo(39.0);
    }

    @Test
    void credits_matchHandComputedValues() {
        // 3 of 10 records suppressed; age excess 6 over all records, 4 over published ones.
        NodeStatistics node = new NodeStatistics(levels(0, 6), 3, 25, new long[] {0, 4});

        // Loss: (3 * 2 - (6 - 4) / 3) / 20.
        assertThat(new GeneralisedLoss().specialisationCredit(node)).isCloseTo((6 - 2.0 / 3) / 20, within(1e-15));
        // Discernibility: 3 * (10 - 2).
        assertThat(new Discernibility().specialisationCredit(node)).isEqualTo(24.0);
    }

    @Test
    void bounds_neverExceedTheValue() {
        NodeStatistics node = new NodeStatistics(levels(0, 6), 3, 25, new long[] {0, 4});
        for (InformationLossMetric m : new InformationLossMetric[] {new GeneralisedLoss(), new Discernibility()}) {
            double value = m.value(node);
            assertThat(m.boundBeforeEvaluation(node.generalisation())).isLessThanOrEqualTo(value);
            assertThat(m.boundBeforeEvaluation(node.generalisation()) + m.specialisationCredit(node))
                    .isLessThanOrEqualTo(value + 1e-12);
        }
    }

    @Test
    void named_acceptsTheTwoNamesCaseInsensitively() {
        assertThat(InformationLossMetric.named("loss")).isInstanceOf(GeneralisedLoss.class);
        assertThat(InformationLossMetric.named(" Discernibility ")).isInstanceOf(Discernibility.class);
    }

    @Test
    void unknownMetricName_isRejected() {
        assertThatThrownBy(() -> InformationLossMetric.named("entropy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric must be one of [loss, discernibility]")
                .hasMessageContaining("'entropy'");
    }
}
