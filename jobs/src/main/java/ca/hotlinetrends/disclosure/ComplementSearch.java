package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The working state of one complementary-suppression run (see {@link CellSuppressor} for the
 * algorithm). Every loop runs over cells in ascending index order, which is ascending id order, so
 * the outcome is deterministic. Used once, by one thread.
 */
final class ComplementSearch {

    /** Region radii (relation hops) tried in turn; -1 is the whole connected component. */
    private static final int[] RADII = {2, 4, -1};

    private final SystemIndex index;
    private final long width;
    private final double[] cost;
    private final boolean[] sensitive;
    private final boolean[] suppressed;
    private final boolean[] secondary;
    private final boolean[] unfixed;
    private final Witness[] up;
    private final Witness[] down;
    private final List<Witness> pool = new ArrayList<>();
    private final TreeSet<Integer> unprotectable = new TreeSet<>();
    private final LpSolver solver = new LpSolver();
    private final ProtectionLp protection;

    ComplementSearch(SystemIndex index, SuppressionConfig config, boolean[] sensitive, boolean[] suppressed) {
        this.index = index;
        this.width = config.protectionWidth();
        this.sensitive = sensitive;
        this.suppressed = suppressed;
        this.secondary = new boolean[index.cellCount];
        this.unfixed = new boolean[index.cellCount];
        this.cost = new double[index.cellCount];
        for (int cell = 0; cell < index.cellCount; cell++) {
            unfixed[cell] = !index.fixedByLedger(cell);
            cost[cell] = config.suppressionCost(index.values[cell]);
        }
        this.up = new Witness[index.cellCount];
        this.down = new Witness[index.cellCount];
        this.protection = new ProtectionLp(index, cost, solver);
    }

    /** Phase 1 then phase 2; afterwards {@link #suppressed} holds the final pattern. */
    void run() {
        for (int cell = 0; cell < index.cellCount; cell++) {
            if (sensitive[cell] && !protectedByPool(cell)) {
                protect(cell);
            }
        }
        prune();
    }

    boolean[] secondary() {
        return secondary;
    }

    List<Integer> unprotectable() {
        return List.copyOf(unprotectable);
    }

    int lpsSolved() {
        return solver.solved();
    }

    /** Whether witnesses found for other cells already move this cell far enough both ways. */
    private boolean protectedByPool(int cell) {
        Witness best = Witness.none();
        Witness worst = Witness.none();
        for (Witness w : pool) {
            double delta = w.delta(cell);
            if (delta > best.delta(cell)) {
                best = w;
            }
            if (delta < worst.delta(cell)) {
                worst = w;
            }
        }
        if (amount(best, cell, 1) + amount(worst, cell, -1) < width) {
            return false;
        }
        up[cell] = best;
        down[cell] = worst;
        return true;
    }

    /** How far a witness moves a cell in a direction, rounded down to an integer (counts are integers). */
    private static long amount(Witness w, int cell, int sign) {
        return (long) Math.floor(Math.max(0, sign * w.delta(cell)) + LpSolver.INTEGER_SNAP);
    }

    /** Phase 1 for one cell: complements from the cheapest witnesses up and down. */
    private void protect(int cell) {
        long value = index.values[cell];
        long downAmount = Math.min(value, width / 2);
        long upAmount = width - downAmount;
        Witness upWitness = search(cell, 1, upAmount, false);
        Witness downWitness = search(cell, -1, downAmount, false);
        if (upWitness == null || downWitness == null) {
            long[] capacity = capacity(cell);
            if (capacity[0] + capacity[1] < width) {
                unprotectable.add(cell);
                return;
            }
            downAmount = Math.min(downAmount, capacity[1]);
            upAmount = width - downAmount;
            if (upAmount > capacity[0]) {
                upAmount = capacity[0];
                downAmount = width - upAmount;
            }
            upWitness = search(cell, 1, upAmount, false);
            downWitness = search(cell, -1, downAmount, false);
            if (upWitness == null || downWitness == null) {
                unprotectable.add(cell);
                return;
            }
        }
        for (Witness w : List.of(upWitness, downWitness)) {
            for (int moved : w.support()) {
                if (!suppressed[moved]) {
                    suppressed[moved] = true;
                    secondary[moved] = true;
                }
            }
            pool.add(w);
        }
        up[cell] = upWitness;
        down[cell] = downWitness;
    }

