package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExactBinomialTestTest {

    /** Binomial pmf from the definition, for references independent of commons-math. */
    private static double pmf(int k, int n, double p) {
        double logChoose = 0.0;
        for (int i = 1; i <= k; i++) {
            logChoose += Math.log(n - k + i) - Math.log(i);
        }
        return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
    }

    /** Two-sided p-value by definition: total probability of outcomes no more likely than the observed one. */
    private static double pValueByDefinition(int x, int n, double p) {
        double observed = pmf(x, n, p);
        double sum = 0.0;
        for (int k = 0; k <= n; k++) {
            double d = pmf(k, n, p);
            if (d <= observed * (1 + 1e-7)) {
                sum += d;
            }
        }
        return Math.min(1.0, sum);
    }

    @Test
    void mendelPeas_matchesPublishedBinomTestOutput() {
        // R documentation, binom.test(682, 925, p = 0.75): p-value = 0.3825,
        // 95 percent confidence interval 0.7076683 0.7654066.
        ExactBinomialTest test = ExactBinomialTest.of(682, 925, 0.75);

        assertThat(test.pValue()).isCloseTo(0.3825, within(5e-5));
        assertThat(test.interval().lower()).isCloseTo(0.7076683, within(5e-8));
        assertThat(test.interval().upper()).isCloseTo(0.7654066, within(5e-8));
        assertThat(test.estimate()).isCloseTo(682.0 / 925, within(1e-15));
    }

    @Test
    void symmetricNull_givesTwiceTheTailProbability() {
        // P(X <= 3) + P(X >= 7) for Binomial(10, 1/2) = 2 (1 + 10 + 45 + 120) / 1024.
        assertThat(ExactBinomialTest.of(3, 10, 0.5).pValue()).isCloseTo(352.0 / 1024, within(1e-14));
    }

    @Test
    void asymmetricNull_sumsOutcomesNoMoreLikelyThanObserved() {
        int[][] cases = {{2, 12}, {9, 12}, {0, 7}, {5, 20}, {14, 20}, {1, 3}};
        for (int[] c : cases) {
            assertThat(ExactBinomialTest.of(c[0], c[1], 0.4).pValue())
                    .as("x=%d n=%d", c[0], c[1])
                    .isCloseTo(pValueByDefinition(c[0], c[1], 0.4), within(1e-12));
        }
    }

    @Test
    void observedEqualToExpected_givesPValueOne() {
        assertThat(ExactBinomialTest.of(4, 10, 0.4).pValue()).isEqualTo(1.0);
    }

    @Test
    void clopperPearson_boundsSolveTheirDefiningTailEquations() {
        ExactBinomialTest test = ExactBinomialTest.of(3, 17, 0.5);
        double lower = test.interval().lower();
        double upper = test.interval().upper();
        double atLeast3AtLower = 0.0;
        double atMost3AtUpper = 0.0;
        for (int k = 0; k <= 17; k++) {
            if (k >= 3) {
                atLeast3AtLower += pmf(k, 17, lower);
            }
            if (k <= 3) {
                atMost3AtUpper += pmf(k, 17, upper);
            }
        }
        assertThat(atLeast3AtLower).isCloseTo(0.025, within(1e-12));
        assertThat(atMost3AtUpper).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void extremeOutcomes_haveClosedFormBounds() {
        // x = 0: upper = 1 - (alpha/2)^(1/n); x = n: lower = (alpha/2)^(1/n).
        assertThat(ExactBinomialTest.of(0, 8, 0.3).interval().lower()).isZero();
        assertThat(ExactBinomialTest.of(0, 8, 0.3).interval().upper())
                .isCloseTo(1 - Math.pow(0.025, 1.0 / 8), within(1e-13));
        assertThat(ExactBinomialTest.of(8, 8, 0.3).interval().upper()).isEqualTo(1.0);
        assertThat(ExactBinomialTest.of(8, 8, 0.3).interval().lower())
                .isCloseTo(Math.pow(0.025, 1.0 / 8), within(1e-13));
    }

    @Test
    void rareEvent_lowerBoundKeepsRelativePrecision() {
        // x = 1: lower = qbeta(0.025, 1, n) solves 1 - (1 - p)^n = 0.025, i.e. p = -expm1(log(0.975) / n).
        double expected = -Math.expm1(Math.log(0.975) / 1_000_000);

        assertThat(ExactBinomialTest.of(1, 1_000_000, 1e-6).interval().lower())
                .isCloseTo(expected, within(expected * 1e-12));
    }

    @Test
    void noTrials_givePValueOneAndNoEstimate() {
        ExactBinomialTest test = ExactBinomialTest.of(0, 0, 0.5);

        assertThat(test.pValue()).isEqualTo(1.0);
        assertThat(test.estimate()).isNaN();
        assertThat(test.interval()).isEqualTo(new ConfidenceInterval(0.0, 1.0, 0.95));
    }

    @Test
    void degenerateNullProbability_isDecidedExactly() {
        assertThat(ExactBinomialTest.of(0, 5, 0.0).pValue()).isEqualTo(1.0);
        assertThat(ExactBinomialTest.of(1, 5, 0.0).pValue()).isEqualTo(0.0);
        assertThat(ExactBinomialTest.of(5, 5, 1.0).pValue()).isEqualTo(1.0);
    }

    @Test
    void invalidArguments_areRejectedWithTheValue() {
        assertThatThrownBy(() -> ExactBinomialTest.of(6, 5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("successes must be <= trials")
                .hasMessageContaining("6");
        assertThatThrownBy(() -> ExactBinomialTest.of(-1, 5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("successes must be >= 0. Provided value: -1");
        assertThatThrownBy(() -> ExactBinomialTest.of(1, 5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null probability must be >= 0 and <= 1. Provided value: 1.5");
        assertThatThrownBy(() -> ExactBinomialTest.of(1, 5, 0.5, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence level must be > 0 and < 1. Provided value: 1.0");
    }
}
