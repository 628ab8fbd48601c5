package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The working state of one complementary-suppression run (see {@link CellSuppressor} for the
 * algorithm). Every loop runs over cells in ascending index order, which is ascending id order, so
 * the outcome is deterministic. Used once.
 *
 * <p><b>Components side by side.</b> Everything the search does for a sensitive cell stays within the cell's
 * connected component (of the relations): its regions, witnesses, capacities and complements, and the pruning of a
 * complement looks only at the cells whose witnesses move it. So the components are searched independently, each
 * with its own witnesses and solvers, on up to {@code threads} threads: each component's cells are visited in the
 * same order as in one pass over all cells, witnesses of other components never move its cells (so they are never
 * the extreme one), and the costs (the cheapest of which scales the token cost) are the whole system's. The
 * outcome, the number of LPs included, is the same as one pass over all cells ({@code
 * CellSuppressorPropertiesTest.componentsSideBySide_giveTheSamePatternAsOnePass}); each thread writes only its own
 * components' entries of the shared arrays.
 */
final class ComplementSearch {

    /** Relation hops around a sensitive cell searched first for complements. */
    private static final int LOCAL_RADIUS = 2;
    /** Relation hops through suppressed cells searched when re-proving protection while pruning. */
    private static final int CHECK_RADIUS = 2;

