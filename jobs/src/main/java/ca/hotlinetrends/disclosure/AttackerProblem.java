package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
 * <p>Presolve: unknown cells linked by a "same count" relation ({@code c*a - c*b = 0}) are one
 * variable, so such relations disappear and aliases share one pair of LPs. This changes neither the
 * feasible set nor any bound.
 *
 * <p>Every bound returned comes from a point that is re-checked against the original relations
 * and the non-negativity constraints; a point that fails the check throws
 * {@link IllegalStateException} (the audit cannot be trusted, so it fails closed). Since every point
 * is feasible, a reported maximum never exceeds the true maximum and a reported minimum never falls
 * below the true minimum: numerical trouble can only make the audit stricter. Not thread-safe.
 */
final class AttackerProblem {

    private final SystemIndex index;
    private final boolean[] unknown;
    private final int[] cells;
    /** For each cell of the system, its variable, or -1 if it is not in the component. */
    private final int[] variableOf;
    private final int variables;
    private final int[] relations;
    private final List<LinearConstraint> constraints = new ArrayList<>();
    /** Per variable: the smallest value seen in any verified point, and memoised bounds. */
    private final double[] lowestSeen;
    private final double[] min;
    private final double[] max;

    /**
     * @param index   the system
     * @param unknown which cells the attacker does not know (all others are known exactly)
     * @param cells   the component: unknown cells, ascending, closed under shared relations
     */
    AttackerProblem(SystemIndex index, boolean[] unknown, int[] cells) {
        this.index = index;
        this.unknown = unknown;
        this.cells = cells.clone();
        this.variableOf = new int[index.cellCount];
        Arrays.fill(variableOf, -1);
        for (int cell : cells) {
            variableOf[cell] = 0;
        }
        this.relations = touchingRelations(cells);
        UnionFind aliases = new UnionFind(index.cellCount);
        for (int r : relations) {
            if (isAlias(r)) {
                aliases.union(index.relationCells[r][0], index.relationCells[r][1]);
            }
        }
        int[] variableOfRoot = new int[index.cellCount];
        Arrays.fill(variableOfRoot, -1);
        int count = 0;
        for (int cell : cells) {
            int root = aliases.find(cell);
            if (variableOfRoot[root] < 0) {
                variableOfRoot[root] = count++;
            }
            variableOf[cell] = variableOfRoot[root];
        }
        this.variables = count;
        for (int r : relations) {
            addConstraint(r);
        }
        this.lowestSeen = new double[variables];
        this.min = new double[variables];
        this.max = new double[variables];
        Arrays.fill(lowestSeen, Double.POSITIVE_INFINITY);
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
    }

    private int[] touchingRelations(int[] component) {
        boolean[] seen = new boolean[index.relationCount()];
        for (int cell : component) {
            for (int r : index.cellRelations[cell]) {
                seen[r] = true;
            }
        }
        return IntStream.range(0, seen.length).filter(r -> seen[r]).toArray();
    }

    private boolean isAlias(int r) {
        int[] members = index.relationCells[r];
        int[] coefficients = index.relationCoefficients[r];
        return members.length == 2 && unknown[members[0]] && unknown[members[1]]
                && coefficients[0] == -coefficients[1];
    }

    private void addConstraint(int r) {
        double[] row = new double[variables];
        double known = 0;
        boolean nonZero = false;
        for (int t = 0; t < index.relationCells[r].length; t++) {
            int cell = index.relationCells[r][t];
            int coefficient = index.relationCoefficients[r][t];
            if (unknown[cell]) {
                if (variableOf[cell] < 0) {
                    throw new IllegalArgumentException("component is not closed: relation '"
                            + index.relationNames[r] + "' links it to cell '" + index.ids[cell] + "'");
                }
                row[variableOf[cell]] += coefficient;
            } else {
                known += (double) coefficient * index.values[cell];
            }
        }
        for (double a : row) {
            nonZero |= a != 0;
        }
        if (nonZero) {
            constraints.add(new LinearConstraint(row, Relationship.EQ, -known));
        }
    }

    /** The largest feasible value of a component cell, {@code +Infinity} if unbounded. */
    double max(int cell, LpSolver solver) {
        int variable = variable(cell);
        if (Double.isNaN(max[variable])) {
            max[variable] = optimise(cell, GoalType.MAXIMIZE, solver);
        }
        return max[variable];
    }

    /**
     * The smallest feasible value of a component cell. If an earlier verified point already put the
     * cell at 0 (the non-negativity bound) that is the minimum and no LP is solved, so solving all
     * maxima before the minima saves LPs.
     */
    double min(int cell, LpSolver solver) {
        int variable = variable(cell);
        if (Double.isNaN(min[variable])) {
            min[variable] = LpSolver.snap(lowestSeen[variable]) == 0 ? 0 : optimise(cell, GoalType.MINIMIZE, solver);
        }
        return min[variable];
    }

    private int variable(int cell) {
        int variable = variableOf[cell];
        if (variable < 0) {
            throw new IllegalArgumentException("cell '" + index.ids[cell] + "' is not in this component");
        }
        return variable;
    }

    private double optimise(int cell, GoalType goal, LpSolver solver) {
        if (constraints.isEmpty()) {
            return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : 0;
        }
        double[] objective = new double[variables];
        objective[variableOf[cell]] = 1;
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
            case ITERATION_LIMIT:
                throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                        + "' did not converge; the audit fails closed");
            default:
                double[] x = outcome.point();
                verify(x, cell);
                for (int v = 0; v < variables; v++) {
                    lowestSeen[v] = Math.min(lowestSeen[v], x[v]);
                }
                return LpSolver.snap(x[variableOf[cell]]);
        }
    }

    /** Checks a point against the original relations (aliases expanded) and non-negativity. */
    private void verify(double[] x, int cell) {
        for (int v = 0; v < variables; v++) {
            if (x[v] < -LpSolver.INTEGER_SNAP) {
                throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                        + "' returned a negative value; the audit fails closed");
            }
        }
        for (int r : relations) {
            double lhs = 0;
            double scale = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int member = index.relationCells[r][t];
                double value = unknown[member] ? x[variableOf[member]] : index.values[member];
                lhs += index.relationCoefficients[r][t] * value;
                scale += Math.abs(index.relationCoefficients[r][t] * value);
            }
            if (Math.abs(lhs) > LpSolver.INTEGER_SNAP * (1 + scale)) {
                throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                        + "' returned a point violating relation '" + index.relationNames[r]
                        + "'; the audit fails closed");
            }
        }
    }
}
