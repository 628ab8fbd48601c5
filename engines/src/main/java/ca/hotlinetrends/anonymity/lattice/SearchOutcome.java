package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.Checks;
import java.util.Objects;

/**
 * The globally optimal feasible node found by {@link LatticeSearch}.
 *
 * @param best the evaluation of the chosen node
 * @param value the metric's value at the chosen node
 * @param nodesEvaluated nodes whose data was grouped (the others were tagged or bounded away)
 * @param evaluatedBy the evaluator that evaluated the chosen node (the search's own or its helper's): it may still
 *     hold that node's grouping, so asking it for the node's classes spares grouping them again
 */
public record SearchOutcome(NodeEvaluation best, double value, int nodesEvaluated, NodeEvaluator evaluatedBy) {

    public SearchOutcome {
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(evaluatedBy, "evaluatedBy");
        Checks.atLeast("nodes evaluated", nodesEvaluated, 1);
    }
}
