package ca.hotlinetrends.anonymity.metric;

import ca.hotlinetrends.anonymity.Checks;
import java.util.Arrays;

/**
 * What is known about a node (a vector of generalisation levels) before grouping the data under
 * it: the cost of generalisation if no record were suppressed. Computed from per-attribute sums,
 * without touching the equivalence classes.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class GeneralisationStatistics {

    private final long totalRecords;
    private final long minimumClassSize;
    private final int[] leafCounts;
    private final long[] leafExcess;

    /**
     * @param totalRecords records in the data, {@code |D| >= 1}
     * @param minimumClassSize smallest class any configured privacy model can publish, {@code >= 1}
     * @param leafCounts per quasi-identifier, the number of leaves of its hierarchy
     * @param leafExcess per quasi-identifier, the sum over <em>all</em> records of (leaves under the
     *     record's generalised value - 1) at this node's level
     */
    public GeneralisationStatistics(long totalRecords, long minimumClassSize, int[] leafCounts, long[] leafExcess) {
        this.totalRecords = Checks.atLeast("total records", totalRecords, 1);
        this.minimumClassSize = Checks.atLeast("minimum class size", minimumClassSize, 1);
        if (leafCounts.length != leafExcess.length || leafCounts.length == 0) {
            throw new IllegalArgumentException("leaf counts and leaf excess must have one entry per quasi-identifier."
                    + " Provided lengths: " + leafCounts.length + " and " + leafExcess.length);
        }
        for (int i = 0; i < leafCounts.length; i++) {
            Checks.atLeast("leaf count", leafCounts[i], 1);
            Checks.atLeast("leaf excess", leafExcess[i], 0);
        }
        this.leafCounts = leafCounts.clone();
        this.leafExcess = leafExcess.clone();
    }

    public long totalRecords() {
        return totalRecords;
    }

    public long minimumClassSize() {
        return minimumClassSize;
    }

    public int quasiIdentifierCount() {
        return leafCounts.length;
    }

    public int leafCount(int qi) {
        return leafCounts[qi];
    }

    public long leafExcess(int qi) {
        return leafExcess[qi];
    }

    @Override
    public String toString() {
        return "GeneralisationStatistics[totalRecords=" + totalRecords + ", minimumClassSize=" + minimumClassSize
                + ", leafCounts=" + Arrays.toString(leafCounts) + ", leafExcess=" + Arrays.toString(leafExcess) + "]";
    }
}