    private final SystemIndex index;
    private final long width;
    private final double[] cost;
    private final boolean[] sensitive;
    private final boolean[] suppressed;
    private final boolean[] secondary;
    private final boolean[] unfixed;
    private final Witness[] up;
    private final Witness[] down;
    private final TreeSet<Integer> unprotectable = new TreeSet<>();
    private int lpsSolved;
    /** Per cell, outer bounds of its interval with every unfixed cell free ({@link BoundPropagation}). */
    private final double[][] outer;

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
        this.outer = BoundPropagation.bounds(index, unfixed);
    }

    /**
     * Phase 1 then phase 2, the components side by side on up to {@code threads} threads (one pass over all cells
     * with 1); afterwards the {@code suppressed} array passed in holds the final pattern. With {@code
     * stopAtUnprotectable}, each component's search returns as soon as it finds a cell unprotectable, with the pattern
     * incomplete (for a caller that will not publish it), and only the first such cell in id order is reported: the
     * cell one pass over all cells would have stopped at.
     */
    void run(int threads, boolean stopAtUnprotectable) {
        List<int[]> parts = threads > 1
                ? componentsToSearch()
                : List.of(IntStream.range(0, index.cellCount).toArray());
        if (parts.size() <= 1 || threads <= 1) {
            for (int[] cells : parts) {
                finish(new Part(cells).run(stopAtUnprotectable));
            }
        } else {
            runSideBySide(parts, threads, stopAtUnprotectable);
        }
        if (stopAtUnprotectable && unprotectable.size() > 1) {
            unprotectable.retainAll(List.of(unprotectable.first()));
        }
    }

    private void runSideBySide(List<int[]> parts, int threads, boolean stopAtUnprotectable) {
        // Largest first, so that one large component does not start last; the outcome does not depend on the order.
        List<int[]> bySize = new ArrayList<>(parts);
        bySize.sort(Comparator.<int[]>comparingInt(p -> -p.length));
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, bySize.size()), r -> {
                    Thread t = new Thread(r, "complement-search");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<Part>> done = new ArrayList<>();
            for (int[] cells : bySize) {
                done.add(pool.submit(() -> new Part(cells).run(stopAtUnprotectable)));
            }
            for (java.util.concurrent.Future<Part> f : done) {
                try {
                    finish(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the complementary suppression was interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(
                            "the complementary suppression failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void finish(Part part) {
        unprotectable.addAll(part.unprotectable);
        lpsSolved += part.solver.solved() + part.bounds.solved();
    }

    /** The connected components with a cell to protect, each its cells ascending. */
    private List<int[]> componentsToSearch() {
        boolean[] every = new boolean[index.cellCount];
        Arrays.fill(every, true);
        List<int[]> parts = new ArrayList<>();
        for (List<Integer> component : index.unknownComponents(every)) {
            int[] cells =
                    component.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int cell : cells) {
                if (sensitive[cell]) {
                    parts.add(cells);
                    break;
                }
            }
        }
        return parts;
    }

    List<Integer> unprotectable() {
        return List.copyOf(unprotectable);
    }

    int lpsSolved() {
        return lpsSolved;
    }

    /** The search over some cells (all of them, or one or more whole components), with its own witnesses and LPs. */
    private final class Part {

        /** The cells, ascending. */
        private final int[] cells;

        private final List<Witness> pool = new ArrayList<>();
        private final TreeSet<Integer> unprotectable = new TreeSet<>();
        private final LpSolver solver = new LpSolver();
        /** For the capacities, whose optimal values alone are used. */
        private final LpSolver bounds = new LpSolver(LpSolver.Use.BOUND);

        private final ProtectionLp protection;

        Part(int[] cells) {
            this.cells = cells;
            this.protection = new ProtectionLp(index, cost, solver);
        }

        Part run(boolean stopAtUnprotectable) {
            for (int cell : cells) {
                if (sensitive[cell] && !protectedByPool(cell)) {
                    protect(cell);
                    if (stopAtUnprotectable && !unprotectable.isEmpty()) {
                        return this;
                    }
                }
            }
            prune();
            return this;
        }

        /** Whether witnesses found for other cells already move this cell far enough both ways. */
        private boolean protectedByPool(int cell) {
            Witness best = extreme(pool, cell, 1);
            Witness worst = extreme(pool, cell, -1);
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

        /**
         * Phase 1 for one cell: complements from the cheapest witnesses up and down. If there are none
         * for the default split of the width, the cell's capacity (its interval with every unfixed cell
         * suppressed) decides: below the width the cell cannot be protected at all; otherwise the split
         * is re-balanced from it and, should the protection LPs still find no witnesses, witnesses taken
         * from the capacity problem itself are adopted. So a cell is reported only when no pattern at
         * all protects it.
         *
         * <p>The capacity is first taken over the unfixed cells within {@link #LOCAL_RADIUS} hops, then within
         * twice, four and eight times that: with fewer cells free to move, an inner bound, which suffices when it
         * already reaches the width (witnesses within that region move the cell as far). Only when none does is the
         * whole component's problem solved, which alone can show a cell unprotectable. On a record-level release
         * linked to the tables the whole component is thousands of cells; its LPs took seconds each, the regions'
         * hundredths.
         *
         * <p>Before any LP, {@link BoundPropagation}'s outer bounds (every unfixed cell free) show a cell that cannot move
         * the width at all (reported unprotectable) and one that cannot move the default split's way (the split is
         * re-balanced from them first), and spare the searches that could not succeed.
         */
        private void protect(int cell) {
            long value = index.values[cell];
            long outerUp = outerMove(cell, 1);
            long outerDown = outerMove(cell, -1);
            if (outerUp + outerDown < width) {
                unprotectable.add(cell);
                return;
            }
            long downAmount = Math.min(Math.min(value, width / 2), outerDown);
            long upAmount = width - downAmount;
            if (upAmount > outerUp) {
                upAmount = outerUp;
                downAmount = width - upAmount;
            }
            if (tryProtect(cell, upAmount, downAmount)) {
                return;
            }
            long[] capacity = {0, 0};
            for (int radius = LOCAL_RADIUS;
                    radius <= 8 * LOCAL_RADIUS && capacity[0] + capacity[1] < width;
                    radius *= 2) {
                capacity = capacity(cell, hidden(cell, index.neighbourhood(cell, unfixed, radius)));
            }
            AttackerProblem everyUnfixedHidden = null;
            if (capacity[0] + capacity[1] < width) {
                everyUnfixedHidden = hidden(cell, index.neighbourhood(cell, unfixed, -1));
                capacity = capacity(cell, everyUnfixedHidden);
                if (capacity[0] + capacity[1] < width) {
                    unprotectable.add(cell);
                    return;
                }
            }
            downAmount = Math.min(downAmount, capacity[1]);
            upAmount = width - downAmount;
            if (upAmount > capacity[0]) {
                upAmount = capacity[0];
                downAmount = width - upAmount;
            }
            if (!tryProtect(cell, upAmount, downAmount)) {
                if (everyUnfixedHidden == null) {
                    everyUnfixedHidden = hidden(cell, index.neighbourhood(cell, unfixed, -1));
                }
                protectWithinComponent(cell, everyUnfixedHidden, upAmount, downAmount);
            }
        }

        /**
         * The fallback of {@link #protect}: witnesses moving the cell by the amounts that its capacity
         * allows, found by the capacity problem (any unfixed cell of the component may move; not
         * cost-driven). Should even those LPs fail, every unfixed cell of the component is suppressed
         * for good (never pruned): the cell's interval is then its capacity, at least the width.
         */
        private void protectWithinComponent(
                int cell, AttackerProblem everyUnfixedHidden, long upAmount, long downAmount) {
            Witness upWitness = everyUnfixedHidden.witness(cell, 1, upAmount, solver);
            Witness downWitness = upWitness == null ? null : everyUnfixedHidden.witness(cell, -1, downAmount, solver);
            if (upWitness != null && downWitness != null) {
                adopt(upWitness);
                adopt(downWitness);
                up[cell] = upWitness;
                down[cell] = downWitness;
                return;
            }
            for (int other : index.neighbourhood(cell, unfixed, -1)) {
                suppressed[other] = true;
                secondary[other] = false;
            }
        }

        /**
         * Finds and adopts an up witness, then a down witness: the up witness reversed and scaled if
         * that stays non-negative (same support, so no further complements), else a fresh search that
         * already counts the up witness's complements as suppressed.
         */
        private boolean tryProtect(int cell, long upAmount, long downAmount) {
            Witness upWitness = searchComplements(cell, 1, upAmount);
            if (upWitness == null) {
                return false;
            }
            adopt(upWitness);
            Witness downWitness = upWitness.reversed(cell, downAmount, index.values);
            if (downWitness == null) {
                downWitness = searchComplements(cell, -1, downAmount);
                if (downWitness == null) {
                    return false;
                }
                adopt(downWitness);
            }
            up[cell] = upWitness;
            down[cell] = downWitness;
            return true;
        }

        /** Suppresses every cell the witness moves and remembers the witness. */
        private void adopt(Witness witness) {
            for (int moved : witness.support()) {
                if (!suppressed[moved]) {
                    suppressed[moved] = true;
                    secondary[moved] = true;
                }
            }
            pool.add(witness);
        }

        /**
         * A witness moving the cell by {@code amount} in direction {@code sign}, any cell not fixed by
         * the ledger being allowed to move (so its support is the set of complements to add). Regions
         * tried in turn: the cells within {@link #LOCAL_RADIUS} hops; those plus the suppressed cells
         * connected to the cell (a far path through existing suppressions); the whole component. The
         * last one makes the search exhaustive.
         */
        private Witness searchComplements(int cell, int sign, long amount) {
            if (amount <= 0) {
                return Witness.none();
            }
            if (amount > outerMove(cell, sign)) {
                return null; // no region's LP can move it that far
            }
            int[] local = index.neighbourhood(cell, unfixed, LOCAL_RADIUS);
            Witness w = protection.find(cell, sign, amount, local, suppressed);
            if (w != null) {
                return w;
            }
            int[] extended = union(local, index.neighbourhood(cell, suppressed, -1));
            if (extended.length > local.length) {
                w = protection.find(cell, sign, amount, extended, suppressed);
                if (w != null) {
                    return w;
                }
            }
            int[] whole = index.neighbourhood(cell, unfixed, -1);
            return whole.length > extended.length ? protection.find(cell, sign, amount, whole, suppressed) : null;
        }

        /**
         * A witness moving the cell by {@code amount} in direction {@code sign} through suppressed cells
         * only, within {@link #CHECK_RADIUS} hops: a proof that the cell is still protected. Not
         * exhaustive; a miss only keeps a suppression.
         */
        private Witness proveProtected(int cell, int sign, long amount) {
            if (amount <= 0) {
                return Witness.none();
            }
            return protection.find(cell, sign, amount, index.neighbourhood(cell, suppressed, CHECK_RADIUS), suppressed);
        }

        /**
         * How far the cell can move in a direction at most, by {@link BoundPropagation} (every unfixed cell free),
         * rounded down, at most the width: no witness of any region moves it further.
         */
        private long outerMove(int cell, int sign) {
            double move = sign > 0 ? outer[1][cell] - index.values[cell] : index.values[cell] - outer[0][cell];
            return move >= width ? width : (long) Math.floor(move + LpSolver.INTEGER_SNAP);
        }

        private static int[] union(int[] a, int[] b) {
            return IntStream.concat(Arrays.stream(a), Arrays.stream(b))
                    .distinct()
                    .sorted()
                    .toArray();
        }

        /**
         * The attacker's problem if the cell and the unfixed cells of {@code region} around it were suppressed and every
         * other cell were known: with the cell's whole component as the region, the problem that gives its capacity;
         * with a part of it, one whose intervals lie within those (fewer cells move).
         */
        private AttackerProblem hidden(int cell, int[] region) {
            int[] cells = IntStream.concat(Arrays.stream(region), IntStream.of(cell))
                    .sorted()
                    .toArray();
            boolean[] unknown = new boolean[index.cellCount];
            for (int member : cells) {
                unknown[member] = true;
            }
            return new AttackerProblem(index, unknown, cells);
        }

        /**
         * How far the cell can move up and down in the problem given ({@link #hidden}): the attacker's interval there,
         * rounded inwards to integers (as the audit does), the upward move capped at the width. With every cell not
         * fixed by the ledger suppressed, the cell's capacity.
         */
        private long[] capacity(int cell, AttackerProblem everyUnfixedHidden) {
            // Outer bounds suffice: below the width the cell is unprotectable whatever the integers; above it, the
            // witnesses found and the final integer audit decide.
            double[] interval = everyUnfixedHidden.relaxedInterval(cell, bounds);
            double max = interval[1];
            double min = interval[0];
            long value = index.values[cell];
            long upCapacity = Double.isInfinite(max) ? width : Math.min(width, (long) Math.floor(max) - value);
            long downCapacity = value - (long) Math.ceil(min);
            return new long[] {Math.max(0, upCapacity), Math.max(0, downCapacity)};
        }

        /**
         * Phase 2: tries to publish each complementary suppression again, most costly first (ties by
         * id); keeps the change only if every sensitive cell whose witness moved that cell is proven
         * protected again, by a remaining witness or by a new witness within {@link #CHECK_RADIUS} hops that
         * moves only the remaining suppressed cells. A failed proof keeps the suppression, which is
         * always safe.
         */
        private void prune() {
            List<Integer> candidates = new ArrayList<>();
            for (int cell : cells) {
                if (secondary[cell]) {
                    candidates.add(cell);
                }
            }
            candidates.sort(Comparator.<Integer>comparingDouble(c -> -cost[c]).thenComparing(c -> c));
            for (int candidate : candidates) {
                suppressed[candidate] = false;
                List<Witness> valid = new ArrayList<>();
                for (int cell : cells) {
                    if (up[cell] != null && !up[cell].moves(candidate)) {
                        valid.add(up[cell]);
                    }
                    if (down[cell] != null && !down[cell].moves(candidate)) {
                        valid.add(down[cell]);
                    }
                }
                Witness[] newUp = new Witness[index.cellCount];
                Witness[] newDown = new Witness[index.cellCount];
                boolean kept = true;
                for (int k = 0; k < cells.length && kept; k++) {
                    int cell = cells[k];
                    if (up[cell] == null || !(up[cell].moves(candidate) || down[cell].moves(candidate))) {
                        continue;
                    }
                    Witness bestUp = extreme(valid, cell, 1);
                    Witness bestDown = extreme(valid, cell, -1);
                    if (amount(bestUp, cell, 1) + amount(bestDown, cell, -1) < width) {
                        long need = width - amount(bestDown, cell, -1);
                        Witness found = proveProtected(cell, 1, need);
                        if (found != null) {
                            bestUp = found;
                            valid.add(found);
                        } else {
                            need = width - amount(bestUp, cell, 1);
                            found = proveProtected(cell, -1, need);
                            if (found == null) {
                                kept = false;
                                continue;
                            }
                            bestDown = found;
                            valid.add(found);
                        }
                    }
                    newUp[cell] = bestUp;
                    newDown[cell] = bestDown;
                }
                if (kept) {
                    secondary[candidate] = false;
                    for (int cell : cells) {
                        up[cell] = newUp[cell] != null ? newUp[cell] : up[cell];
                        down[cell] = newDown[cell] != null ? newDown[cell] : down[cell];
                    }
                } else {
                    suppressed[candidate] = true;
                }
            }
        }

        /** The witness moving the cell furthest in a direction, or {@link Witness#none()}. */
        private static Witness extreme(List<Witness> witnesses, int cell, int sign) {
            Witness best = Witness.none();
            for (Witness w : witnesses) {
                if (sign * w.delta(cell) > sign * best.delta(cell)) {
                    best = w;
                }
            }
            return best;
        }
    }
}
