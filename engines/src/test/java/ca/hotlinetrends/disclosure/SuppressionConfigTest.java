package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SuppressionConfigTest {

    @Test
    void defaults_areTheStrictSettings() {
        SuppressionConfig config = SuppressionConfig.defaults();

        assertThat(config.minCellCount()).isEqualTo(5);
        assertThat(config.protectionWidth()).isEqualTo(5);
        assertThat(config.complementarySuppression()).isTrue();
        assertThat(config.suppressionCost(7)).isEqualTo(8.0);
    }

    @Test
    void protectionWidth_defaultsToMinCellCount() {
        assertThat(SuppressionConfig.builder().minCellCount(10).build().protectionWidth())
                .isEqualTo(10);
        assertThat(SuppressionConfig.builder()
                        .minCellCount(10)
                        .protectionWidth(3)
                        .build()
                        .protectionWidth())
                .isEqualTo(3);
    }

    @Test
    void minCellCountBelowOne_isRejected() {
        assertThatThrownBy(() -> SuppressionConfig.builder().minCellCount(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minCellCount must be >= 1. Provided value: 0");
    }

    @Test
    void protectionWidthBelowOne_isRejected() {
        assertThatThrownBy(() -> SuppressionConfig.builder().protectionWidth(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protectionWidth must be >= 1. Provided value: 0");
    }

    @Test
    void negativeOrNonFiniteCostWeights_areRejected() {
        assertThatThrownBy(
                        () -> SuppressionConfig.builder().costPerUnitCount(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("costPerUnitCount must be finite and >= 0. Provided value: -1.0");
        assertThatThrownBy(() ->
                        SuppressionConfig.builder().costPerCell(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("costPerCell");
        assertThatThrownBy(() -> SuppressionConfig.builder()
                        .costPerCell(Double.POSITIVE_INFINITY)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("costPerCell");
    }

    @Test
    void bothCostWeightsZero_isRejected() {
        assertThatThrownBy(() -> SuppressionConfig.builder()
                        .costPerUnitCount(0)
                        .costPerCell(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not both be 0");
    }
}
