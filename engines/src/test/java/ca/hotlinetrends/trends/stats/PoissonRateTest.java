package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonRateTest {

    /** P(X <= k) for X ~ Poisson(mu), summed from the definition. */
    private static double poissonCdf(long k, double mu) {
        double term = Math.exp(-mu);
        double sum = term;
        for (long i = 1; i <= k; i++) {
            term *= mu / i;
            sum += term;
        }
        return sum;
    }

    @Test
    void zeroCount_hasLowerBoundZeroAndClosedFormUpper() {
        PoissonRate rate = PoissonRate.of(0, 1.0, 1.0, 0.95);

        assertThat(rate.rate()).isZero();
        assertThat(rate.interval().lower()).isZero();
        // P(X = 0; mu) = exp(-mu) = 0.025.
        assertThat(rate.interval().upper()).isCloseTo(-Math.log(0.025), within(1e-12));
    }

    @Test
    void countOne_hasClosedFormLowerBound() {
        // P(X >= 1; mu) = 1 - exp(-mu) = 0.025.
        assertThat(PoissonRate.of(1, 1.0, 1.0, 0.95).interval().lower()).isCloseTo(-Math.log(0.975), within(1e-14));
    }

    @Test
    void garwoodBounds_matchTabulatedValues() {
        // Exact 95% limits for a Poisson count as commonly tabulated to four decimals:
        // x = 1: 0.0253, 5.5716; x = 5: 1.6235, 11.6683; x = 10: 4.7954, 18.3904.
        double[][] table = {{1, 0.0253, 5.5716}, {5, 1.6235, 11.6683}, {10, 4.7954, 18.3904}};
        for (double[] row : table) {
            ConfidenceInterval interval =
                    PoissonRate.of((long) row[0], 1.0, 1.0, 0.95).interval();
            assertThat(interval.lower()).as("lower for x=%s", row[0]).isCloseTo(row[1], within(5e-5));
            assertThat(interval.upper()).as("upper for x=%s", row[0]).isCloseTo(row[2], within(5e-5));
        }
    }

    @Test
    void garwoodBounds_solveTheirDefiningTailEquations() {
        for (long x : new long[] {1, 3, 17, 250}) {
            ConfidenceInterval interval = PoissonRate.of(x, 1.0, 1.0, 0.9).interval();
            // P(X >= x; lower) = alpha/2 and P(X <= x; upper) = alpha/2.
            assertThat(1 - poissonCdf(x - 1, interval.lower())).as("x=%d", x).isCloseTo(0.05, within(1e-10));
            assertThat(poissonCdf(x, interval.upper())).as("x=%d", x).isCloseTo(0.05, within(1e-10));
        }
    }

    @Test
    void per100k_scalesRateAndBoundsByPopulation() {
        PoissonRate rate = PoissonRate.per100k(37, 1_234_567);
        ConfidenceInterval countInterval = PoissonRate.of(37, 1.0, 1.0, 0.95).interval();
        double scale = 100_000.0 / 1_234_567;

        assertThat(rate.rate()).isCloseTo(37 * scale, within(1e-12));
        assertThat(rate.perPopulation()).isEqualTo(PoissonRate.PER_100_000);
        assertThat(rate.interval().lower()).isCloseTo(countInterval.lower() * scale, within(1e-12));
        assertThat(rate.interval().upper()).isCloseTo(countInterval.upper() * scale, within(1e-12));
        assertThat(rate.interval().contains(rate.rate())).isTrue();
    }

    @Test
    void invalidArguments_areRejectedWithTheValue() {
        assertThatThrownBy(() -> PoissonRate.per100k(-1, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be >= 0. Provided value: -1");
        assertThatThrownBy(() -> PoissonRate.per100k(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("population must be finite and > 0. Provided value: 0.0");
        assertThatThrownBy(() -> PoissonRate.of(1, 10, Double.POSITIVE_INFINITY, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perPopulation must be finite and > 0. Provided value: Infinity");
        assertThatThrownBy(() -> PoissonRate.of(1, 10, 100, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence level must be > 0 and < 1. Provided value: 0.0");
    }
}
