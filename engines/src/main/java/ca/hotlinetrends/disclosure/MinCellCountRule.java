package ca.hotlinetrends.disclosure;

/**
 * The primary suppression rule for frequency tables: a count {@code n} with
 * {@code 1 <= n < minCellCount} is sensitive and must not be revealed; zeros are published.
 *
 * <p>This is the minimum frequency ("threshold") rule for frequency tables described in Hundepool
 * et al., <i>Statistical Disclosure Control</i> (Wiley, 2012, doi:10.1002/9781118348239) and
 * implemented as the "minimum frequency" rule of tau-Argus and {@code primarySuppression(type =
 * "freq")} of the R package sdcTable. Immutable and thread-safe.
 *
 * @param minCellCount the smallest count that may be published, {@code >= 1}; {@code 1} flags
 *                     nothing
 */
public record MinCellCountRule(int minCellCount) {

    /** The default threshold: counts 1 to 4 are sensitive. */
    public static final int DEFAULT_MIN_CELL_COUNT = 5;

    public MinCellCountRule {
        if (minCellCount < 1) {
            throw new IllegalArgumentException("minCellCount must be >= 1. Provided value: " + minCellCount);
        }
    }

    /** The rule with {@link #DEFAULT_MIN_CELL_COUNT}. */
    public static MinCellCountRule defaults() {
        return new MinCellCountRule(DEFAULT_MIN_CELL_COUNT);
    }

    /** Whether a count is sensitive: {@code 1 <= value < minCellCount}. */
    public boolean isSensitive(long value) {
        return value >= 1 && value < minCellCount;
    }
}
