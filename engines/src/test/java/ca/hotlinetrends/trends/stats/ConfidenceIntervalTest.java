package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {

    @Test
    void unboundedUpper_isAllowed() {
        assertThat(new ConfidenceInterval(0.0, Double.POSITIVE_INFINITY, 0.95).contains(1e300))
                .isTrue();
    }

    @Test
    void invertedOrNaNBounds_areRejected() {
        assertThatThrownBy(() -> new ConfidenceInterval(2.0, 1.0, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval lower bound must be <= upper bound. Provided values: [2.0, 1.0]");
        assertThatThrownBy(() -> new ConfidenceInterval(Double.NaN, 1.0, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval bounds must not be NaN. Provided values: [NaN, 1.0]");
        assertThatThrownBy(() -> new ConfidenceInterval(0.0, 1.0, 95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence level must be > 0 and < 1. Provided value: 95.0");
    }
}