    /**
     * A witness moving the cell by {@code amount} in direction {@code sign}, over growing regions.
     * With {@code suppressedOnly} only suppressed cells may move (a check); otherwise any cell not
     * fixed by the ledger may (a search for complements).
     */
    private Witness search(int cell, int sign, long amount, boolean suppressedOnly) {
        if (amount == 0) {
            return Witness.none();
        }
        boolean[] passable = suppressedOnly ? suppressed : unfixed;
        int previousSize = -1;
        for (int radius : RADII) {
            int[] region = index.neighbourhood(cell, passable, radius);
            if (region.length == previousSize) {
                continue;
            }
            previousSize = region.length;
            Witness w = protection.find(cell, sign, amount, region, suppressed);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /**
     * How far the cell can move up and down if every cell not fixed by the ledger were suppressed:
     * the attacker's interval in that pattern, rounded inwards to integers.
     */
    private long[] capacity(int cell) {
        int[] region = index.neighbourhood(cell, unfixed, -1);
        int[] cells = new int[region.length + 1];
        int k = 0;
        boolean placed = false;
        for (int other : region) {
            if (!placed && cell < other) {
                cells[k++] = cell;
                placed = true;
            }
            cells[k++] = other;
        }
        if (!placed) {
            cells[k] = cell;
        }
        AttackerProblem problem = new AttackerProblem(index, unfixed, cells);
        double max = problem.max(cell, solver);
        double min = problem.min(cell, solver);
        long value = index.values[cell];
        long upCapacity = Double.isInfinite(max) ? width : Math.min(width, (long) Math.floor(max) - value);
        long downCapacity = value - (long) Math.ceil(min);
        return new long[] {Math.max(0, upCapacity), Math.max(0, downCapacity)};
    }

    /**
     * Phase 2: tries to publish each complementary suppression again, most costly first (ties by
     * id); keeps the change only if every sensitive cell whose witness moved that cell gets a new
     * witness from the remaining suppressed cells.
     */
    private void prune() {
        List<Integer> candidates = new ArrayList<>();
        for (int cell = 0; cell < index.cellCount; cell++) {
            if (secondary[cell]) {
                candidates.add(cell);
            }
        }
        candidates.sort(Comparator.<Integer>comparingDouble(c -> -cost[c]).thenComparing(c -> c));
        for (int candidate : candidates) {
            suppressed[candidate] = false;
            Witness[] newUp = new Witness[index.cellCount];
            Witness[] newDown = new Witness[index.cellCount];
            boolean kept = true;
            for (int cell = 0; cell < index.cellCount && kept; cell++) {
                if (!sensitive[cell] || unprotectable.contains(cell)) {
                    continue;
                }
                if (up[cell].moves(candidate)) {
                    newUp[cell] = search(cell, 1, amount(up[cell], cell, 1), true);
                    kept = newUp[cell] != null;
                }
                if (kept && down[cell].moves(candidate)) {
                    newDown[cell] = search(cell, -1, amount(down[cell], cell, -1), true);
                    kept = newDown[cell] != null;
                }
            }
            if (kept) {
                secondary[candidate] = false;
                for (int cell = 0; cell < index.cellCount; cell++) {
                    up[cell] = newUp[cell] != null ? newUp[cell] : up[cell];
                    down[cell] = newDown[cell] != null ? newDown[cell] : down[cell];
                }
            } else {
                suppressed[candidate] = true;
            }
        }
    }
}
