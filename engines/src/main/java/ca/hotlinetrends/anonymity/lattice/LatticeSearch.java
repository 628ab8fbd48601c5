package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.AnonymityException;
import ca.hotlinetrends.anonymity.metric.GeneralisedLoss;
import ca.hotlinetrends.anonymity.metric.InformationLossMetric;
import ca.hotlinetrends.anonymity.metric.NodeStatistics;

/**
 * Finds the feasible node with the lowest information loss over the whole generalisation
 * lattice (full-domain generalisation with record suppression), exactly, not greedily.
 *
 * <p>Nodes are visited top-down (by decreasing sum of levels, then increasing node number). A
 * node is evaluated (its data grouped) unless one of these proves it cannot be the answer:
 * <ul>
 *   <li><b>predictive tagging</b> (as in Incognito, OLA and Flash), only when feasibility is
 *       monotone: a node below an infeasible node is infeasible;</li>
 *   <li><b>a lower bound</b> on its metric that is worse than the best value found: the metric's
 *       {@linkplain InformationLossMetric#boundBeforeEvaluation bound before evaluation} plus the
 *       largest {@linkplain InformationLossMetric#specialisationCredit specialisation credit} of
 *       an evaluated feasible node above it (credits only when feasibility is monotone).</li>
 * </ul>
 * Neither metric is monotone with suppression, so the metric value itself never prunes. The
 * top-down order serves both rules: every generalisation of a node is visited before it, so
 * infeasible nodes and credits are known by the time their specialisations come up.
 *
 * <p><b>Ties</b>: values within {@value #TIE_TOLERANCE} (relative, at least absolute) of each
 * other are equal; among equal values the node with the lowest sum of levels wins, then the
 * lexicographically smallest level vector (quasi-identifiers in configuration order).
 *
 * <p>Not thread-safe (it drives a {@link NodeEvaluator}); one search per instance and run.
 */
public final class LatticeSearch {

    /** Relative tolerance under which two metric values are a tie. */
    public static final double TIE_TOLERANCE = 1e-12;

    private static final byte UNKNOWN = 0;
    private static final byte EVALUATED = 1;
    private static final byte INFEASIBLE = 2;

    private final Lattice lattice;
    private final EncodedTable table;
    private final NodeEvaluator evaluator;
    private final InformationLossMetric metric;
    private final boolean monotone;

    /**
     * @param monotoneFeasibility whether every generalisation of a feasible node is feasible and
     *     the records suppressed at a node are suppressed at each of its specialisations (true
     *     when every privacy model is monotone with suppression, or no record may be suppressed)
     */
    public LatticeSearch(
            Lattice lattice,
            EncodedTable table,
            NodeEvaluator evaluator,
            InformationLossMetric metric,
            boolean monotoneFeasibility) {
        this.lattice = lattice;
        this.table = table;
        this.evaluator = evaluator;
        this.metric = metric;
        this.monotone = monotoneFeasibility;
    }

    /**
     * Runs the search.
     *
     * @throws AnonymityException if no node is feasible
     */
    public SearchOutcome run() {
        if (!monotone) {
            return runBestFirst();
        }
        int size = lattice.size();
        byte[] state = new byte[size];
        double[] credit = new double[size];
        int[] stack = new int[size]; // each propagation pushes a node at most once
        NodeEvaluation best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int evaluated = 0;
        for (int node : topDownOrder()) {
            if (state[node] != UNKNOWN) {
                continue;
            }
            int[] levels = lattice.levels(node);
            double bound =
                    metric.boundBeforeEvaluation(table.generalisationStatistics(levels, evaluator.minimumClassSize()))
                            + credit[node];
            if (best != null && !canBeat(bound, node, bestValue, best.node())) {
                continue;
            }
            NodeEvaluation evaluation = evaluator.evaluate(node);
            state[node] = EVALUATED;
            evaluated++;
            NodeStatistics statistics = evaluation.statistics();
            if (evaluation.feasible()) {
                double value = metric.value(statistics);
                if (best == null || isBetter(value, node, bestValue, best.node())) {
                    best = evaluation;
                    bestValue = value;
                }
                if (monotone) {
                    spreadCreditDown(node, metric.specialisationCredit(statistics), credit, stack);
                }
            } else if (monotone) {
                tagInfeasibleDown(node, state, stack);
            }
        }
        if (best == null) {
            throw new AnonymityException("no generalisation satisfies the privacy models within the suppression limit ("
                    + evaluator.maxSuppressedRecords() + " of " + table.totalRecords() + " records)");
        }
        return new SearchOutcome(best, bestValue, evaluated);
    }

