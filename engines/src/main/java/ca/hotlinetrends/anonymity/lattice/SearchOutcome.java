package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.Checks;
import java.util.Objects;

/**
 * The globally optimal feasible node found by {@link LatticeSearch}.
 *
 * @param best the evaluation of the chosen node
 * @param value the metric's value at the chosen node
 * @param nodesEvaluated nodes whose data was grouped (the others were tagged or bounded away)
 */
public record SearchOutcome(NodeEvaluation best, double value, int nodesEvaluated) {

    public SearchOutcome {
        Objects.requireNonNull(best, "best");
        Checks.atLeast("nodes evaluated", nodesEvaluated, 1);
    }
}
