package ca.hotlinetrends.anonymity;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one given node, searched or not (see {@link Anonymizer#assess}).
 *
 * @param levels level per quasi-identifier
 * @param feasible whether the suppressed records are within the suppression limit
 * @param suppressedRecords records in classes that fail a privacy model
 * @param metricValue the configured metric at this node (also for an infeasible node)
 */
public record NodeAssessment(List<Integer> levels, boolean feasible, long suppressedRecords, double metricValue) {

    public NodeAssessment {
        levels = List.copyOf(Objects.requireNonNull(levels, "levels"));
        Checks.atLeast("suppressed records", suppressedRecords, 0);
    }
}
