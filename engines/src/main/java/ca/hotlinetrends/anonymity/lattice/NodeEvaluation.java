package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.metric.NodeStatistics;
import java.util.Objects;

/**
 * The outcome of grouping the data under one node.
 *
 * @param node node number in the {@link Lattice}
 * @param feasible whether the suppressed records are within the suppression limit
 * @param classes number of equivalence classes (published and suppressed)
 * @param statistics the sums the metrics need
 */
public record NodeEvaluation(int node, boolean feasible, int classes, NodeStatistics statistics) {

    public NodeEvaluation {
        Objects.requireNonNull(statistics, "statistics");
    }
}
