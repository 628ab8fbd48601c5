package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The attacker's problem for one connected component of unknown cells: every value the attacker
 * knows is a constant, the component's cells are the variables, and the feasible set is
 * {@code {x >= 0 : every relation touching the component holds}}. Minimising and maximising one
 * cell over that set gives its feasibility interval, as in the audit of sdcTable's
 * {@code attack()} and tau-Argus.
 *
 * <p>Every bound returned comes from a point that is re-checked against the relations and the
 * non-negativity constraints; a point that fails the check throws {@link IllegalStateException}
 * (the audit cannot be trusted, so it fails closed). Since every point is feasible, a reported
 * maximum never exceeds the true maximum and a reported minimum never falls below the true
 * minimum: numerical trouble can only make the audit stricter. Not thread-safe.
 */
final class AttackerProblem {

    private final SystemIndex index;
    private final int[] cells;
    private final int[] relations;
    private final double[][] rows;
    private final double[] rightHandSides;
    private final List<LinearConstraint> constraints;
    private final int[] localOf;

    /**
     * @param index   the system
     * @param unknown which cells the attacker does not know (all others are known exactly)
     * @param cells   the component: unknown cells, ascending, closed under shared relations
     */
    AttackerProblem(SystemIndex index, boolean[] unknown, int[] cells) {
        this.index = index;
        this.cells = cells.clone();
        this.localOf = new int[index.cellCount];
        Arrays.fill(localOf, -1);
        for (int k = 0; k < cells.length; k++) {
            localOf[cells[k]] = k;
        }
        boolean[] seen = new boolean[index.relationCount()];
        List<Integer> touching = new ArrayList<>();
        for (int cell : cells) {
            for (int r : index.cellRelations[cell]) {
                if (!seen[r]) {
                    seen[r] = true;
                    touching.add(r);
                }
            }
        }
        touching.sort(null);
        this.relations = touching.stream().mapToInt(Integer::intValue).toArray();
        this.rows = new double[relations.length][];
        this.rightHandSides = new double[relations.length];
        this.constraints = new ArrayList<>(relations.length);
        for (int k = 0; k < relations.length; k++) {
            int r = relations[k];
            double[] row = new double[cells.length];
            double known = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int cell = index.relationCells[r][t];
                int coefficient = index.relationCoefficients[r][t];
                if (unknown[cell]) {
                    if (localOf[cell] < 0) {
                        throw new IllegalArgumentException("component is not closed: relation '"
                                + index.relationNames[r] + "' links it to cell '" + index.ids[cell] + "'");
                    }
                    row[localOf[cell]] = coefficient;
                } else {
                    known += (double) coefficient * index.values[cell];
                }
            }
            rows[k] = row;
            rightHandSides[k] = -known;
            constraints.add(new LinearConstraint(row, Relationship.EQ, -known));
        }
    }

    int size() {
        return cells.length;
    }

    /** The largest feasible value of a component cell, {@code +Infinity} if unbounded. */
    double max(int cell, LpSolver solver) {
        return optimise(cell, GoalType.MAXIMIZE, solver);
    }

    /** The smallest feasible value of a component cell. */
    double min(int cell, LpSolver solver) {
        return optimise(cell, GoalType.MINIMIZE, solver);
    }

    private double optimise(int cell, GoalType goal, LpSolver solver) {
        int local = localOf[cell];
        if (local < 0) {
            throw new IllegalArgumentException("cell '" + index.ids[cell] + "' is not in this component");
        }
        if (constraints.isEmpty()) {
            return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : 0;
        }
        double[] objective = new double[cells.length];
        objective[local] = 1;
        LpSolver.Outcome outcome = solver.solve(objective, goal, constraints);
        switch (outcome.status()) {
            case UNBOUNDED:
                if (goal == GoalType.MINIMIZE) {
                    throw new IllegalStateException("the attacker LP is unbounded below for cell '"
                            + index.ids[cell] + "' although all cells are non-negative");
                }
                return Double.POSITIVE_INFINITY;
            case INFEASIBLE:
                throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                        + "' is reported infeasible although the true table satisfies it; the audit fails closed");
            default:
                verify(outcome.point(), cell);
                return LpSolver.snap(outcome.point()[local]);
        }
    }

    private void verify(double[] x, int cell) {
        for (int k = 0; k < x.length; k++) {
            if (x[k] < -LpSolver.INTEGER_SNAP) {
                throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                        + "' returned a negative value for cell '" + index.ids[cells[k]] + "'; the audit fails closed");
            }
        }
        for (int k = 0; k < relations.length; k++) {
            double[] row = rows[k];
            double lhs = 0;
            double scale = Math.abs(rightHandSides[k]);
            for (int j = 0; j < row.length; j++) {
                lhs += row[j] * x[j];
                scale += Math.abs(row[j] * x[j]);
            }
            if (Math.abs(lhs - rightHandSides[k]) > LpSolver.INTEGER_SNAP * (1 + scale)) {
                throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                        + "' returned a point violating relation '" + index.relationNames[relations[k]]
                        + "'; the audit fails closed");
            }
        }
    }
}
