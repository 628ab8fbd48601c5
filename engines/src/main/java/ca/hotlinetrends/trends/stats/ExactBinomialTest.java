package ca.hotlinetrends.trends.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact test of a binomial proportion, {@code H0: P(success) = p0}, two-sided, with the
 * Clopper-Pearson confidence interval for the proportion.
 *
 * <p>The p-value is the one R's {@code binom.test} reports: the probability, under {@code H0}, of
 * all outcomes whose probability is no larger than that of the observed outcome, where "no larger"
 * allows a relative tolerance of {@code 1e-7} so that outcomes tied with the observed one up to
 * rounding are counted (the "minimum likelihood" method; Fay, M. P. (2010) "Two-sided exact tests
 * and matching confidence intervals for discrete data", R Journal 2(1):53-58). The interval is the
 * Clopper-Pearson interval (Clopper, C. J. and Pearson, E. S. (1934) Biometrika 26:404-413):
 * {@code lower = qbeta(alpha/2, x, n - x + 1)} (0 when {@code x = 0}) and
 * {@code upper = qbeta(1 - alpha/2, x + 1, n - x)} (1 when {@code x = n}).
 *
 * <p>With no trials ({@code n = 0}) nothing is observed: the p-value is 1, the estimate is NaN and
 * the interval is {@code [0, 1]}. (R's {@code binom.test} rejects {@code n = 0}.)
 *
 * <p>Immutable and thread-safe. Cost is O(n) probability evaluations.
 */
public final class ExactBinomialTest {

    /** Relative tolerance R's {@code binom.test} allows when comparing outcome probabilities. */
    static final double RELATIVE_TOLERANCE = 1 + 1e-7;

    private final int successes;
    private final int trials;
    private final double nullProbability;
    private final double pValue;
    private final ConfidenceInterval interval;

    private ExactBinomialTest(
            int successes, int trials, double nullProbability, double pValue, ConfidenceInterval interval) {
        this.successes = successes;
        this.trials = trials;
        this.nullProbability = nullProbability;
        this.pValue = pValue;
        this.interval = interval;
    }

    /** Two-sided test of {@code successes} out of {@code trials} against {@code nullProbability}, 95% interval. */
    public static ExactBinomialTest of(int successes, int trials, double nullProbability) {
        return of(successes, trials, nullProbability, 0.95);
    }

    /**
     * Two-sided test of {@code successes} out of {@code trials} against {@code nullProbability}.
     *
     * @param successes number of successes, {@code 0 <= successes <= trials}
     * @param trials number of trials, >= 0
     * @param nullProbability success probability under the null hypothesis, in [0, 1]
     * @param confidenceLevel level of the Clopper-Pearson interval, in (0, 1)
     */
    public static ExactBinomialTest of(int successes, int trials, double nullProbability, double confidenceLevel) {
        Checks.count("trials", trials);
        Checks.count("successes", successes);
        if (successes > trials) {
            throw new IllegalArgumentException(
                    "successes must be <= trials. Provided values: successes " + successes + ", trials " + trials);
        }
        Checks.probability("null probability", nullProbability);
        Checks.confidenceLevel(confidenceLevel);
        return new ExactBinomialTest(
                successes,
                trials,
                nullProbability,
                twoSidedPValue(successes, trials, nullProbability),
                clopperPearson(successes, trials, confidenceLevel));
    }

    /** Port of the two-sided branch of R's {@code binom.test}. */
    private static double twoSidedPValue(int x, int n, double p) {
        if (n == 0) {
            return 1.0;
        }
        if (p == 0.0) {
            return x == 0 ? 1.0 : 0.0;
        }
        if (p == 1.0) {
            return x == n ? 1.0 : 0.0;
        }
        BinomialDistribution binomial = new BinomialDistribution(null, n, p);
        double observed = binomial.probability(x) * RELATIVE_TOLERANCE;
        double mean = n * p;
        double pValue;
        if (x == mean) {
            return 1.0;
        } else if (x < mean) {
            int atMostObserved = 0;
            for (int i = (int) Math.ceil(mean); i <= n; i++) {
                if (binomial.probability(i) <= observed) {
                    atMostObserved++;
                }
            }
            pValue = Distributions.binomialLowerTail(x, n, p)
                    + Distributions.binomialUpperTail((long) n - atMostObserved, n, p);
        } else {
            int atMostObserved = 0;
            for (int i = 0; i <= (int) Math.floor(mean); i++) {
                if (binomial.probability(i) <= observed) {
                    atMostObserved++;
                }
            }
            pValue = Distributions.binomialLowerTail(atMostObserved - 1L, n, p)
                    + Distributions.binomialUpperTail(x - 1L, n, p);
        }
        return Math.min(1.0, pValue);
    }

    private static ConfidenceInterval clopperPearson(int x, int n, double level) {
        double alpha = (1.0 - level) / 2.0;
        double lower = x == 0 ? 0.0 : Distributions.betaQuantile(alpha, x, n - x + 1.0);
        double upper = x == n ? 1.0 : Distributions.betaQuantile(1.0 - alpha, x + 1.0, n - x);
        return new ConfidenceInterval(lower, upper, level);
    }

    public int successes() {
        return successes;
    }

    public int trials() {
        return trials;
    }

    public double nullProbability() {
        return nullProbability;
    }

    /** Two-sided p-value in [0, 1]; 1 when there are no trials. */
    public double pValue() {
        return pValue;
    }

    /** Observed proportion {@code successes / trials}; NaN when there are no trials. */
    public double estimate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /** Clopper-Pearson interval for the success probability; {@code [0, 1]} when there are no trials. */
    public ConfidenceInterval interval() {
        return interval;
    }

    @Override
    public String toString() {
        return "ExactBinomialTest[pValue=" + pValue + ", interval=" + interval + "]";
    }
}
