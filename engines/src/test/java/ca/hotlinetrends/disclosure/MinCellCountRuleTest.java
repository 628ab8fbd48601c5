package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinCellCountRuleTest {

    @Test
    void countsFromOneToBelowTheThreshold_areSensitive() {
        MinCellCountRule rule = MinCellCountRule.defaults();

        assertThat(rule.isSensitive(0)).isFalse();
        assertThat(rule.isSensitive(1)).isTrue();
        assertThat(rule.isSensitive(4)).isTrue();
        assertThat(rule.isSensitive(5)).isFalse();
        assertThat(rule.isSensitive(500)).isFalse();
    }

    @Test
    void thresholdOne_flagsNothing() {
        assertThat(new MinCellCountRule(1).isSensitive(1)).isFalse();
    }

    @Test
    void thresholdBelowOne_isRejected() {
        assertThatThrownBy(() -> new MinCellCountRule(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minCellCount must be >= 1. Provided value: 0");
    }
}
