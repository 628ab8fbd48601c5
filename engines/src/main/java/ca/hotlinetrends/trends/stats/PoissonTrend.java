package ca.hotlinetrends.trends.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Log-linear Poisson trend over consecutive quarters: {@code log(mu_t) = a + b t + log(E_t)} for
 * quarters {@code t = 0, 1, ..., n-1}, with optional exposures {@code E_t} (e.g. population) as
 * offset, fitted by maximum likelihood. The trend is reported as the percent change per year,
 * {@code 100 (exp(4 b) - 1)}, with a Wald interval {@code 100 (exp(4 (b -/+ z se(b))) - 1)}.
 *
 * <p>Method: a generalised linear model with log link (McCullagh, P. and Nelder, J. A. (1989)
 * <i>Generalized Linear Models</i>, 2nd ed., ch. 6), fitted by Newton-Raphson, which for the
 * canonical link is the same as IRLS / Fisher scoring, with step halving whenever the
 * log-likelihood would decrease. Time is centred internally for conditioning; the slope is
 * unaffected. Iteration stops when the full Newton step is below {@value #TOLERANCE} in both
 * coefficients (at most {@value #MAX_ITERATIONS} iterations). {@code se(b)} comes from the inverse
 * Fisher information at the optimum, as in R's {@code glm(..., family = poisson)}; it assumes
 * Poisson variance, so {@link #pearsonDispersion()} is reported to show over-dispersion (values
 * well above 1 mean the interval is too narrow).
 *
 * <p>Outcomes without an estimate are values, not exceptions (see {@link Status}): all counts zero,
 * or all cases in the first or only in the last quarter, in which case the likelihood increases
 * without bound as {@code |b|} grows (Haberman, S. J. (1974) <i>The Analysis of Frequency Data</i>,
 * the MLE of a log-linear model exists iff the sufficient statistic lies inside its convex
 * support: here, iff the count-weighted mean quarter lies strictly between the first and the last).
 * Then the estimates are NaN and {@link #annualPercentChangeInterval()} is empty.
 *
 * <p>Counts may be non-integer (the same estimating equations as quasi-Poisson). Immutable and
 * thread-safe.
 */
public final class PoissonTrend {

    /** Why a trend has or has no estimate. */
    public enum Status {
        /** The fit converged; estimates are available. */
        FITTED,
        /** Every count is zero: there is no rate to trend. */
        ALL_ZERO,
        /** All cases fall in the first quarter only or in the last quarter only: the slope is infinite. */
        NO_FINITE_ESTIMATE,
        /** Newton-Raphson did not converge within {@value PoissonTrend#MAX_ITERATIONS} iterations. */
        NOT_CONVERGED
    }

    /** Fewest points a trend is fitted on. */
    public static final int MIN_POINTS = 3;
    /** Shortest window accepted by {@link #fitLastQuarters}. */
    public static final int MIN_WINDOW_QUARTERS = 8;
    /** Longest window accepted by {@link #fitLastQuarters}. */
    public static final int MAX_WINDOW_QUARTERS = 12;
    /** Periods per year: the series is quarterly. */
    public static final int QUARTERS_PER_YEAR = 4;

    static final int MAX_ITERATIONS = 50;
    static final double TOLERANCE = 1e-10;

    private final Status status;
    private final int points;
    private final int iterations;
    private final double slope;
    private final double standardError;
    private final double deviance;
    private final double pearsonDispersion;
    private final double confidenceLevel;
    private final double z;

    private PoissonTrend(
            Status status,
            int points,
            int iterations,
            double slope,
            double standardError,
            double deviance,
            double pearsonDispersion,
            double confidenceLevel) {
        this.status = status;
        this.points = points;
        this.iterations = iterations;
        this.slope = slope;
        this.standardError = standardError;
        this.deviance = deviance;
        this.pearsonDispersion = pearsonDispersion;
        this.confidenceLevel = confidenceLevel;
        this.z = Distributions.normalQuantile(1.0 - (1.0 - confidenceLevel) / 2.0);
    }

    private static PoissonTrend withoutEstimate(Status status, int points, int iterations, double level) {
        return new PoissonTrend(status, points, iterations, Double.NaN, Double.NaN, Double.NaN, Double.NaN, level);
    }

    /** Trend of quarterly counts with no offset, 95% interval. */
    public static PoissonTrend fit(double[] counts) {
        Checks.minLength("counts", counts, MIN_POINTS);
        double[] ones = new double[counts.length];
        Arrays.fill(ones, 1.0);
        return fit(counts, ones, 0.95);
    }

    /** Trend of quarterly counts with exposures as offset, 95% interval. */
    public static PoissonTrend fit(double[] counts, double[] exposures) {
        return fit(counts, exposures, 0.95);
    }

    /**
     * Trend of the last {@code window} quarters of a series (all of it if shorter), no offset, 95%.
     *
     * @param window number of most recent quarters, from {@value #MIN_WINDOW_QUARTERS} to
     *     {@value #MAX_WINDOW_QUARTERS}
     */
    public static PoissonTrend fitLastQuarters(int window, double[] counts) {
        Objects.requireNonNull(counts, "counts");
        double[] ones = new double[counts.length];
        Arrays.fill(ones, 1.0);
        return fitLastQuarters(window, counts, ones);
    }

    /**
     * Trend of the last {@code window} quarters of a series (all of it if shorter), with exposures
     * as offset, 95%. The trimmed series must still have at least {@value #MIN_POINTS} points.
     */
    public static PoissonTrend fitLastQuarters(int window, double[] counts, double[] exposures) {
        if (window < MIN_WINDOW_QUARTERS || window > MAX_WINDOW_QUARTERS) {
            throw new IllegalArgumentException("trend window must be between " + MIN_WINDOW_QUARTERS + " and "
                    + MAX_WINDOW_QUARTERS + " quarters. Provided value: " + window);
        }
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(exposures, "exposures");
        requireSameLength(counts, exposures);
        int from = Math.max(0, counts.length - window);
        return fit(
                Arrays.copyOfRange(counts, from, counts.length),
                Arrays.copyOfRange(exposures, from, exposures.length),
                0.95);
    }

    /**
     * Trend of quarterly counts with exposures as offset.
     *
     * @param counts events per consecutive quarter, oldest first; at least {@value #MIN_POINTS},
     *     each finite and >= 0
     * @param exposures exposure per quarter (e.g. population), same length, each finite and > 0
     * @param confidenceLevel level of the Wald interval, in (0, 1)
     */
    public static PoissonTrend fit(double[] counts, double[] exposures, double confidenceLevel) {
        Checks.minLength("counts", counts, MIN_POINTS);
        Objects.requireNonNull(exposures, "exposures");
        requireSameLength(counts, exposures);
        Checks.confidenceLevel(confidenceLevel);
        int n = counts.length;
        for (int t = 0; t < n; t++) {
            Checks.nonNegativeFinite("count at quarter " + t, counts[t]);
            Checks.positiveFinite("exposure at quarter " + t, exposures[t]);
        }
        int first = -1;
        int last = -1;
        for (int t = 0; t < n; t++) {
            if (counts[t] > 0) {
                last = t;
                if (first < 0) {
                    first = t;
                }
            }
        }
        if (first < 0) {
            return withoutEstimate(Status.ALL_ZERO, n, 0, confidenceLevel);
        }
        if (last == 0 || first == n - 1) {
            return withoutEstimate(Status.NO_FINITE_ESTIMATE, n, 0, confidenceLevel);
        }
        return newtonRaphson(counts, exposures, confidenceLevel);
    }

    private static PoissonTrend newtonRaphson(double[] y, double[] exposures, double level) {
        int n = y.length;
        double[] s = new double[n];
        double[] offset = new double[n];
        double sumY = 0.0;
        double sumE = 0.0;
        for (int t = 0; t < n; t++) {
            s[t] = t - (n - 1) / 2.0;
            offset[t] = Math.log(exposures[t]);
            sumY += y[t];
            sumE += exposures[t];
        }
        // Start at the no-trend MLE: a constant rate sumY / sumE.
        double c = Math.log(sumY / sumE);
        double b = 0.0;
        double logLik = logLikelihood(y, s, offset, c, b);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[] info = new double[3];
            double[] score = new double[2];
            scoreAndInformation(y, s, offset, c, b, score, info);
            double det = info[0] * info[2] - info[1] * info[1];
            double dc = (info[2] * score[0] - info[1] * score[1]) / det;
            double db = (info[0] * score[1] - info[1] * score[0]) / det;
            if (!Double.isFinite(dc) || !Double.isFinite(db)) {
                return withoutEstimate(Status.NOT_CONVERGED, n, iteration, level);
            }
            boolean converged = Math.max(Math.abs(dc), Math.abs(db)) < TOLERANCE;
            double step = 1.0;
            double candidate = logLikelihood(y, s, offset, c + dc, b + db);
            // Step halving; the slack absorbs rounding once the optimum is reached.
            while (!(candidate >= logLik - 1e-12 * (1.0 + Math.abs(logLik))) && step > 1e-10) {
                step /= 2.0;
                candidate = logLikelihood(y, s, offset, c + step * dc, b + step * db);
            }
            c += step * dc;
            b += step * db;
            logLik = candidate;
            if (converged) {
                return fitted(y, s, offset, c, b, iteration, level);
            }
        }
        return withoutEstimate(Status.NOT_CONVERGED, n, MAX_ITERATIONS, level);
    }

    private static PoissonTrend fitted(
            double[] y, double[] s, double[] offset, double c, double b, int iterations, double level) {
        int n = y.length;
        double[] info = new double[3];
        scoreAndInformation(y, s, offset, c, b, new double[2], info);
        double det = info[0] * info[2] - info[1] * info[1];
        double varianceB = info[0] / det;
        double deviance = 0.0;
        double pearson = 0.0;
        for (int t = 0; t < n; t++) {
            double mu = Math.exp(offset[t] + c + b * s[t]);
            deviance += (y[t] > 0 ? y[t] * Math.log(y[t] / mu) : 0.0) - (y[t] - mu);
            pearson += (y[t] - mu) * (y[t] - mu) / mu;
        }
        return new PoissonTrend(
                Status.FITTED,
                n,
                iterations,
                b,
                Math.sqrt(varianceB),
                Math.max(0.0, 2.0 * deviance),
                pearson / (n - 2),
                level);
    }

    /** Poisson log-likelihood without the constant {@code -sum log(y!)}. */
    private static double logLikelihood(double[] y, double[] s, double[] offset, double c, double b) {
        double sum = 0.0;
        for (int t = 0; t < y.length; t++) {
            double eta = offset[t] + c + b * s[t];
            sum += (y[t] > 0 ? y[t] * eta : 0.0) - Math.exp(eta);
        }
        return sum;
    }

    /** Score {@code X'(y - mu)} and the upper triangle {@code [I_cc, I_cb, I_bb]} of {@code X' diag(mu) X}. */
    private static void scoreAndInformation(
            double[] y, double[] s, double[] offset, double c, double b, double[] score, double[] info) {
        for (int t = 0; t < y.length; t++) {
            double mu = Math.exp(offset[t] + c + b * s[t]);
            score[0] += y[t] - mu;
            score[1] += s[t] * (y[t] - mu);
            info[0] += mu;
            info[1] += s[t] * mu;
            info[2] += s[t] * s[t] * mu;
        }
    }

    private static void requireSameLength(double[] counts, double[] exposures) {
        if (counts.length != exposures.length) {
            throw new IllegalArgumentException("counts and exposures must have the same length. Provided lengths: "
                    + counts.length + " and " + exposures.length);
        }
    }

    public Status status() {
        return status;
    }

    /** Whether the slope and its interval are available, i.e. {@code status() == FITTED}. */
    public boolean hasEstimate() {
        return status == Status.FITTED;
    }

    /** Whether Newton-Raphson converged; false when no fit was attempted or it failed. */
    public boolean converged() {
        return status == Status.FITTED;
    }

    /** Newton-Raphson iterations used; 0 when no fit was attempted. */
    public int iterations() {
        return iterations;
    }

    /** Number of quarters fitted. */
    public int points() {
        return points;
    }

    /** Slope {@code b} on the log scale, per quarter; NaN without an estimate. */
    public double slopePerQuarter() {
        return slope;
    }

    /** Standard error of {@link #slopePerQuarter()} from the Fisher information; NaN without an estimate. */
    public double slopeStandardError() {
        return standardError;
    }

    /** Percent change per year, {@code 100 (exp(4 b) - 1)}; NaN without an estimate. */
    public double annualPercentChange() {
        return toAnnualPercent(slope);
    }

    /** Wald interval for {@link #annualPercentChange()}, in percent; empty without an estimate. */
    public Optional<ConfidenceInterval> annualPercentChangeInterval() {
        if (!hasEstimate()) {
            return Optional.empty();
        }
        return Optional.of(new ConfidenceInterval(
                toAnnualPercent(slope - z * standardError),
                toAnnualPercent(slope + z * standardError),
                confidenceLevel));
    }

    /** Residual deviance {@code 2 sum(y log(y / mu) - (y - mu))}; NaN without an estimate. */
    public double deviance() {
        return deviance;
    }

    /** Pearson chi-square over its degrees of freedom {@code n - 2}; NaN without an estimate. */
    public double pearsonDispersion() {
        return pearsonDispersion;
    }

    private static double toAnnualPercent(double slopePerQuarter) {
        return 100.0 * Math.expm1(QUARTERS_PER_YEAR * slopePerQuarter);
    }

    @Override
    public String toString() {
        return "PoissonTrend[status=" + status + ", points=" + points + ", annualPercentChange="
                + annualPercentChange() + ", interval="
                + annualPercentChangeInterval().orElse(null)
                + ", iterations=" + iterations + "]";
    }
}
