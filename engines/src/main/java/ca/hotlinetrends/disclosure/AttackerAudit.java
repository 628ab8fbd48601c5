package ca.hotlinetrends.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Re-identification audit of a suppression pattern: for every suppressed cell, the attacker's
 * feasibility interval given everything ever published. This is the "attacker problem" of
 * Fischetti and Salazar-Gonz&aacute;lez (JASA 95(451):916-928, 2000) and the audit of sdcTable's
 * {@code attack()}: minimise and maximise the cell over {@code {x >= 0 : M x = 0, published cells
 * fixed}} with two linear programs ({@link org.apache.commons.math3.optim.linear.SimplexSolver}).
 *
 * <p>The attacker knows every cell that is not in the suppressed set (cells published now and
 * {@link LedgerStatus#PUBLISHED_EARLIER} cells), every relation and that counts are non-negative
 * integers. To keep the LPs small the audit first propagates relations with a single unknown cell
 * (that cell is then exactly disclosed and becomes a constant, which may disclose further cells),
 * then splits the remaining unknown cells into connected components (union-find over relations
 * with two or more unknowns) and solves each cell's LPs over its component only. Cells in no
 * relation are unbounded above.
 *
 * <p>Every suppressed cell passes when its interval, rounded inwards to integers, is at least {@code
 * protectionWidth} wide: small counts ({@link MinCellCountRule}) and the cells suppressed to protect them alike,
 * since nothing published says which is which ({@link #holdsWidth}). The audit is independent of the code that
 * chose the pattern, so it can be re-run before writing a release. Immutable and thread-safe (each
 * call uses its own solver).
 */
public final class AttackerAudit {

    private final MinCellCountRule rule;
    private final long protectionWidth;

    /**
     * @param rule            which cells are sensitive, not {@code null}
     * @param protectionWidth how wide a sensitive cell's interval must be, {@code >= 1}
     */
    public AttackerAudit(MinCellCountRule rule, long protectionWidth) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (protectionWidth < 1) {
            throw new IllegalArgumentException("protectionWidth must be >= 1. Provided value: " + protectionWidth);
        }
        this.protectionWidth = protectionWidth;
    }

    /** The audit with the rule and width of a configuration. */
    public static AttackerAudit of(SuppressionConfig config) {
        return new AttackerAudit(config.primaryRule(), config.protectionWidth());
    }

    /**
     * Audits a pattern.
     *
     * @param system            the linked cells, not {@code null}
     * @param suppressedCellIds the cells withheld now; none may be {@link LedgerStatus#PUBLISHED_EARLIER}
     * @return one interval per suppressed cell that is not auxiliary ({@link LabelKnowledge#isAuxiliary})
     */
    public AuditResult audit(CellSystem system, Collection<String> suppressedCellIds) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(suppressedCellIds, "suppressedCellIds");
        SystemIndex index = system.index();
        boolean[] suppressed = new boolean[index.cellCount];
        for (String id : suppressedCellIds) {
            int cell = index.indexOf(id);
            if (cell < 0) {
                throw new IllegalArgumentException("suppressed cell '" + id + "' is not a cell of the system");
            }
            if (index.fixedByLedger(cell)) {
                throw new IllegalArgumentException(
                        "cell '" + id + "' was published in an earlier release and " + "cannot be suppressed now");
            }
            suppressed[cell] = true;
        }
        return audit(index, suppressed);
    }

    AuditResult audit(SystemIndex index, boolean[] suppressed) {
        boolean[] held = new boolean[index.cellCount];
        for (int cell = 0; cell < index.cellCount; cell++) {
            held[cell] = suppressed[cell] && holdsWidth(index, cell, rule);
        }
        return audit(index, suppressed, index.startValues, held, new LpSolver(LpSolver.Use.BOUND));
    }

    /**
     * Whether a cell, when suppressed, must keep the protection width: every cell, small count or not (nothing
     * published says why a cell is suppressed, and a complement narrowed below the width narrows what it protects),
     * except auxiliary cells and the size of a revision, which is held to the width only when it is a small count.
     */
    static boolean holdsWidth(SystemIndex index, int cell, MinCellCountRule rule) {
        if (index.exempt[cell]) {
            return false;
        }
        return !Vintages.isRevisionCell(index.ids[cell]) || rule.isSensitive(index.values[cell]);
    }

    /**
     * The intervals of {@code audited}, an audit of this system with the same suppressed cells, judged as {@link
     * #audit(SystemIndex, boolean[])} judges them (every suppressed cell that {@link #holdsWidth} held to the width),
     * without solving anything again: which cells are held changes the verdicts, never the intervals.
     */
    AuditResult judgedAsFinal(SystemIndex index, AuditResult audited) {
        List<CellAudit> cells = new ArrayList<>(audited.cells().size());
        for (CellAudit c : audited.cells()) {
            boolean held = holdsWidth(index, index.indexOf(c.cellId()), rule);
            cells.add(new CellAudit(c.cellId(), held, c.lower(), c.upper(), held ? protectionWidth : 0));
        }
        return new AuditResult(cells, audited.lpsSolved(), audited.integerPrograms());
    }

    /** Audits a pattern holding the cells flagged in {@code held} (suppressed ones) to the protection width. */
    AuditResult audit(SystemIndex index, boolean[] suppressed, boolean[] held) {
        return audit(index, suppressed, index.startValues, held, new LpSolver(LpSolver.Use.BOUND));
    }

    /**
     * The outsider's audit: only published values are available, not the true table. The outsider's
     * intervals are the same as with the true values (the feasible set does not depend on where the
     * LPs start), so this first finds some non-negative table that matches every published value and
     * every relation ({@link FeasiblePoint}, one phase-1 LP per connected component of suppressed
     * cells, possibly fractional), then solves the same min/max LPs from it.
     *
     * @param published  the value of every cell the outsider knows, by id, not {@code null}
     * @param suppressed every cell the outsider does not know, by id, with whether it is sensitive
     *                   (needs the protection width) or not, not {@code null}; disjoint from {@code published}
     * @param relations  the relations among these cells, not {@code null}
     * @return one interval per suppressed cell that is not auxiliary ({@link LabelKnowledge#isAuxiliary})
     * @throws InconsistentCellSystemException if no non-negative table matches the published values
     *                                         (e.g. a total that disagrees with its published parts)
     */
    public AuditResult auditPublished(
            Map<String, Long> published, Map<String, Boolean> suppressed, List<LinearRelation> relations) {
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(suppressed, "suppressed");
        Objects.requireNonNull(relations, "relations");
        List<Cell> cells = new ArrayList<>(published.size() + suppressed.size());
        published.forEach((id, value) -> cells.add(Cell.newCell(id, value)));
        for (String id : suppressed.keySet()) {
            if (published.containsKey(id)) {
                throw new IllegalArgumentException("cell '" + id + "' is both published and suppressed");
            }
            cells.add(Cell.newCell(id, 0)); // placeholder: the value is unknown
        }
        SystemIndex index = new SystemIndex(cells, relations);
        boolean[] unknown = new boolean[index.cellCount];
        boolean[] sensitive = new boolean[index.cellCount];
        suppressed.forEach((id, isSensitive) -> {
            int cell = index.indexOf(id);
            unknown[cell] = true;
            sensitive[cell] = Objects.requireNonNull(isSensitive, "sensitivity of " + id);
        });
        LpSolver solver = new LpSolver();
        double[] start = FeasiblePoint.find(index, unknown, solver);
        return audit(index, unknown, start, sensitive, solver.forBounds());
    }

    private AuditResult audit(
            SystemIndex index, boolean[] suppressed, double[] start, boolean[] sensitive, LpSolver solver) {
        boolean[] unknown = suppressed.clone();
        Map<Integer, double[]> bounds = new LinkedHashMap<>();
        propagateSingletons(index, unknown, start, bounds);

        int integerPrograms = 0;
        int lps = 0;
        for (List<Integer> component : index.unknownComponents(unknown)) {
            int[] cells = component.stream().mapToInt(Integer::intValue).toArray();
            // Auxiliary cells (what the records or the labels add) are unknowns of the attacker's system but never
            // held to a width or published: their own intervals are not asked for.
            int[] bounded = java.util.Arrays.stream(cells)
                    .filter(cell -> !LabelKnowledge.isAuxiliary(index.ids[cell]))
                    .toArray();
            int workers = bounded.length < PARALLEL_FROM ? 1 : WORKERS;
            List<java.util.concurrent.Callable<Share>> shares = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int first = w;
                int[] mine = java.util.stream.IntStream.range(0, bounded.length)
                        .filter(k -> k % workers == first)
                        .map(k -> bounded[k])
                        .toArray();
                shares.add(() -> bound(index, unknown, cells, start, mine, workers == 1 ? solver : null));
            }
            for (Share share : run(shares)) {
                for (int k = 0; k < share.cells().length; k++) {
                    bounds.put(share.cells()[k], share.bounds()[k]);
                }
                lps += share.lps();
                integerPrograms += share.integerPrograms();
            }
        }

        List<CellAudit> audits = new ArrayList<>();
        for (int cell = 0; cell < index.cellCount; cell++) {
            if (suppressed[cell] && !LabelKnowledge.isAuxiliary(index.ids[cell])) {
                double[] interval = bounds.get(cell);
                audits.add(new CellAudit(
                        index.ids[cell],
                        sensitive[cell],
                        interval[0],
                        interval[1],
                        sensitive[cell] ? protectionWidth : 0));
            }
        }
        return new AuditResult(audits, solver.solved() + lps, integerPrograms);
    }

    /**
     * Components with at least this many cells to bound are shared among {@link #WORKERS} threads, each with its own
     * copy of the component's problem: the bounds are the same whoever solves them (each is an optimum), only the
     * LPs a thread saves by what it has seen differ, and which thread bounds which cell is fixed (every
     * {@code WORKERS}-th), so the counts are the same from run to run.
     */
    private static final int PARALLEL_FROM = 64;

    private static final int WORKERS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** One thread's bounds: per cell of {@code cells}, {@code {min, max}}. */
    private record Share(int[] cells, double[][] bounds, int lps, int integerPrograms) {}

    /**
     * The bounds of some cells of a component, maxima first (their vertices show many cells at 0, which saves the
     * minima). With {@code solver} {@code null}, a solver of its own, whose LPs the share counts.
     */
    private static Share bound(
            SystemIndex index, boolean[] unknown, int[] component, double[] start, int[] cells, LpSolver solver) {
        LpSolver own = solver == null ? new LpSolver(LpSolver.Use.BOUND) : solver;
        AttackerProblem problem = new AttackerProblem(index, unknown, component, start);
        double[][] bounds = new double[cells.length][];
        for (int k = 0; k < cells.length; k++) {
            int cell = cells[k];
            bounds[k] = new double[] {Double.NaN, failClosed(() -> problem.max(cell, own), start[cell])};
        }
        for (int k = 0; k < cells.length; k++) {
            int cell = cells[k];
            bounds[k][0] = failClosed(() -> problem.min(cell, own), start[cell]);
        }
        return new Share(cells, bounds, solver == null ? own.solved() : 0, problem.integerPrograms());
    }

    /** Runs the shares, the first on this thread and the others each on a thread of its own. */
    private static List<Share> run(List<java.util.concurrent.Callable<Share>> shares) {
        List<Share> out = new ArrayList<>();
        if (shares.size() == 1) {
            out.add(call(shares.get(0)));
            return out;
        }
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(shares.size() - 1, r -> {
                    Thread t = new Thread(r, "attacker-audit");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<Share>> others = new ArrayList<>();
            for (int k = 1; k < shares.size(); k++) {
                others.add(pool.submit(shares.get(k)));
            }
            out.add(call(shares.get(0)));
            for (java.util.concurrent.Future<Share> f : others) {
                try {
                    out.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the audit was interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("the audit failed: " + e.getCause(), e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Share call(java.util.concurrent.Callable<Share> share) {
        try {
            return share.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the audit failed: " + e, e);
        }
    }

    /**
     * A bound, or the cell's own value when the solver cannot give one (an integer program that ends without a
     * solution although the true table is one): the cell is then taken as exactly disclosed, so the audit fails and
     * the release is refused, rather than the whole run stopping on the solver's error.
     */
    private static double failClosed(java.util.function.DoubleSupplier bound, double value) {
        try {
            return bound.getAsDouble();
        } catch (IllegalStateException e) {
            org.slf4j.LoggerFactory.getLogger(AttackerAudit.class)
                    .warn("audit: a bound failed, the cell counts as " + "disclosed: {}", e.getMessage());
            return value;
        }
    }

    /**
     * Repeatedly takes a relation with exactly one unknown cell: that cell is disclosed exactly (its
     * value is minus the sum of the known terms over its coefficient, i.e. its value in {@code start})
     * and becomes known.
     */
    private static void propagateSingletons(
            SystemIndex index, boolean[] unknown, double[] start, Map<Integer, double[]> bounds) {
        int[] unknownCount = new int[index.relationCount()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r = 0; r < index.relationCount(); r++) {
            for (int cell : index.relationCells[r]) {
                if (unknown[cell]) {
                    unknownCount[r]++;
                }
            }
            if (unknownCount[r] == 1) {
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            if (unknownCount[r] != 1) {
                continue;
            }
            for (int cell : index.relationCells[r]) {
                if (unknown[cell]) {
                    unknown[cell] = false;
                    double value = LpSolver.snap(start[cell]);
                    bounds.put(cell, new double[] {value, value});
                    for (int other : index.cellRelations[cell]) {
                        if (--unknownCount[other] == 1) {
                            queue.add(other);
                        }
                    }
                }
            }
        }
    }
}
