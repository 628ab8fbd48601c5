package ca.hotlinetrends.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Some non-negative table consistent with what is published, for an attacker who does not know the true
 * values: known cells keep their values and the unknown cells get values with {@code x >= 0} and every
 * relation holding. It is the start from which {@link AttackerProblem} solves its LPs; the attacker's
 * intervals do not depend on which feasible table that is.
 *
 * <p>Relations among known cells only must hold exactly (integer arithmetic). Relations with a single
 * unknown cell fix it (its value must be a non-negative integer). The remaining unknown cells are split
 * into connected components and each gets a phase-1 LP ({@code min sum x} over {@code A x = b, x >= 0}),
 * whose point is re-checked against the relations and non-negativity. The commons-math3 defect described in
 * {@link LpSolver} can make that point non-optimal, never infeasible, and optimality does not matter here.
 * Fails with {@link InconsistentCellSystemException} when no such table exists (the published values
 * contradict each other), and with {@link IllegalStateException} when the LP returns a point that fails the
 * re-check. Stateless.
 */
final class FeasiblePoint {

    private FeasiblePoint() {}

    /**
     * @param index   the system; values of cells not {@code unknown} are the known values
     * @param unknown which cells are unknown (their values in {@code index} are ignored)
     * @param solver  counts the LPs solved
     * @return a value per cell: the known values, and a feasible (possibly fractional) value for each unknown
     */
    static double[] find(SystemIndex index, boolean[] unknown, LpSolver solver) {
        double[] point = new double[index.cellCount];
        boolean[] open = unknown.clone();
        for (int cell = 0; cell < index.cellCount; cell++) {
            point[cell] = open[cell] ? 0 : index.values[cell];
        }
        fixSingletons(index, open, point);
        for (List<Integer> component : index.unknownComponents(open)) {
            solveComponent(index, open, point, component, solver);
        }
        return point;
    }

    /** Checks relations without unknowns and fixes cells that are the only unknown of a relation. */
    private static void fixSingletons(SystemIndex index, boolean[] open, double[] point) {
        int[] openCount = new int[index.relationCount()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r = 0; r < index.relationCount(); r++) {
            for (int cell : index.relationCells[r]) {
                if (open[cell]) {
                    openCount[r]++;
                }
            }
            if (openCount[r] <= 1) {
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            long known = 0;
            int single = -1;
            int coefficient = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int cell = index.relationCells[r][t];
                if (open[cell]) {
                    single = cell;
                    coefficient = index.relationCoefficients[r][t];
                } else {
                    known = Math.addExact(
                            known,
                            Math.multiplyExact((long) index.relationCoefficients[r][t], Math.round(point[cell])));
                }
            }
            if (openCount[r] == 0) {
                if (known != 0) {
                    throw new InconsistentCellSystemException(
                            "the published values violate relation '" + index.relationNames[r] + "'");
                }
                continue;
            }
            if (-known % coefficient != 0 || -known / coefficient < 0) {
                throw new InconsistentCellSystemException("relation '" + index.relationNames[r] + "' forces cell '"
                        + index.ids[single] + "' to a value that is not a non-negative integer");
            }
            open[single] = false;
            point[single] = -known / coefficient;
            for (int other : index.cellRelations[single]) {
                if (--openCount[other] <= 1) {
                    queue.add(other);
                }
            }
        }
    }

    private static void solveComponent(
            SystemIndex index, boolean[] open, double[] point, List<Integer> component, LpSolver solver) {
        int n = component.size();
        int[] variableOf = new int[index.cellCount];
        Arrays.fill(variableOf, -1);
        for (int v = 0; v < n; v++) {
            variableOf[component.get(v)] = v;
        }
        boolean[] touching = new boolean[index.relationCount()];
        for (int cell : component) {
            for (int r : index.cellRelations[cell]) {
                touching[r] = true;
            }
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < touching.length; r++) {
            if (!touching[r]) {
                continue;
            }
            double[] a = new double[n];
            double rhs = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int cell = index.relationCells[r][t];
                if (open[cell]) {
                    a[variableOf[cell]] += index.relationCoefficients[r][t];
                } else {
                    rhs -= index.relationCoefficients[r][t] * point[cell];
                }
            }
            constraints.add(new LinearConstraint(a, Relationship.EQ, rhs));
            rows.add(r);
        }
        double[] objective = new double[n];
        Arrays.fill(objective, 1);
        LpSolver.Outcome outcome = solver.solve(objective, GoalType.MINIMIZE, constraints);
        if (outcome.status() == LpSolver.Status.INFEASIBLE) {
            throw new InconsistentCellSystemException("no non-negative values of the " + n + " suppressed cells "
                    + "around '" + index.ids[component.get(0)] + "' match the published values and relations");
        }
        if (outcome.status() != LpSolver.Status.OPTIMAL) {
            throw new IllegalStateException("the LP for a feasible table around '" + index.ids[component.get(0)]
                    + "' ended " + outcome.status() + "; the audit fails closed");
        }
        for (int v = 0; v < n; v++) {
            double x = outcome.point()[v];
            if (x < -LpSolver.INTEGER_SNAP) {
                throw new IllegalStateException("the LP for a feasible table around '" + index.ids[component.get(0)]
                        + "' returned a negative value; the audit fails closed");
            }
            point[component.get(v)] = Math.max(0, x);
        }
        for (int r : rows) {
            double lhs = 0;
            double scale = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                double term = index.relationCoefficients[r][t] * point[index.relationCells[r][t]];
                lhs += term;
                scale += Math.abs(term);
            }
            if (Math.abs(lhs) > LpSolver.INTEGER_SNAP * (1 + scale)) {
                throw new IllegalStateException("the LP for a feasible table returned a point violating relation '"
                        + index.relationNames[r] + "'; the audit fails closed");
            }
        }
    }
}
