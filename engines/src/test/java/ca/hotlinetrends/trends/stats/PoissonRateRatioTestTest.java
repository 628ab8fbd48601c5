package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonRateRatioTestTest {

    @Test
    void fredericiaExample_matchesPublishedPoissonTestOutput() {
        // R documentation example poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878)):
        // count1 = 11, expected count1 = 6.7174, p-value = 0.07967,
        // 95 percent confidence interval 0.8584264 4.2772659, rate ratio 1.971488.
        PoissonRateRatioTest test = PoissonRateRatioTest.of(11, 800, 6 + 8 + 7, 1083 + 1050 + 878);

        assertThat(test.hasRatio()).isTrue();
        assertThat(test.pValue()).isCloseTo(0.07967, within(5e-6));
        assertThat(test.rateRatio()).isCloseTo(1.971488, within(5e-7));
        assertThat(test.rateRatioInterval().lower()).isCloseTo(0.8584264, within(5e-8));
        assertThat(test.rateRatioInterval().upper()).isCloseTo(4.2772659, within(5e-8));
        assertThat(test.expectedCount1()).isCloseTo(6.7174, within(5e-5));
    }

    @Test
    void allCasesInOnePeriod_giveTwiceTheBinomialTail() {
        // Given n = 5 cases and equal exposures, P(x1 = 5) = P(x1 = 0) = 1/32.
        assertThat(PoissonRateRatioTest.of(5, 0).pValue()).isCloseTo(2.0 / 32, within(1e-15));
        // n = 31: P(x1 <= 1) = (1 + 31) / 2^31 = 2^-26, doubled by symmetry.
        assertThat(PoissonRateRatioTest.of(1, 30).pValue()).isCloseTo(Math.pow(2, -25), within(1e-20));
    }

    @Test
    void swappedPeriods_giveSamePValueAndReciprocalRatio() {
        PoissonRateRatioTest forward = PoissonRateRatioTest.of(10, 3);
        PoissonRateRatioTest backward = PoissonRateRatioTest.of(3, 10);

        assertThat(forward.pValue()).isCloseTo(backward.pValue(), within(1e-15));
        assertThat(forward.rateRatio()).isCloseTo(1 / backward.rateRatio(), within(1e-12));
        assertThat(forward.rateRatioInterval().lower())
                .isCloseTo(1 / backward.rateRatioInterval().upper(), within(1e-9));
        assertThat(forward.rateRatioInterval().upper())
                .isCloseTo(1 / backward.rateRatioInterval().lower(), within(1e-8));
    }

    @Test
    void exposures_scaleTheRatioAndItsInterval() {
        PoissonRateRatioTest test = PoissonRateRatioTest.of(7, 12_000.0, 19, 15_500.0);

        assertThat(test.rateRatio()).isCloseTo((7 / 12_000.0) / (19 / 15_500.0), within(1e-15));
        // Same conditional test, so the same p-value as with the proportion 12000 / 27500 directly.
        assertThat(test.pValue())
                .isCloseTo(ExactBinomialTest.of(7, 26, 12_000.0 / 27_500.0).pValue(), within(1e-15));
        assertThat(test.rateRatioInterval().contains(test.rateRatio())).isTrue();
    }

    @Test
    void equalCounts_giveRatioOneAndPValueOne() {
        PoissonRateRatioTest test = PoissonRateRatioTest.of(7, 7);

        assertThat(test.rateRatio()).isEqualTo(1.0);
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void zeroCounts_giveNoRatio() {
        PoissonRateRatioTest test = PoissonRateRatioTest.of(0, 1000.0, 0, 1200.0);

        assertThat(test.hasRatio()).isFalse();
        assertThat(test.rateRatio()).isNaN();
        assertThat(test.pValue()).isEqualTo(1.0);
        assertThat(test.rateRatioInterval()).isEqualTo(new ConfidenceInterval(0.0, Double.POSITIVE_INFINITY, 0.95));
    }

    @Test
    void zeroSecondCount_givesInfiniteRatioAndUpperBound() {
        PoissonRateRatioTest test = PoissonRateRatioTest.of(5, 0);

        assertThat(test.hasRatio()).isTrue();
        assertThat(test.rateRatio()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(test.rateRatioInterval().upper()).isEqualTo(Double.POSITIVE_INFINITY);
        // pL = (0.025)^(1/5), mapped to odds.
        double pLower = Math.pow(0.025, 0.2);
        assertThat(test.rateRatioInterval().lower()).isCloseTo(pLower / (1 - pLower), within(1e-12));
    }

    @Test
    void zeroFirstCount_givesZeroRatioAndLowerBound() {
        PoissonRateRatioTest test = PoissonRateRatioTest.of(0, 5);

        assertThat(test.rateRatio()).isZero();
        assertThat(test.rateRatioInterval().lower()).isZero();
        double pUpper = 1 - Math.pow(0.025, 0.2);
        assertThat(test.rateRatioInterval().upper()).isCloseTo(pUpper / (1 - pUpper), within(1e-12));
    }

    @Test
    void invalidArguments_areRejectedWithTheValue() {
        assertThatThrownBy(() -> PoissonRateRatioTest.of(-2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count1 must be >= 0. Provided value: -2");
        assertThatThrownBy(() -> PoissonRateRatioTest.of(2, 0.0, 3, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exposure1 must be finite and > 0. Provided value: 0.0");
        assertThatThrownBy(() -> PoissonRateRatioTest.of(2, 1.0, 3, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exposure2 must be finite and > 0. Provided value: NaN");
        assertThatThrownBy(() -> PoissonRateRatioTest.of(Integer.MAX_VALUE, 1.0, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count1 + count2 must be <= 2147483647");
    }
}
