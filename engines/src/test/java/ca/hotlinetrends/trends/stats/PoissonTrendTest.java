package ca.hotlinetrends.trends.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoissonTrendTest {

    private static double[] exactSeries(double a, double b, double[] exposures) {
        double[] mu = new double[exposures.length];
        for (int t = 0; t < mu.length; t++) {
            mu[t] = exposures[t] * Math.exp(a + b * t);
        }
        return mu;
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return ones;
    }

    @Test
    void noiselessExponentialSeries_recoversSlope() {
        double[] counts = exactSeries(Math.log(20), 0.05, ones(10));

        PoissonTrend trend = PoissonTrend.fit(counts);

        assertThat(trend.status()).isEqualTo(PoissonTrend.Status.FITTED);
        assertThat(trend.converged()).isTrue();
        assertThat(trend.slopePerQuarter()).isCloseTo(0.05, within(1e-9));
        assertThat(trend.annualPercentChange()).isCloseTo(100 * Math.expm1(0.2), within(1e-7));
        assertThat(trend.deviance()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void noiselessDecliningSeriesWithPopulationOffset_recoversSlope() {
        double[] population = {
            4.1e6, 4.12e6, 4.15e6, 4.2e6, 4.22e6, 4.25e6, 4.3e6, 4.31e6, 4.33e6, 4.4e6, 4.41e6, 4.45e6
        };
        double[] counts = exactSeries(Math.log(3e-5), -0.08, population);

        PoissonTrend trend = PoissonTrend.fit(counts, population);

        assertThat(trend.slopePerQuarter()).isCloseTo(-0.08, within(1e-9));
        assertThat(trend.annualPercentChange()).isCloseTo(100 * Math.expm1(-0.32), within(1e-7));
        assertThat(trend.annualPercentChangeInterval())
                .get()
                .satisfies(ci ->
                        assertThat(ci.contains(trend.annualPercentChange())).isTrue());
    }

    @Test
    void exactFit_standardErrorIsInverseFisherInformation() {
        // Var(b) = 1 / sum mu_t (t - tbar)^2 with tbar the mu-weighted mean quarter.
        double[] mu = exactSeries(Math.log(50), 0.1, ones(8));
        double total = 0.0;
        double weighted = 0.0;
        for (int t = 0; t < mu.length; t++) {
            total += mu[t];
            weighted += t * mu[t];
        }
        double tbar = weighted / total;
        double information = 0.0;
        for (int t = 0; t < mu.length; t++) {
            information += mu[t] * (t - tbar) * (t - tbar);
        }

        PoissonTrend trend = PoissonTrend.fit(mu);

        assertThat(trend.slopeStandardError()).isCloseTo(1 / Math.sqrt(information), within(1e-10));
        double z = 1.959963984540054;
        assertThat(trend.annualPercentChangeInterval())
                .get()
                .isEqualTo(new ConfidenceInterval(
                        100 * Math.expm1(4 * (trend.slopePerQuarter() - z * trend.slopeStandardError())),
                        100 * Math.expm1(4 * (trend.slopePerQuarter() + z * trend.slopeStandardError())),
                        0.95));
    }

    @Test
    void threePoints_matchClosedFormMaximumLikelihood() {
        // With quarters -1, 0, 1 the score equations give (u^2 - 1) / (u^2 + u + 1) = r, where
        // u = exp(b) and r = (y3 - y1) / (y1 + y2 + y3); so u = (r + sqrt(4 - 3 r^2)) / (2 (1 - r)).
        double[] counts = {2, 5, 11};
        double r = (11.0 - 2.0) / 18.0;
        double expected = Math.log((r + Math.sqrt(4 - 3 * r * r)) / (2 * (1 - r)));

        PoissonTrend trend = PoissonTrend.fit(counts);

        assertThat(trend.slopePerQuarter()).isCloseTo(expected, within(1e-10));
        assertThat(trend.points()).isEqualTo(3);
    }

    @Test
    void noisySeriesWithOffset_matchesReferenceGlm() {
        // Reference: statsmodels 0.15 GLM(Poisson, offset = log(population)), which reproduces R's
        // glm(y ~ t + offset(log(pop)), family = poisson): b = 0.10958930175794257,
        // se = 0.024711425812837428, deviance = 5.095425810489401, Pearson X2 / 8 = 0.5960286642761503.
        double[] counts = {12, 15, 9, 20, 18, 25, 22, 30, 27, 35};
        double[] population = {1e5, 1.01e5, 1.02e5, 1.03e5, 1.04e5, 1.05e5, 1.06e5, 1.07e5, 1.08e5, 1.09e5};

        PoissonTrend trend = PoissonTrend.fit(counts, population);

        assertThat(trend.slopePerQuarter()).isCloseTo(0.10958930175794257, within(1e-10));
        assertThat(trend.slopeStandardError()).isCloseTo(0.024711425812837428, within(1e-10));
        assertThat(trend.deviance()).isCloseTo(5.095425810489401, within(1e-9));
        assertThat(trend.pearsonDispersion()).isCloseTo(0.5960286642761503, within(1e-9));
        assertThat(trend.annualPercentChange()).isCloseTo(55.01585360630402, within(1e-7));
        assertThat(trend.annualPercentChangeInterval()).get().satisfies(ci -> {
            assertThat(ci.lower()).isCloseTo(27.71399816621208, within(1e-7));
            assertThat(ci.upper()).isCloseTo(88.1541194726172, within(1e-7));
        });
    }

    @Test
    void seriesWithZeros_matchesReferenceGlm() {
        // statsmodels GLM(Poisson) on quarters 0..7: b = 0.2739703899564657, se = 0.08932128189441155,
        // deviance = 7.752085245293431.
        PoissonTrend trend = PoissonTrend.fit(new double[] {3, 0, 1, 4, 2, 6, 5, 9});

        assertThat(trend.slopePerQuarter()).isCloseTo(0.2739703899564657, within(1e-10));
        assertThat(trend.slopeStandardError()).isCloseTo(0.08932128189441155, within(1e-10));
        assertThat(trend.deviance()).isCloseTo(7.752085245293431, within(1e-9));
    }

    @Test
    void constantSeries_hasZeroSlope() {
        PoissonTrend trend = PoissonTrend.fit(new double[] {7, 7, 7, 7, 7, 7, 7, 7});

        assertThat(trend.slopePerQuarter()).isCloseTo(0.0, within(1e-12));
        assertThat(trend.annualPercentChangeInterval())
                .get()
                .satisfies(ci -> assertThat(ci.contains(0.0)).isTrue());
    }

    @Test
    void allZeroSeries_hasNoEstimate() {
        PoissonTrend trend = PoissonTrend.fit(new double[] {0, 0, 0, 0, 0, 0, 0, 0});

        assertThat(trend.status()).isEqualTo(PoissonTrend.Status.ALL_ZERO);
        assertThat(trend.hasEstimate()).isFalse();
        assertThat(trend.converged()).isFalse();
        assertThat(trend.iterations()).isZero();
        assertThat(trend.slopePerQuarter()).isNaN();
        assertThat(trend.annualPercentChange()).isNaN();
        assertThat(trend.annualPercentChangeInterval()).isEmpty();
    }

    @Test
    void casesOnlyInLastOrFirstQuarter_haveNoFiniteEstimate() {
        assertThat(PoissonTrend.fit(new double[] {0, 0, 0, 0, 0, 0, 0, 4}).status())
                .isEqualTo(PoissonTrend.Status.NO_FINITE_ESTIMATE);
        assertThat(PoissonTrend.fit(new double[] {3, 0, 0, 0, 0, 0, 0, 0}).status())
                .isEqualTo(PoissonTrend.Status.NO_FINITE_ESTIMATE);
        assertThat(PoissonTrend.fit(new double[] {0, 0, 0, 0, 0, 0, 0, 4}).annualPercentChangeInterval())
                .isEmpty();
    }

    @Test
    void casesInOneInteriorQuarter_haveFiniteFlatEstimate() {
        PoissonTrend trend = PoissonTrend.fit(new double[] {0, 3, 0});

        assertThat(trend.hasEstimate()).isTrue();
        assertThat(trend.slopePerQuarter()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void fitLastQuarters_usesOnlyTheMostRecentWindow() {
        double[] counts = {90, 1, 80, 2, 4, 6, 5, 8, 9, 7, 12, 11, 15, 14};
        double[] lastEight = Arrays.copyOfRange(counts, 6, 14);

        PoissonTrend windowed = PoissonTrend.fitLastQuarters(8, counts);

        assertThat(windowed.points()).isEqualTo(8);
        assertThat(windowed.slopePerQuarter())
                .isEqualTo(PoissonTrend.fit(lastEight).slopePerQuarter());
    }

    @Test
    void fitLastQuarters_onShortSeries_usesAllPoints() {
        assertThat(PoissonTrend.fitLastQuarters(12, new double[] {4, 5, 7, 9, 12})
                        .points())
                .isEqualTo(5);
    }

    @Test
    void fewerThanThreePoints_areRejected() {
        assertThatThrownBy(() -> PoissonTrend.fit(new double[] {4, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts must have at least 3 values. Provided length: 2");
        assertThatThrownBy(() -> PoissonTrend.fitLastQuarters(8, new double[] {4, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts must have at least 3 values. Provided length: 2");
    }

    @Test
    void invalidArguments_areRejectedWithTheValue() {
        assertThatThrownBy(() -> PoissonTrend.fitLastQuarters(7, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trend window must be between 8 and 12 quarters. Provided value: 7");
        assertThatThrownBy(() -> PoissonTrend.fit(new double[] {1, -2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count at quarter 1 must be finite and >= 0. Provided value: -2.0");
        assertThatThrownBy(() -> PoissonTrend.fit(new double[] {1, 2, 3}, new double[] {1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exposure at quarter 1 must be finite and > 0. Provided value: 0.0");
        assertThatThrownBy(() -> PoissonTrend.fit(new double[] {1, 2, 3}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts and exposures must have the same length. Provided lengths: 3 and 2");
    }
}
