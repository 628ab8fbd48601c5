package ca.hotlinetrends.trends.stats;

import java.util.Arrays;

/**
 * Mann-Kendall test for a monotonic trend in an equally spaced series, with Sen's slope.
 *
 * <p>Definitions (Mann, H. B. (1945) "Nonparametric tests against trend", Econometrica 13:245-259;
 * Kendall, M. G. (1975) <i>Rank Correlation Methods</i>, 4th ed.; as summarised in Gilbert, R. O.
 * (1987) <i>Statistical Methods for Environmental Pollution Monitoring</i>, ch. 16):
 * <ul>
 *   <li>{@code S = sum over i < j of sign(x_j - x_i)};
 *   <li>{@code Var(S) = [n(n-1)(2n+5) - sum over tie groups of t(t-1)(2t+5)] / 18}, where {@code t}
 *       is the size of each group of equal values;
 *   <li>{@code Z = (S - 1) / sqrt(Var S)} if {@code S > 0}, {@code 0} if {@code S = 0},
 *       {@code (S + 1) / sqrt(Var S)} if {@code S < 0} (continuity correction);
 *   <li>two-sided p-value {@code 2 (1 - Phi(|Z|))}.
 * </ul>
 * Sen's slope (Sen, P. K. (1968) "Estimates of the regression coefficient based on Kendall's tau",
 * JASA 63:1379-1389) is the median of {@code (x_j - x_i) / (j - i)} over all {@code i < j}, in
 * units of the series per period.
 *
 * <p>Values are compared exactly: only identical values are ties. When every value is the same,
 * {@code Var(S) = 0}: then {@code Z = 0} and the p-value is 1. The normal approximation is rough
 * for {@code n < 10}. Sen's slope costs O(n^2) memory and time, hence {@link #MAX_POINTS}.
 * Immutable and thread-safe.
 */
public final class MannKendall {

    /** Fewest points the test accepts. */
    public static final int MIN_POINTS = 3;
    /** Most points the test accepts, bounding the O(n^2) pairwise slopes of Sen's estimator. */
    public static final int MAX_POINTS = 10_000;

    private final int points;
    private final long s;
    private final double variance;
    private final double z;
    private final double pValue;
    private final double senSlope;

    private MannKendall(int points, long s, double variance, double z, double pValue, double senSlope) {
        this.points = points;
        this.s = s;
        this.variance = variance;
        this.z = z;
        this.pValue = pValue;
        this.senSlope = senSlope;
    }

    /**
     * Tests a series for a monotonic trend.
     *
     * @param series values at consecutive, equally spaced periods, oldest first; at least
     *     {@value #MIN_POINTS} and at most {@value #MAX_POINTS}, each finite
     */
    public static MannKendall test(double... series) {
        Checks.minLength("series", series, MIN_POINTS);
        if (series.length > MAX_POINTS) {
            throw new IllegalArgumentException(
                    "series must have at most " + MAX_POINTS + " values. Provided length: " + series.length);
        }
        double[] x = series.clone();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(
                        "series value at index " + i + " must be finite. Provided value: " + x[i]);
            }
        }
        int n = x.length;
        long s = 0;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += x[j] > x[i] ? 1 : (x[j] < x[i] ? -1 : 0);
                slopes[k++] = (x[j] - x[i]) / (j - i);
            }
        }
        double variance = (n * (n - 1.0) * (2.0 * n + 5.0) - tieTerm(x)) / 18.0;
        double z;
        if (s > 0) {
            z = (s - 1) / Math.sqrt(variance);
        } else if (s < 0) {
            z = (s + 1) / Math.sqrt(variance);
        } else {
            z = 0.0;
        }
        double pValue = z == 0.0 ? 1.0 : Distributions.normalTwoSidedTail(z);
        return new MannKendall(n, s, variance, z, pValue, median(slopes));
    }

    /** {@code sum over tie groups of t(t-1)(2t+5)}. */
    private static double tieTerm(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double term = 0.0;
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[start]) {
                double t = i - start;
                term += t * (t - 1.0) * (2.0 * t + 5.0);
                start = i;
            }
        }
        return term;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int m = values.length;
        return m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2.0;
    }

    /** Number of points in the series. */
    public int points() {
        return points;
    }

    /** Mann-Kendall statistic S: concordant minus discordant pairs. */
    public long s() {
        return s;
    }

    /** Variance of S under no trend, with the tie correction. */
    public double variance() {
        return variance;
    }

    /** Continuity-corrected normal score; 0 when S = 0. */
    public double z() {
        return z;
    }

    /** Two-sided p-value from the normal approximation, in [0, 1]. */
    public double pValue() {
        return pValue;
    }

    /** Sen's slope: median pairwise slope, in series units per period. */
    public double senSlope() {
        return senSlope;
    }

    @Override
    public String toString() {
        return "MannKendall[points=" + points + ", s=" + s + ", z=" + z + ", pValue=" + pValue + ", senSlope="
                + senSlope + "]";
    }
}
