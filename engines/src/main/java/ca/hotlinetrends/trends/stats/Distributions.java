package ca.hotlinetrends.trends.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * Quantiles and tail probabilities on top of commons-math3, named after their R equivalents.
 *
 * <p>Distributions are built with a {@code null} random generator: the commons-math constructors
 * without one seed a new generator from the clock, which these deterministic computations never
 * use. Quantiles are solved with a negligible absolute accuracy so that Brent's relative accuracy
 * of 1e-14 governs: commons-math's default absolute accuracy, 1e-9, would leave a Clopper-Pearson
 * bound near 1e-8 (one case in a million) wrong in its first digit.
 */
final class Distributions {

    static final double QUANTILE_ACCURACY = 1e-300;

    private Distributions() {}

    /** {@code qbeta(p, a, b)}. */
    static double betaQuantile(double p, double a, double b) {
        return new BetaDistribution(null, a, b, QUANTILE_ACCURACY).inverseCumulativeProbability(p);
    }

    /** {@code qgamma(p, shape, scale = 1)}, equal to {@code qchisq(p, 2 * shape) / 2}. */
    static double gammaQuantile(double p, double shape) {
        return new GammaDistribution(null, shape, 1.0, QUANTILE_ACCURACY).inverseCumulativeProbability(p);
    }

    /** {@code qnorm(p)}, via the inverse error function. */
    static double normalQuantile(double p) {
        return Math.sqrt(2.0) * Erf.erfInv(2.0 * p - 1.0);
    }

    /** {@code 2 * pnorm(-|z|)}, via erfc so that small tails keep their relative precision. */
    static double normalTwoSidedTail(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** {@code pbinom(k, n, p)}: P(X <= k) = I_{1-p}(n - k, k + 1). */
    static double binomialLowerTail(long k, long n, double p) {
        if (k < 0) {
            return 0.0;
        }
        if (k >= n) {
            return 1.0;
        }
        return Beta.regularizedBeta(1.0 - p, n - k, k + 1.0);
    }

    /** {@code pbinom(k, n, p, lower.tail = FALSE)}: P(X > k) = I_p(k + 1, n - k). */
    static double binomialUpperTail(long k, long n, double p) {
        if (k < 0) {
            return 1.0;
        }
        if (k >= n) {
            return 0.0;
        }
        return Beta.regularizedBeta(p, k + 1.0, n - k);
    }
}
