package ca.hotlinetrends.disclosure;

import java.util.Objects;

/**
 * The attacker's feasibility interval for one suppressed cell: the smallest and largest value the
 * cell can take in any non-negative table that matches every published value and every relation
 * (Fischetti and Salazar-Gonz&aacute;lez, JASA 95(451):916-928, 2000, the "attacker subproblem";
 * sdcTable {@code attack()}).
 *
 * <p>Counts are integers, so an attacker can round the interval inwards; {@link #width()} is the
 * width of the rounded interval {@code [ceil(lower), floor(upper)]} and a sensitive cell passes when
 * it is at least {@link #requiredWidth()}. Bounds within {@code 1e-6} of an integer have already been
 * rounded to it.
 *
 * @param cellId        the suppressed cell
 * @param sensitive     whether the {@link MinCellCountRule} flags the cell (only sensitive cells need
 *                      protection)
 * @param lower         the attacker's lower bound, {@code >= 0}
 * @param upper         the attacker's upper bound, {@code >= lower}, possibly {@code +Infinity}
 * @param requiredWidth the protection width the cell needs, {@code 0} when not sensitive
 */
public record CellAudit(String cellId, boolean sensitive, double lower, double upper, long requiredWidth) {

    public CellAudit {
        Objects.requireNonNull(cellId, "cellId");
        if (!(lower >= 0) || Double.isInfinite(lower)) {
            throw new IllegalArgumentException(
                    "lower bound must be finite and >= 0 for cell '" + cellId + "'. Provided value: " + lower);
        }
        if (Double.isNaN(upper) || upper < lower) {
            throw new IllegalArgumentException("upper bound must be >= lower bound for cell '" + cellId
                    + "'. Provided values: [" + lower + ", " + upper + "]");
        }
        if (requiredWidth < 0 || (!sensitive && requiredWidth != 0)) {
            throw new IllegalArgumentException("required width must be >= 0, and 0 for a cell that is not "
                    + "sensitive; cell '" + cellId + "'. Provided value: " + requiredWidth);
        }
    }

    /** The width of the integer interval the attacker can infer; {@code +Infinity} if unbounded. */
    public double width() {
        if (Double.isInfinite(upper)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, Math.floor(upper) - Math.ceil(lower));
    }

    /** Whether the attacker can compute the cell's value exactly. */
    public boolean exactlyDisclosed() {
        return width() == 0;
    }

    /** Whether the cell is protected well enough (always true for a cell that is not sensitive). */
    public boolean passed() {
        return width() >= requiredWidth;
    }
}
