package ca.hotlinetrends.disclosure;

import java.util.Arrays;

/**
 * A proof of protection: a deviation {@code y} from the true table such that {@code true + y} is
 * non-negative, satisfies every relation and changes only suppressed cells. Such a table is one the
 * attacker cannot rule out, so for every cell {@code c} the attacker's interval contains
 * {@code true[c] + y[c]}. A witness stays valid while suppression only grows; un-suppressing a cell
 * invalidates exactly the witnesses that move it. Stored sparsely, cells ascending. Immutable.
 */
final class Witness {

    private static final Witness NONE = new Witness(new int[0], new double[0]);

    private final int[] cells;
    private final double[] deltas;

    Witness(int[] cells, double[] deltas) {
        if (cells.length != deltas.length) {
            throw new IllegalArgumentException(
                    "cells and deltas must have the same length, got " + cells.length + " and " + deltas.length);
        }
        for (int k = 1; k < cells.length; k++) {
            if (cells[k - 1] >= cells[k]) {
                throw new IllegalArgumentException("witness cells must be strictly ascending");
            }
        }
        this.cells = cells.clone();
        this.deltas = deltas.clone();
    }

    /** The true table itself: no cell moves. */
    static Witness none() {
        return NONE;
    }

    /** How far this witness moves a cell (0 if it does not). */
    double delta(int cell) {
        int k = Arrays.binarySearch(cells, cell);
        return k >= 0 ? deltas[k] : 0;
    }

    /** Whether the witness moves the cell. */
    boolean moves(int cell) {
        return Arrays.binarySearch(cells, cell) >= 0;
    }

    /**
     * This witness reversed and scaled so that it moves {@code target} by {@code -amount}, or
     * {@code null} if that would make a cell negative. The relations are linear and homogeneous, so
     * the reversed deviation satisfies them too.
     *
     * @param values the true values, by cell index
     */
    Witness reversed(int target, long amount, long[] values) {
        if (amount == 0) {
            return none();
        }
        double factor = -amount / delta(target);
        if (!(factor < 0) || Double.isInfinite(factor)) {
            return null;
        }
        double[] scaled = new double[deltas.length];
        for (int k = 0; k < cells.length; k++) {
            scaled[k] = factor * deltas[k];
            if (values[cells[k]] + scaled[k] < -LpSolver.INTEGER_SNAP) {
                return null;
            }
        }
        scaled[Arrays.binarySearch(cells, target)] = -amount;
        return new Witness(cells, scaled);
    }

    /** The cells this witness moves, ascending. */
    int[] support() {
        return cells.clone();
    }
}
