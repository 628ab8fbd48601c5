package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void adjustedValues_matchHandComputedPAdjust_inInputOrder() {
        // m = 7, sorted p: 0.005 0.01 0.03 0.04 0.04 0.2 0.9; m p(i) / i: 0.035 0.035 0.07 0.07 0.056
        // 0.2333 0.9; running minimum from the largest: 0.035 0.035 0.056 0.056 0.056 0.2333 0.9.
        BenjaminiHochberg bh = BenjaminiHochberg.adjust(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9);

        assertThat(bh.adjustedPValues())
                .containsExactly(new double[] {0.035, 0.056, 0.056, 0.035, 0.2 * 7 / 6, 0.056, 0.9}, within(1e-15));
        assertThat(bh.significant()).containsExactly(true, false, false, true, false, false, false);
        assertThat(bh.significant(0.06)).containsExactly(true, true, true, true, false, true, false);
    }

    @Test
    void publishedExample_rejectsFourHypotheses() {
        // Benjamini and Hochberg (1995), section 4: 15 p-values, q = 0.05, the four smallest rejected.
        double[] p = {
            0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528,
            0.7590, 1.0000
        };
        BenjaminiHochberg bh = BenjaminiHochberg.adjust(p);

        boolean[] flags = bh.significant(0.05);
        int rejected = 0;
        for (boolean flag : flags) {
            rejected += flag ? 1 : 0;
        }
        assertThat(rejected).isEqualTo(4);
        assertThat(flags[3]).isTrue();
        assertThat(flags[4]).isFalse();
        // The fourth: 15 * 0.0095 / 4; the fifth: min(15 * 0.0201 / 5, ...) = 0.0603.
        assertThat(bh.adjustedPValue(3)).isCloseTo(0.035625, within(1e-15));
        assertThat(bh.adjustedPValue(4)).isCloseTo(0.0603, within(1e-15));
        assertThat(bh.adjustedPValue(14)).isEqualTo(1.0);
    }

    @Test
    void adjustedValues_neverExceedOne_andNeverFallBelowRaw() {
        BenjaminiHochberg bh = BenjaminiHochberg.adjust(0.9, 0.95, 0.99, 0.5);
        double[] raw = bh.pValues();
        double[] adjusted = bh.adjustedPValues();
        for (int i = 0; i < raw.length; i++) {
            assertThat(adjusted[i]).isBetween(raw[i], 1.0);
        }
    }

    @Test
    void tiedPValues_getEqualAdjustedValues() {
        assertThat(BenjaminiHochberg.adjust(0.04, 0.01, 0.03, 0.02).adjustedPValues())
                .containsExactly(new double[] {0.04, 0.04, 0.04, 0.04}, within(1e-15));
        assertThat(BenjaminiHochberg.adjust(0.02, 0.02, 0.5).adjustedPValues())
                .containsExactly(new double[] {0.03, 0.03, 0.5}, within(1e-15));
    }

    @Test
    void singleHypothesis_isLeftUnadjusted() {
        assertThat(BenjaminiHochberg.adjust(0.03).adjustedPValue(0)).isEqualTo(0.03);
    }

    @Test
    void emptyFamily_givesEmptyResult() {
        BenjaminiHochberg bh = BenjaminiHochberg.adjust();

        assertThat(bh.size()).isZero();
        assertThat(bh.adjustedPValues()).isEmpty();
        assertThat(bh.significant()).isEmpty();
    }

    @Test
    void input_isCopied() {
        double[] p = {0.01, 0.02};
        BenjaminiHochberg bh = BenjaminiHochberg.adjust(p);
        p[0] = 0.9;

        assertThat(bh.pValues()).containsExactly(0.01, 0.02);
    }

    @Test
    void invalidPValues_andLevels_areRejectedWithTheValue() {
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(0.01, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p-value at index 1 must be >= 0 and <= 1. Provided value: NaN");
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(1.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p-value at index 0 must be >= 0 and <= 1. Provided value: 1.2");
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(0.1).significant(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("significance level must be > 0 and < 1. Provided value: 0.0");
    }
}
