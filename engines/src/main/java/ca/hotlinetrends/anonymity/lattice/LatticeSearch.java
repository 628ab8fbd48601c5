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
 * <p>Not thread-safe (it drives a {@link NodeEvaluator}, and its helper's on a thread of its own); one search per
 * instance and run.
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
    /** A second evaluator over the same table, for a thread that works a node ahead; null: none. */
    private final NodeEvaluator helper;

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
        this(lattice, table, evaluator, metric, monotoneFeasibility, null);
    }

    /**
     * A search that, without monotone feasibility, evaluates the next candidate node on a second thread with
     * {@code helper} while this one evaluates the current one; the outcome is the same as without.
     *
     * @param helper a second evaluator over the same table and lattice, used by the helper thread only; null: none
     */
    public LatticeSearch(
            Lattice lattice,
            EncodedTable table,
            NodeEvaluator evaluator,
            InformationLossMetric metric,
            boolean monotoneFeasibility,
            NodeEvaluator helper) {
        if (helper == evaluator && helper != null) {
            throw new IllegalArgumentException("the helper needs an evaluator of its own");
        }
        this.lattice = lattice;
        this.table = table;
        this.evaluator = evaluator;
        this.metric = metric;
        this.monotone = monotoneFeasibility;
        this.helper = helper;
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
        return new SearchOutcome(best, bestValue, evaluated, evaluator);
    }

    /**
     * Without monotone feasibility neither tagging nor credits apply, and only the bound prunes: nodes are then
     * evaluated in ascending order of their bound (ties in the tie-break order), and the search stops at the first
     * node whose bound cannot beat the best value found, since no later node can either. Every node that could
     * win is still evaluated, so the answer is the same as the top-down scan's, found after fewer evaluations.
     *
     * <p>With a helper evaluator, a second thread works one node ahead: while this thread evaluates a node, the
     * helper evaluates the next node that the best value found so far does not rule out. Every decision is still
     * taken here, node by node in the same order and with the best value as it is then; the helper's work is used
     * only when the best node has not changed since it started (its loss bound and cutoff are then the ones this
     * thread would have used), and is otherwise done again. So the answer, the nodes counted as evaluated and every
     * figure reported are those of the search without a helper.
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
        Best best = Best.NONE;
        NodeEvaluator bestBy = evaluator;
        int evaluated = 0;
        java.util.concurrent.ExecutorService pool = helper == null
                ? null
                : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "lattice-search-helper");
                    t.setDaemon(true);
                    return t;
                });
        Ahead ahead = null;
        try {
            for (int i = nextCandidate(order, bounds, 0, best); i >= 0; i = nextCandidate(order, bounds, i + 1, best)) {
                int node = order[i];
                if (ahead != null && ahead.index() < i) {
                    ahead = null; // its node was ruled out: the helper's queue runs its tasks one after the other
                }
                Step step;
                if (ahead != null && ahead.index() == i) {
                    step = ahead.result();
                    if (!step.best().equals(best)) {
                        step = step(helper, node, bounds[node], best, groupingBound); // the best changed meanwhile
                    }
                    ahead = null;
                } else {
                    if (pool != null && ahead == null) {
                        ahead = lookAhead(pool, order, bounds, i + 1, best, groupingBound);
                    }
                    step = step(evaluator, node, bounds[node], best, groupingBound);
                }
                NodeEvaluation evaluation = step.evaluation();
                if (evaluation == null) {
                    continue; // the bound after grouping cannot beat the best
                }
                evaluated++;
                if (evaluation.feasible()) {
                    double value = metric.value(evaluation.statistics());
                    if (!best.found() || isBetter(value, node, best.value(), best.node())) {
                        best = new Best(evaluation, value);
                        bestBy = step.by();
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                awaitQuietly(pool); // the helper's evaluator is not left working after the search
            }
        }
        if (!best.found()) {
            throw new AnonymityException("no generalisation satisfies the privacy models within the suppression limit ("
                    + evaluator.maxSuppressedRecords() + " of " + table.totalRecords() + " records"
                    + (evaluator.localSuppression() ? ", " + evaluator.maxBlankedValues() + " blanked values" : "")
                    + ")");
        }
        return new SearchOutcome(best.evaluation(), best.value(), evaluated, bestBy);
    }

    /** The best node so far (none: {@link #NONE}). */
    private record Best(NodeEvaluation evaluation, double value) {
        static final Best NONE = new Best(null, Double.POSITIVE_INFINITY);

        boolean found() {
            return evaluation != null;
        }

        int node() {
            return evaluation.node();
        }

        /** The loss above which a node cannot even tie. */
        double cutoff() {
            return found() ? value + TIE_TOLERANCE * Math.max(1.0, Math.abs(value)) : Double.POSITIVE_INFINITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Best b && evaluation == b.evaluation;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(evaluation);
        }
    }

    /**
     * One node's work against a best: its evaluation, or null when its bound after grouping cannot beat the best, and
     * the evaluator that did it.
     */
    private record Step(Best best, NodeEvaluation evaluation, NodeEvaluator by) {}

    private Step step(NodeEvaluator with, int node, double bound, Best best, boolean groupingBound) {
        // With local suppression and the loss, a bound from the grouping alone spares the blanking of most nodes.
        if (best.found()
                && groupingBound
                && !canBeat(with.lossBoundAfterGrouping(node, bound, best.cutoff()), node, best.value(), best.node())) {
            return new Step(best, null, with);
        }
        // A node that can at best tie keeps a cutoff just above the best value, so ties are still evaluated.
        return new Step(
                best,
                with.evaluate(node, best.found() && groupingBound ? best.cutoff() : Double.POSITIVE_INFINITY),
                with);
    }

    /** The helper's work on a node ahead. */
    private record Ahead(int index, java.util.concurrent.Future<Step> future) {
        Step result() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the lattice search was interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Waits until the helper's thread has finished its task (an evaluation does not stop when interrupted). */
    private static void awaitQuietly(java.util.concurrent.ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The position in {@code order} of the first node from {@code from} on whose bound could still beat {@code best},
     * or -1: nodes whose bound can at best tie and lose the tie-break are passed over, and the first node whose bound
     * is above the best value ends the search (every later node's bound is at least its).
     */
    private int nextCandidate(Integer[] order, double[] bounds, int from, Best best) {
        for (int j = from; j < order.length; j++) {
            int node = order[j];
            if (!best.found() || canBeat(bounds[node], node, best.value(), best.node())) {
                return j;
            }
            if (bounds[node] > best.cutoff()) {
                return -1;
            }
        }
        return -1;
    }

    /** Starts the helper on the first node from {@code from} on that {@code best} does not rule out, if any. */
    private Ahead lookAhead(
            java.util.concurrent.ExecutorService pool,
            Integer[] order,
            double[] bounds,
            int from,
            Best best,
            boolean groupingBound) {
        int j = nextCandidate(order, bounds, from, best);
        if (j < 0) {
            return null;
        }
        int node = order[j];
        double bound = bounds[node];
        return new Ahead(j, pool.submit(() -> step(helper, node, bound, best, groupingBound)));
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
