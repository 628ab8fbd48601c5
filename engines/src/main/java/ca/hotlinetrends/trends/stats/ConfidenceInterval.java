package ca.hotlinetrends.trends.stats;

/**
 * A two-sided confidence interval {@code [lower, upper]} at a confidence level such as 0.95.
 *
 * <p>Immutable. Bounds are never NaN; {@code lower} may be {@code -Infinity} or {@code 0} and
 * {@code upper} may be {@code +Infinity} when the data bound the parameter on one side only (for
 * example a rate ratio whose second count is zero).
 *
 * @param lower the lower bound, at most {@code upper}
 * @param upper the upper bound
 * @param level the confidence level, strictly between 0 and 1
 */
public record ConfidenceInterval(double lower, double upper, double level) {

    public ConfidenceInterval {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException(
                    "interval bounds must not be NaN. Provided values: [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException(
                    "interval lower bound must be <= upper bound. Provided values: [" + lower + ", " + upper + "]");
        }
        Checks.confidenceLevel(level);
    }

    /** Whether {@code value} lies in the closed interval. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
