package ca.hotlinetrends.anonymity.metric;

import ca.hotlinetrends.anonymity.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sums a metric needs about one evaluated node: how many records are suppressed and, over
 * the published classes, the sums that define each metric. All sums are exact integers, so equal
 * partitions give bit-identical metric values.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class NodeStatistics {

    private final GeneralisationStatistics generalisation;
    private final long suppressedRecords;
    private final long publishedSquaredSizes;
    private final long[] publishedLeafExcess;

    /**
     * @param generalisation the node's generalisation-only statistics
     * @param suppressedRecords records in classes that fail a privacy model
     * @param publishedSquaredSizes sum of {@code |E|^2} over published classes
     * @param publishedLeafExcess per quasi-identifier, the sum over published records of (leaves
     *     under the generalised value - 1)
     */
    public NodeStatistics(
            GeneralisationStatistics generalisation,
            long suppressedRecords,
            long publishedSquaredSizes,
            long[] publishedLeafExcess) {
        this.generalisation = Objects.requireNonNull(generalisation, "generalisation");
        this.suppressedRecords = Checks.atLeast("suppressed records", suppressedRecords, 0);
        if (suppressedRecords > generalisation.totalRecords()) {
            throw new IllegalArgumentException("suppressed records must be <= total records "
                    + generalisation.totalRecords() + ". Provided value: " + suppressedRecords);
        }
        this.publishedSquaredSizes = Checks.atLeast("published squared sizes", publishedSquaredSizes, 0);
        if (publishedLeafExcess.length != generalisation.quasiIdentifierCount()) {
            throw new IllegalArgumentException("published leaf excess must have one entry per quasi-identifier ("
                    + generalisation.quasiIdentifierCount() + "). Provided length: " + publishedLeafExcess.length);
        }
        this.publishedLeafExcess = publishedLeafExcess.clone();
    }

    public GeneralisationStatistics generalisation() {
        return generalisation;
    }

    public long totalRecords() {
        return generalisation.totalRecords();
    }

    public long suppressedRecords() {
        return suppressedRecords;
    }

    public long publishedSquaredSizes() {
        return publishedSquaredSizes;
    }

    public long publishedLeafExcess(int qi) {
        return publishedLeafExcess[qi];
    }

    @Override
    public String toString() {
        return "NodeStatistics[suppressedRecords=" + suppressedRecords + ", publishedSquaredSizes="
                + publishedSquaredSizes + ", publishedLeafExcess=" + Arrays.toString(publishedLeafExcess) + ", "
                + generalisation + "]";
    }
}
