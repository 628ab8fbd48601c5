package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class MannKendallTest {

    @Test
    void seriesWithTies_matchesHandComputation() {
        // x = 1 3 3 2 5 5 5 4 6 8. Pairs (later minus earlier), by first index:
        // 1: +9; 3: +6 -1 (one tie); 3: +6 -1; 2: +6; 5: +2 -1 (two ties); 5: +2 -1 (one tie);
        // 5: +2 -1; 4: +2; 6: +1 => S = 9 + 5 + 5 + 6 + 1 + 1 + 1 + 2 + 1 = 31.
        // Ties: one group of 2 (the 3s), one of 3 (the 5s):
        // Var S = [10*9*25 - 2*1*9 - 3*2*11] / 18 = (2250 - 18 - 66) / 18 = 120.333...
        // Z = (31 - 1) / sqrt(120.333...); p = 2 (1 - Phi(Z)).
        MannKendall mk = MannKendall.test(1, 3, 3, 2, 5, 5, 5, 4, 6, 8);

        double variance = 2166.0 / 18.0;
        double z = 30 / Math.sqrt(variance);
        assertThat(mk.s()).isEqualTo(31);
        assertThat(mk.variance()).isCloseTo(variance, within(1e-12));
        assertThat(mk.z()).isCloseTo(z, within(1e-12));
        assertThat(mk.z()).isCloseTo(2.7348, within(5e-5));
        assertThat(mk.pValue())
                .isCloseTo(2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-z), within(1e-12));
        assertThat(mk.pValue()).isCloseTo(0.00624, within(5e-6));
    }

    @Test
    void seriesWithTies_hasMedianPairwiseSlope() {
        // 45 pairwise slopes of the series above; their median (23rd smallest) is 0.6
        // (scipy.stats.theilslopes gives the same).
        assertThat(MannKendall.test(1, 3, 3, 2, 5, 5, 5, 4, 6, 8).senSlope()).isCloseTo(0.6, within(1e-15));
    }

    @Test
    void strictlyDecreasingSeries_hasMinimalS() {
        // n = 5, no ties: S = -10, Var = 5*4*15/18 = 50/3, Z = (S + 1) / sqrt(Var).
        MannKendall mk = MannKendall.test(9, 7, 4, 2, 1);

        assertThat(mk.s()).isEqualTo(-10);
        assertThat(mk.variance()).isCloseTo(50.0 / 3, within(1e-12));
        assertThat(mk.z()).isCloseTo(-9 / Math.sqrt(50.0 / 3), within(1e-12));
        // Pairwise slopes: -2 -2.5 -2.333 -2 -3 -2.5 -2 -2 -1.5 -1; median of ten = -2.
        assertThat(mk.senSlope()).isCloseTo(-2.0, within(1e-15));
    }

    @Test
    void evenNumberOfSlopes_takesMeanOfMiddleTwo() {
        // n = 4 (six slopes): 1, 2.5, 2, 4, 2.5, 1 -> sorted 1 1 2 2.5 2.5 4 -> median (2 + 2.5) / 2.
        assertThat(MannKendall.test(0, 1, 5, 6).senSlope()).isCloseTo(2.25, within(1e-15));
    }

    @Test
    void zeroS_givesZeroZAndPValueOne() {
        // Pairs: 1 -> 2 up, 1 -> 1 tie, 2 -> 1 down.
        MannKendall mk = MannKendall.test(1, 2, 1);

        assertThat(mk.s()).isZero();
        assertThat(mk.z()).isZero();
        assertThat(mk.pValue()).isEqualTo(1.0);
    }

    @Test
    void constantSeries_hasZeroVarianceAndPValueOne() {
        MannKendall mk = MannKendall.test(4, 4, 4, 4);

        assertThat(mk.variance()).isZero();
        assertThat(mk.z()).isZero();
        assertThat(mk.pValue()).isEqualTo(1.0);
        assertThat(mk.senSlope()).isZero();
    }

    @Test
    void invalidSeries_areRejectedWithTheValue() {
        assertThatThrownBy(() -> MannKendall.test(1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series must have at least 3 values. Provided length: 2");
        assertThatThrownBy(() -> MannKendall.test(new double[MannKendall.MAX_POINTS + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series must have at most 10000 values. Provided length: 10001");
        assertThatThrownBy(() -> MannKendall.test(1, Double.NaN, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series value at index 1 must be finite. Provided value: NaN");
    }
}
