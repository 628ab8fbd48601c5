package ca.hotlinetrends.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The floors below which a privacy parameter weakens protection enough to need an explicit override
 * ({@code privacy.allow_weaker_protection: true}):
 * <ul>
 * <li>{@code privacy.k} at least {@value #MIN_K};</li>
 * <li>{@code privacy.min_cell_count} at least {@value #MIN_CELL_COUNT};</li>
 * <li>{@code privacy.suppression_limit} at most {@value #MAX_SUPPRESSION_LIMIT} (more suppression lets the
 * search drop the records that are hardest to protect and hides how much was dropped in the rest);</li>
 * <li>{@code privacy.protection_width} at least {@code privacy.min_cell_count} (otherwise an attacker may narrow a
 * suppressed cell to a range narrower than the smallest count the tables refuse to show).</li>
 * </ul>
 * Stateless.
 */
public final class ProtectionFloors {

    public static final int MIN_K = 5;
    public static final int MIN_CELL_COUNT = 3;
    public static final double MAX_SUPPRESSION_LIMIT = 0.20;

    private ProtectionFloors() {}

    /** Each parameter below its floor, as "key = value breaks the rule"; empty when none is. */
    public static List<String> breaches(int k, double suppressionLimit, int minCellCount, int protectionWidth) {
        List<String> b = new ArrayList<>();
        if (k < MIN_K) {
            b.add("privacy.k = " + k + " is below the floor (privacy.k must be >= " + MIN_K + ")");
        }
        if (minCellCount < MIN_CELL_COUNT) {
            b.add("privacy.min_cell_count = " + minCellCount + " is below the floor (privacy.min_cell_count must be >= "
                    + MIN_CELL_COUNT + ")");
        }
        if (suppressionLimit > MAX_SUPPRESSION_LIMIT) {
            b.add("privacy.suppression_limit = " + suppressionLimit
                    + " is above the ceiling (privacy.suppression_limit must be <= " + MAX_SUPPRESSION_LIMIT + ")");
        }
        if (protectionWidth < minCellCount) {
            b.add("privacy.protection_width = " + protectionWidth + " is below privacy.min_cell_count = " + minCellCount
                    + " (privacy.protection_width must be >= privacy.min_cell_count)");
        }
        return List.copyOf(b);
    }
}
