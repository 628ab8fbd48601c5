package ca.hotlinetrends.trends.stats;

/**
 * Exact conditional test that two Poisson rates are equal, for comparing a count {@code x1} over
 * exposure {@code t1} (period 1) with a count {@code x2} over exposure {@code t2} (period 2), with
 * the rate ratio {@code (x1 / t1) / (x2 / t2)} and its exact confidence interval.
 *
 * <p>Method (Przyborowski, J. and Wilenski, H. (1940) "Homogeneity of results in testing samples
 * from Poisson series", Biometrika 31:313-323; R's {@code poisson.test} for two samples): given the
 * total {@code n = x1 + x2}, {@code x1 ~ Binomial(n, p)} with {@code p = t1 R / (t1 R + t2)} where
 * {@code R} is the rate ratio, so {@code H0: R = 1} becomes {@code p0 = t1 / (t1 + t2)} and is
 * tested with {@link ExactBinomialTest}. The interval maps the Clopper-Pearson interval
 * {@code [pL, pU]} for {@code p} to {@code [pL / (1 - pL), pU / (1 - pU)] * t2 / t1}. The results
 * agree with {@code poisson.test(c(x1, x2), c(t1, t2))}.
 *
 * <p>Edge cases: with {@code n = 0} there is nothing to compare: {@link #hasRatio()} is false, the
 * ratio is NaN, the p-value 1 and the interval {@code [0, +Infinity]}. With {@code x2 = 0 < x1}
 * the ratio and the interval's upper bound are {@code +Infinity}; with {@code x1 = 0 < x2} the
 * ratio and the lower bound are 0. Exposures are in any unit common to both periods (person-years,
 * population, or 1 to compare raw counts).
 *
 * <p>Immutable and thread-safe.
 */
public final class PoissonRateRatioTest {

    private final long count1;
    private final long count2;
    private final double exposure1;
    private final double exposure2;
    private final ExactBinomialTest conditional;
    private final ConfidenceInterval ratioInterval;

    private PoissonRateRatioTest(
            long count1,
            long count2,
            double exposure1,
            double exposure2,
            ExactBinomialTest conditional,
            ConfidenceInterval ratioInterval) {
        this.count1 = count1;
        this.count2 = count2;
        this.exposure1 = exposure1;
        this.exposure2 = exposure2;
        this.conditional = conditional;
        this.ratioInterval = ratioInterval;
    }

    /** Compares two counts over equal exposures, 95% interval. */
    public static PoissonRateRatioTest of(long count1, long count2) {
        return of(count1, 1.0, count2, 1.0, 0.95);
    }

    /** Compares {@code count1 / exposure1} with {@code count2 / exposure2}, 95% interval. */
    public static PoissonRateRatioTest of(long count1, double exposure1, long count2, double exposure2) {
        return of(count1, exposure1, count2, exposure2, 0.95);
    }

    /**
     * Compares {@code count1 / exposure1} with {@code count2 / exposure2}.
     *
     * @param count1 events in period 1, >= 0
     * @param exposure1 exposure of period 1 (e.g. population), finite and > 0
     * @param count2 events in period 2, >= 0; {@code count1 + count2} must fit in an {@code int}
     * @param exposure2 exposure of period 2 in the same unit, finite and > 0
     * @param confidenceLevel level of the rate-ratio interval, in (0, 1)
     */
    public static PoissonRateRatioTest of(
            long count1, double exposure1, long count2, double exposure2, double confidenceLevel) {
        Checks.count("count1", count1);
        Checks.count("count2", count2);
        Checks.positiveFinite("exposure1", exposure1);
        Checks.positiveFinite("exposure2", exposure2);
        Checks.confidenceLevel(confidenceLevel);
        if (count1 + count2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "count1 + count2 must be <= " + Integer.MAX_VALUE + ". Provided value: " + (count1 + count2));
        }
        int total = (int) (count1 + count2);
        double nullProbability = exposure1 / (exposure1 + exposure2);
        ExactBinomialTest conditional = ExactBinomialTest.of((int) count1, total, nullProbability, confidenceLevel);
        ConfidenceInterval p = conditional.interval();
        ConfidenceInterval ratio = new ConfidenceInterval(
                oddsToRatio(p.lower(), exposure1, exposure2),
                oddsToRatio(p.upper(), exposure1, exposure2),
                confidenceLevel);
        return new PoissonRateRatioTest(count1, count2, exposure1, exposure2, conditional, ratio);
    }

    /** {@code p / (1 - p) * t2 / t1}, with p = 1 mapped to +Infinity. */
    private static double oddsToRatio(double p, double exposure1, double exposure2) {
        if (p >= 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        return p / (1.0 - p) * exposure2 / exposure1;
    }

    /** Whether a rate ratio exists: false only when both counts are zero. */
    public boolean hasRatio() {
        return count1 + count2 > 0;
    }

    /**
     * Rate ratio {@code (count1 / exposure1) / (count2 / exposure2)}: NaN when both counts are 0,
     * {@code +Infinity} when only {@code count2} is 0.
     */
    public double rateRatio() {
        if (!hasRatio()) {
            return Double.NaN;
        }
        if (count2 == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (count1 / exposure1) / (count2 / exposure2);
    }

    /** Exact interval for the rate ratio; {@code [0, +Infinity]} when both counts are zero. */
    public ConfidenceInterval rateRatioInterval() {
        return ratioInterval;
    }

    /** Two-sided p-value of {@code H0: equal rates}, in [0, 1]; 1 when both counts are zero. */
    public double pValue() {
        return conditional.pValue();
    }

    /** Count expected in period 1 under {@code H0} given the total: {@code n t1 / (t1 + t2)}. */
    public double expectedCount1() {
        return conditional.trials() * conditional.nullProbability();
    }

    @Override
    public String toString() {
        return "PoissonRateRatioTest[rateRatio=" + rateRatio() + ", interval=" + ratioInterval + ", pValue=" + pValue()
                + "]";
    }
}
