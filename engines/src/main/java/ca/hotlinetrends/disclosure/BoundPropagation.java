package ca.hotlinetrends.disclosure;

import java.util.Arrays;

/**
 * Outer bounds of every cell over the attacker's feasible set {@code {x >= 0 : every relation holds, known cells
 * at their values}}, by bound propagation: each relation {@code sum a_t x_t = 0} bounds each of its unknown cells by
 * the others' bounds, and the passes repeat while some bound moves. This is the "feasibility-based bound tightening"
 * of MIP presolve (Savelsbergh, ORSA J. Computing 6(4):445-454, 1994), with no rounding, so the bounds contain the
 * linear programs' intervals, not only the integer ones: a cell that propagation holds to within {@code d} of its
 * value cannot be moved further by any witness, in any region of unknown cells. Each pass costs one sweep over the
 * relations; it is not exact (the intervals the LPs give may be narrower).
 */
final class BoundPropagation {

    /** Passes at most; every pass's bounds are valid, so stopping early only leaves them wider. */
    private static final int MAX_PASSES = 50;

    /** A bound that moves by less than this is not propagated further. */
    private static final double MOVE = 1e-7;

    private BoundPropagation() {}

    /**
     * @param index   the system
     * @param unknown the cells free to move (every other cell is at its value)
     * @return {@code {lower, upper}} per cell; {@code upper} is {@code +Infinity} where nothing bounds the cell
     */
    static double[][] bounds(SystemIndex index, boolean[] unknown) {
        int n = index.cellCount;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int cell = 0; cell < n; cell++) {
            lo[cell] = unknown[cell] ? 0 : index.values[cell];
            hi[cell] = unknown[cell] ? Double.POSITIVE_INFINITY : index.values[cell];
        }
        boolean[] dirty = new boolean[index.relationCount()];
        Arrays.fill(dirty, true);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean moved = false;
            for (int r = 0; r < dirty.length; r++) {
                if (!dirty[r]) {
                    continue;
                }
                dirty[r] = false;
                int[] cells = index.relationCells[r];
                int[] coefficients = index.relationCoefficients[r];
                // The range of sum a_t x_t, with the infinite ends counted apart so that one term can be taken out.
                double minSum = 0;
                double maxSum = 0;
                int minInfinite = 0;
                int maxInfinite = 0;
                for (int t = 0; t < cells.length; t++) {
                    double low = termLow(coefficients[t], lo[cells[t]], hi[cells[t]]);
                    double high = termHigh(coefficients[t], lo[cells[t]], hi[cells[t]]);
                    if (Double.isInfinite(low)) {
                        minInfinite++;
                    } else {
                        minSum += low;
                    }
                    if (Double.isInfinite(high)) {
                        maxInfinite++;
                    } else {
                        maxSum += high;
                    }
                }
                for (int t = 0; t < cells.length; t++) {
                    int cell = cells[t];
                    if (!unknown[cell]) {
                        continue;
                    }
                    int a = coefficients[t];
                    double low = termLow(a, lo[cell], hi[cell]);
                    double high = termHigh(a, lo[cell], hi[cell]);
                    // The others' sum lies in [othersMin, othersMax]; a x = -(others).
                    double othersMin = Double.isInfinite(low)
                            ? (minInfinite > 1 ? Double.NEGATIVE_INFINITY : minSum)
                            : (minInfinite > 0 ? Double.NEGATIVE_INFINITY : minSum - low);
                    double othersMax = Double.isInfinite(high)
                            ? (maxInfinite > 1 ? Double.POSITIVE_INFINITY : maxSum)
                            : (maxInfinite > 0 ? Double.POSITIVE_INFINITY : maxSum - high);
                    double newLo = a > 0 ? -othersMax / a : -othersMin / a;
                    double newHi = a > 0 ? -othersMin / a : -othersMax / a;
                    boolean changed = false;
                    if (newLo > lo[cell] + MOVE) {
                        lo[cell] = newLo;
                        changed = true;
                    }
                    if (newHi < hi[cell] - MOVE) {
                        hi[cell] = newHi;
                        changed = true;
                    }
                    if (changed) {
                        moved = true;
                        for (int other : index.cellRelations[cell]) {
                            if (other != r) {
                                dirty[other] = true;
                            }
                        }
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        return new double[][] {lo, hi};
    }

    private static double termLow(int a, double lo, double hi) {
        return a > 0 ? a * lo : (Double.isInfinite(hi) ? Double.NEGATIVE_INFINITY : a * hi);
    }

    private static double termHigh(int a, double lo, double hi) {
        return a > 0 ? (Double.isInfinite(hi) ? Double.POSITIVE_INFINITY : a * hi) : a * lo;
    }
}
