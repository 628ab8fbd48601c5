package ca.hotlinetrends.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The protection subproblem of one sensitive cell in one direction: the cheapest deviation
 * {@code y} with {@code y[target] = sign * amount}, {@code M y = 0} on every relation touching the
 * moved cells, {@code true + y >= 0} and {@code y = 0} outside a given set of movable cells. Its
 * support is a set of complementary suppressions that guarantees the attacker's interval of the
 * target reaches {@code true[target] + sign * amount}, and the solution is a {@link Witness}.
 *
 * <p>This is the LP used by the network/LP heuristics for complementary suppression (Kelly, Golden
 * and Assad, <i>Cell suppression: disclosure protection for sensitive tabular data</i>, Networks
 * 22:397-417, 1992; Cox, <i>Network models for complementary cell suppression</i>, JASA
 * 90:1453-1462, 1995), generalised to arbitrary linear relations as in the "protection level
 * requirements" of Fischetti and Salazar-Gonz&aacute;lez (JASA 95(451):916-928, 2000). With
 * {@code y = u - d}, {@code u, d >= 0}, the fixed cost {@code c} of suppressing a cell is linearised
 * as in the LP relaxation of a fixed-charge flow: {@code c / amount} per unit of {@code u} and
 * {@code c / min(value, amount)} per unit of {@code d}, so cells that can carry the whole amount
 * alone are preferred. Cells already suppressed cost only a token amount. The bound
 * {@code d <= value} is added up front for cells with {@code value < amount} and lazily for the
 * others if a solution violates it. Before solving, region cells that are the only region cell
 * of a relation without the target are dropped, repeatedly: they cannot move, and dropping them
 * keeps the LP small. Not thread-safe (shares the caller's solver).
 */
final class ProtectionLp {

    /** Moves smaller than this (relative to the amount) are treated as zero. */
    private static final double NEGLIGIBLE = 1e-7;
    /** Unit cost of moving an already-suppressed cell, relative to the cheapest candidate. */
    private static final double SUPPRESSED_COST_FACTOR = 1e-3;
    /** Tie-breaking perturbation of the objective, relative to the token cost, per column. */
    private static final double TIE_BREAK = 1e-6;

    private final SystemIndex index;
    private final double[] suppressionCost;
    private final double cheapestCost;
    private final LpSolver solver;

    ProtectionLp(SystemIndex index, double[] suppressionCost, LpSolver solver) {
        this.index = index;
        this.suppressionCost = suppressionCost;
        this.solver = solver;
        double cheapest = Double.POSITIVE_INFINITY;
        for (double c : suppressionCost) {
            if (c > 0) {
                cheapest = Math.min(cheapest, c);
            }
        }
        this.cheapestCost = Double.isInfinite(cheapest) ? 1 : cheapest;
    }

    /**
     * @param target     the sensitive cell
     * @param sign       {@code +1} to push the target up, {@code -1} to push it down
     * @param amount     how far, {@code > 0}
     * @param region     cells allowed to move besides the target, ascending
     * @param suppressed which cells are suppressed already (cheap to move)
     * @return the cheapest witness, or {@code null} if none exists within {@code region} (for one,
     *         when the target would go negative)
     */
    Witness find(int target, int sign, double amount, int[] region, boolean[] suppressed) {
        if (index.values[target] + sign * amount < 0) {
            return null;
        }
        int[] movable = peel(target, region);
        int n = movable.length;
        int[] localOf = new int[index.cellCount];
        Arrays.fill(localOf, -1);
        for (int k = 0; k < n; k++) {
            localOf[movable[k]] = k;
        }
        int[] relations = touchingRelations(target, movable);
        for (int r : index.cellRelations[target]) {
            if (!hasMovable(r, localOf)) {
                return null;
            }
        }
        if (relations.length == 0) {
            // The target is in no relation: it moves alone.
            return new Witness(new int[] {target}, new double[] {sign * amount});
        }
        // Variables: u_k at k, d_k at n + downSlot[k] for cells with a positive value.
        int[] downSlot = new int[n];
        int downCount = 0;
        for (int k = 0; k < n; k++) {
            downSlot[k] = index.values[movable[k]] > 0 ? downCount++ : -1;
        }
        int variables = n + downCount;
        double[] objective = new double[variables];
        double token = SUPPRESSED_COST_FACTOR * cheapestCost / amount;
        for (int k = 0; k < n; k++) {
            int cell = movable[k];
            double value = index.values[cell];
            boolean cheap = suppressed[cell];
            objective[k] = cheap ? token : suppressionCost[cell] / amount;
            if (downSlot[k] >= 0) {
                objective[n + downSlot[k]] = cheap ? token : suppressionCost[cell] / Math.min(value, amount);
            }
        }
        breakTies(objective, token);
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int r : relations) {
            double[] row = new double[variables];
            double rhs = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int cell = index.relationCells[r][t];
                int coefficient = index.relationCoefficients[r][t];
                if (cell == target) {
                    rhs = -coefficient * sign * amount;
                } else if (localOf[cell] >= 0) {
                    int k = localOf[cell];
                    row[k] = coefficient;
                    if (downSlot[k] >= 0) {
                        row[n + downSlot[k]] = -coefficient;
                    }
                }
            }
            constraints.add(new LinearConstraint(row, Relationship.EQ, rhs));
        }
        boolean[] bounded = new boolean[n];
        for (int k = 0; k < n; k++) {
            if (downSlot[k] >= 0 && index.values[movable[k]] < amount) {
                constraints.add(upperBound(variables, n + downSlot[k], index.values[movable[k]]));
                bounded[k] = true;
            }
        }
        while (true) {
            LpSolver.Outcome outcome = solver.solve(objective, GoalType.MINIMIZE, constraints);
            if (outcome.status() != LpSolver.Status.OPTIMAL) {
                return null;
            }
            double[] x = outcome.point();
            boolean added = false;
            for (int k = 0; k < n; k++) {
                if (downSlot[k] >= 0
                        && !bounded[k]
                        && x[n + downSlot[k]] > index.values[movable[k]] + LpSolver.EPSILON) {
                    constraints.add(upperBound(variables, n + downSlot[k], index.values[movable[k]]));
                    bounded[k] = true;
                    added = true;
                }
            }
            if (!added) {
                return toWitness(target, sign * amount, movable, downSlot, x, relations);
            }
        }
    }

    /**
     * Makes the objective coefficients pairwise distinct and non-zero by adding {@code (j + 1) *
     * TIE_BREAK * token} to column {@code j}: at most a thousandth of the token cost per thousand
     * columns, so it only decides between (nearly) equally cheap witnesses, deterministically. Reason:
     * after phase 1, commons-math3 3.6.1 takes every unit column as basic, so a non-basic column equal
     * to a basic one (two cells with the same relations and the same cost, or a total's {@code u} and
     * a part's {@code d}) corrupts its basis and it returns a non-optimal or even infeasible point (see
     * {@link LpSolver}). Such a column's reduced cost is the difference of the two objective
     * coefficients (or its own coefficient, against a slack or artificial column), so with distinct
     * non-zero coefficients it is never a unit column. A wrong point could only cost complements or
     * a witness ({@link #toWitness} re-checks every point), never protection.
     */
    private static void breakTies(double[] objective, double token) {
        for (int j = 0; j < objective.length; j++) {
            objective[j] += (j + 1) * TIE_BREAK * token;
        }
    }

    private Witness toWitness(
            int target, double targetDelta, int[] movable, int[] downSlot, double[] x, int[] relations) {
        int n = movable.length;
        double[] delta = new double[index.cellCount];
        delta[target] = targetDelta;
        List<Integer> moved = new ArrayList<>();
        moved.add(target);
        double negligible = NEGLIGIBLE * Math.abs(targetDelta);
        for (int k = 0; k < n; k++) {
            double y = x[k] - (downSlot[k] >= 0 ? x[n + downSlot[k]] : 0);
            if (Math.abs(y) > negligible) {
                delta[movable[k]] = y;
                moved.add(movable[k]);
            }
        }
        moved.sort(null);
        for (int cell : moved) {
            if (index.values[cell] + delta[cell] < -LpSolver.INTEGER_SNAP) {
                return null;
            }
        }
        for (int r : relations) {
            double residual = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                residual += index.relationCoefficients[r][t] * delta[index.relationCells[r][t]];
            }
            if (Math.abs(residual) > LpSolver.INTEGER_SNAP * (1 + Math.abs(targetDelta))) {
                return null;
            }
        }
        int[] cells = moved.stream().mapToInt(Integer::intValue).toArray();
        double[] deltas = new double[cells.length];
        for (int k = 0; k < cells.length; k++) {
            deltas[k] = delta[cells[k]];
        }
        return new Witness(cells, deltas);
    }

    /**
     * Drops region cells forced to stay put: a cell that is the only region cell of a relation not
     * containing the target cannot move, since every other cell of that relation is fixed. Repeated
     * until stable; this shrinks the LP without changing its feasible set.
     */
    private int[] peel(int target, int[] region) {
        boolean[] inside = new boolean[index.cellCount];
        int[] count = new int[index.relationCount()];
        for (int cell : region) {
            inside[cell] = true;
            for (int r : index.cellRelations[cell]) {
                count[r]++;
            }
        }
        boolean[] anchored = new boolean[index.relationCount()];
        for (int r : index.cellRelations[target]) {
            anchored[r] = true;
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int cell : region) {
            for (int r : index.cellRelations[cell]) {
                if (count[r] == 1 && !anchored[r]) {
                    queue.add(r);
                }
            }
        }
        int remaining = region.length;
        while (!queue.isEmpty()) {
            int r = queue.poll();
            if (count[r] != 1) {
                continue;
            }
            for (int cell : index.relationCells[r]) {
                if (inside[cell]) {
                    inside[cell] = false;
                    remaining--;
                    for (int other : index.cellRelations[cell]) {
                        if (--count[other] == 1 && !anchored[other]) {
                            queue.add(other);
                        }
                    }
                    break;
                }
            }
        }
        int[] kept = new int[remaining];
        int k = 0;
        for (int cell : region) {
            if (inside[cell]) {
                kept[k++] = cell;
            }
        }
        return kept;
    }

    private int[] touchingRelations(int target, int[] movable) {
        boolean[] seen = new boolean[index.relationCount()];
        for (int r : index.cellRelations[target]) {
            seen[r] = true;
        }
        for (int cell : movable) {
            for (int r : index.cellRelations[cell]) {
                seen[r] = true;
            }
        }
        int count = 0;
        for (boolean s : seen) {
            count += s ? 1 : 0;
        }
        int[] relations = new int[count];
        int k = 0;
        for (int r = 0; r < seen.length; r++) {
            if (seen[r]) {
                relations[k++] = r;
            }
        }
        return relations;
    }

    private boolean hasMovable(int relation, int[] localOf) {
        for (int cell : index.relationCells[relation]) {
            if (localOf[cell] >= 0) {
                return true;
            }
        }
        return false;
    }

    private static LinearConstraint upperBound(int variables, int variable, double bound) {
        double[] row = new double[variables];
        row[variable] = 1;
        return new LinearConstraint(row, Relationship.LEQ, bound);
    }
}