    /**
     * Without monotone feasibility neither tagging nor credits apply, and only the bound prunes: nodes are then
     * evaluated in ascending order of their bound (ties in the tie-break order), and the search stops at the first
     * node whose bound cannot beat the best value found, since no later node can either. Every node that could
     * win is still evaluated, so the answer is the same as the top-down scan's, found after fewer evaluations.
     */
    private SearchOutcome runBestFirst() {
        int size = lattice.size();
        double[] bounds = new double[size];
        Integer[] order = new Integer[size];
        for (int node = 0; node < size; node++) {
            bounds[node] = metric.boundBeforeEvaluation(
                    table.generalisationStatistics(lattice.levels(node), evaluator.minimumClassSize()));
            order[node] = node;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int byBound = Double.compare(bounds[a], bounds[b]);
            return byBound != 0 ? byBound : (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0);
        });
        // The grouping bound is the weighted loss's: usable when the evaluator blanks with the metric's weights.
        boolean groupingBound = evaluator.localSuppression()
                && metric instanceof GeneralisedLoss loss
                && evaluator.weighs(loss.weights());
        NodeEvaluation best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int evaluated = 0;
        for (int node : order) {
            if (best != null && !canBeat(bounds[node], node, bestValue, best.node())) {
                if (bounds[node] > bestValue + TIE_TOLERANCE * Math.max(1.0, Math.abs(bestValue))) {
                    break; // every later node's bound is at least this one's
                }
                continue; // at best a tie that the tie-break loses
            }
            // With local suppression and the loss, a bound from the grouping alone spares the blanking of most nodes.
            if (best != null
                    && groupingBound
                    && !canBeat(
                            evaluator.lossBoundAfterGrouping(
                                    node, bounds[node], bestValue + TIE_TOLERANCE * Math.max(1.0, Math.abs(bestValue))),
                            node,
                            bestValue,
                            best.node())) {
                continue;
            }
            // A node that can at best tie keeps a cutoff just above the best value, so ties are still evaluated.
            NodeEvaluation evaluation = evaluator.evaluate(
                    node,
                    best != null && groupingBound
                            ? bestValue + TIE_TOLERANCE * Math.max(1.0, Math.abs(bestValue))
                            : Double.POSITIVE_INFINITY);
            evaluated++;
            if (evaluation.feasible()) {
                double value = metric.value(evaluation.statistics());
                if (best == null || isBetter(value, node, bestValue, best.node())) {
                    best = evaluation;
                    bestValue = value;
                }
            }
        }
        if (best == null) {
            throw new AnonymityException("no generalisation satisfies the privacy models within the suppression limit ("
                    + evaluator.maxSuppressedRecords() + " of " + table.totalRecords() + " records"
                    + (evaluator.localSuppression() ? ", " + evaluator.maxBlankedValues() + " blanked values" : "")
                    + ")");
        }
        return new SearchOutcome(best, bestValue, evaluated);
    }

    /** Whether a node whose value is at least {@code bound} could still win. */
    private boolean canBeat(double bound, int node, double bestValue, int bestNode) {
        double tolerance = TIE_TOLERANCE * Math.max(1.0, Math.abs(bestValue));
        if (bound < bestValue - tolerance) {
            return true;
        }
        if (bound > bestValue + tolerance) {
            return false;
        }
        return precedes(node, bestNode); // at best a tie
    }

    private boolean isBetter(double value, int node, double bestValue, int bestNode) {
        double tolerance = TIE_TOLERANCE * Math.max(1.0, Math.abs(bestValue));
        if (Math.abs(value - bestValue) <= tolerance) {
            return precedes(node, bestNode);
        }
        return value < bestValue;
    }

    /** The tie-break order: lower sum of levels, then lower node number (lexicographic levels). */
    private boolean precedes(int a, int b) {
        int sa = lattice.levelSum(a);
        int sb = lattice.levelSum(b);
        return sa != sb ? sa < sb : a < b;
    }

    private int[] topDownOrder() {
        int size = lattice.size();
        int maxSum = lattice.levelSum(lattice.top());
        int[] bucketStart = new int[maxSum + 2];
        int[] sums = new int[size];
        for (int node = 0; node < size; node++) {
            sums[node] = lattice.levelSum(node);
            bucketStart[maxSum - sums[node] + 1]++;
        }
        for (int b = 0; b <= maxSum; b++) {
            bucketStart[b + 1] += bucketStart[b];
        }
        int[] order = new int[size];
        for (int node = 0; node < size; node++) {
            order[bucketStart[maxSum - sums[node]]++] = node;
        }
        return order;
    }

    /** Tags every node below {@code node} infeasible; stops where a node is already tagged. */
    private void tagInfeasibleDown(int node, byte[] state, int[] stack) {
        int top = 0;
        stack[top++] = node;
        while (top > 0) {
            int x = stack[--top];
            for (int qi = 0; qi < lattice.dimensions(); qi++) {
                int d = lattice.down(x, qi);
                if (d >= 0 && state[d] == UNKNOWN) {
                    state[d] = INFEASIBLE;
                    stack[top++] = d;
                }
            }
        }
    }

    /**
     * Raises the credit of every node below {@code node} to {@code value}. Credits only ever
     * spread down whole downsets, so a node already at {@code value} has its downset there too.
     */
    private void spreadCreditDown(int node, double value, double[] credit, int[] stack) {
        if (!(value > 0.0)) {
            return;
        }
        int top = 0;
        stack[top++] = node;
        while (top > 0) {
            int x = stack[--top];
            for (int qi = 0; qi < lattice.dimensions(); qi++) {
                int d = lattice.down(x, qi);
                if (d >= 0 && credit[d] < value) {
                    credit[d] = value;
                    stack[top++] = d;
                }
            }
        }
    }
}
