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
 * <p>Formulation: the LPs are solved over the deviation {@code y = x - truth = p - q} ({@code p, q
 * >= 0}) from the true table, where every relation {@code a_r} becomes {@code a_r.y = 0} (the
 * known cells drop out because the true table satisfies it), stated as the rows {@code a_r.y <= 0}
 * and one row {@code -(sum_r a_r).y <= 0} (non-positive terms with a non-negative sum are all 0),
 * and non-negativity {@code x >= 0} becomes {@code q <= truth}. Every row is a {@code <=} row with a
 * non-negative right-hand side, so the simplex starts at the true table ({@code p = q = 0}) with
 * the slack basis and needs no artificial variables and no phase 1. This matters: after phase 1,
 * commons-math3 3.6.1 ({@code SimplexTableau.dropPhase1Objective}) re-derives the basis by looking
 * for unit columns, and a non-basic column equal to a basic one (say two parts that appear only in
 * the same total, the usual case in an attacker LP whose objective is one cell) is then taken as
 * basic in the same row; the solver stops early and returns a feasible point that is not optimal,
 * which made the audit report too narrow intervals. Without phase 1 that code never runs, and
 * since the simplex only improves on its feasible start, every maximum is at least and every
 * minimum at most the true value.
 *
 * <p>Every bound returned comes from a point that is re-checked against the original relations
 * and the non-negativity constraints; a point that fails the check throws
 * {@link IllegalStateException} (the audit cannot be trusted, so it fails closed). Not thread-safe.
 */
final class AttackerProblem {

    /** A witness's moves smaller than this are numerical noise and left out of its support. */
    private static final double NEGLIGIBLE_MOVE = 1e-9;

    private final SystemIndex index;
    /** Per cell: the feasible table the LPs move from (the true values unless the caller gives another). */
    private final double[] start;

    private final boolean[] unknown;
    private final int[] cells;
    /** For each cell of the system, its variable, or -1 if it is not in the component. */
    private final int[] variableOf;

    private final int variables;
    private final int[] relations;
    /** Per variable: the true value (aliases are equal in the true table). */
    private final double[] truth;
    /** Per variable: the LP column of its {@code q} part, or -1 if its true value is 0 ({@code q = 0}). */
    private final int[] qColumn;

    private final int columns;
    /** Whether some relation constrains the component at all. */
    private final boolean constrained;

    private final List<LinearConstraint> constraints = new ArrayList<>();
    /** Per variable: the smallest value seen in any verified point, and memoised bounds. */
    private final double[] lowestSeen;
    /**
     * Per variable, the highest and lowest value of a verified integer table seen so far (the true table when it is
     * integer, integer LP vertices, integer programs' optima): where one reaches the LP bound rounded inward, that is
     * the integer bound, and no integer program is needed.
     */
    private final double[] highestInteger;

    private final double[] lowestInteger;
    private final double[] min;
    private final double[] max;
    /** Per variable, the domain bound of the integer programs, once one is needed. */
    private long[] integerUpper;

    private int integerPrograms;

    /** The domain bound of a cell the LP leaves unbounded above (Choco's bounds are {@code int}s). */
    private static final long UNBOUNDED_CAP = 1L << 24;

    /** How long one integer program may search before the audit fails closed. */
    private static final int INTEGER_PROGRAM_SECONDS = 30;

    /**
     * @param index   the system
     * @param unknown which cells the attacker does not know (all others are known exactly)
     * @param cells   the component: unknown cells, ascending, closed under shared relations
     */
    AttackerProblem(SystemIndex index, boolean[] unknown, int[] cells) {
        this(index, unknown, cells, index.startValues);
    }

    /**
     * The problem over deviations from {@code start} instead of the true table: any table (by cell,
     * possibly fractional) that is non-negative, satisfies every relation touching the component and
     * agrees with the known cells. The feasible set, hence every bound, is the same for any such start.
     * Known cells take their value from {@code start}.
     */
    AttackerProblem(SystemIndex index, boolean[] unknown, int[] cells, double[] start) {
        this.index = index;
        this.start = start;
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
        this.truth = new double[variables];
        for (int cell : cells) {
            truth[variableOf[cell]] = start[cell];
        }
        this.qColumn = new int[variables];
        int column = variables;
        for (int v = 0; v < variables; v++) {
            qColumn[v] = truth[v] > 0 ? column++ : -1;
        }
        this.columns = column;
        double[] sum = new double[columns];
        for (int r : relations) {
            addRow(r, sum);
        }
        this.constrained = !constraints.isEmpty();
        if (Arrays.stream(sum).anyMatch(c -> c != 0)) {
            constraints.add(new LinearConstraint(Arrays.stream(sum).map(c -> -c).toArray(), Relationship.LEQ, 0));
        }
        for (int v = 0; v < variables; v++) {
            if (qColumn[v] >= 0) {
                double[] bound = new double[columns];
                bound[qColumn[v]] = 1;
                constraints.add(new LinearConstraint(bound, Relationship.LEQ, truth[v]));
            }
        }
        this.lowestSeen = new double[variables];
        this.min = new double[variables];
        this.max = new double[variables];
        Arrays.fill(lowestSeen, Double.POSITIVE_INFINITY);
        this.highestInteger = new double[variables];
        this.lowestInteger = new double[variables];
        Arrays.fill(highestInteger, Double.NEGATIVE_INFINITY);
        Arrays.fill(lowestInteger, Double.POSITIVE_INFINITY);
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        if (violation(truth) == null) {
            learnInteger(truth);
        }
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
        return members.length == 2 && unknown[members[0]] && unknown[members[1]] && coefficients[0] == -coefficients[1];
    }

    /**
     * Adds relation {@code r} over the deviation as the row {@code a.(p - q) <= 0} and adds {@code a}
     * to {@code sum}; nothing if no variable is left in it (aliases can cancel it out).
     */
    private void addRow(int r, double[] sum) {
        double[] a = new double[variables];
        for (int t = 0; t < index.relationCells[r].length; t++) {
            int cell = index.relationCells[r][t];
            if (unknown[cell]) {
                if (variableOf[cell] < 0) {
                    throw new IllegalArgumentException("component is not closed: relation '" + index.relationNames[r]
                            + "' links it to cell '" + index.ids[cell] + "'");
                }
                a[variableOf[cell]] += index.relationCoefficients[r][t];
            }
        }
        if (Arrays.stream(a).allMatch(c -> c == 0)) {
            return;
        }
        double[] row = new double[columns];
        for (int v = 0; v < variables; v++) {
            row[v] = a[v];
            if (qColumn[v] >= 0) {
                row[qColumn[v]] = -a[v];
            }
        }
        for (int j = 0; j < columns; j++) {
            sum[j] += row[j];
        }
        constraints.add(new LinearConstraint(row, Relationship.LEQ, 0));
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

    /**
     * An outer bound of the integer attacker's interval of a component cell: the LP's, rounded inward, with no
     * integer program solved where the LP's vertex is fractional (the integer interval lies within it). Where the
     * LP itself fails, the exact bound. For the protection's capacity check, whose outer bounds the final integer
     * audit re-examines.
     */
    double[] relaxedInterval(int cell, LpSolver solver) {
        double hi = optimise(cell, GoalType.MAXIMIZE, solver, false);
        double lo =
                LpSolver.snap(lowestSeen[variable(cell)]) == 0 ? 0 : optimise(cell, GoalType.MINIMIZE, solver, false);
        return new double[] {lo, hi};
    }

    /**
     * A witness moving a component cell by exactly {@code amount} in direction {@code sign}, only
     * component cells moving; {@code null} if the cell cannot move that far (or the LP fails). One LP:
     * push the cell in that direction, capped at {@code amount}.
     */
    Witness witness(int cell, int sign, long amount, LpSolver solver) {
        if (amount <= 0) {
            return Witness.none();
        }
        int variable = variable(cell);
        double[] objective = deviation(variable, sign);
        List<LinearConstraint> capped = new ArrayList<>(constraints);
        capped.add(new LinearConstraint(objective, Relationship.LEQ, amount));
        LpSolver.Outcome outcome = solver.solve(objective, GoalType.MAXIMIZE, capped);
        if (outcome.status() != LpSolver.Status.OPTIMAL) {
            return null;
        }
        double[] x = table(outcome.point());
        if (violation(x) != null || sign * (x[variable] - truth[variable]) < amount - LpSolver.INTEGER_SNAP) {
            return null;
        }
        List<Integer> moved = new ArrayList<>();
        for (int member : cells) {
            double delta = member == cell ? sign * amount : x[variableOf[member]] - truth[variableOf[member]];
            if (Math.abs(delta) > NEGLIGIBLE_MOVE || variableOf[member] == variable) {
                moved.add(member);
            }
        }
        int[] movedCells = moved.stream().mapToInt(Integer::intValue).toArray();
        double[] deltas = new double[movedCells.length];
        for (int k = 0; k < movedCells.length; k++) {
            int v = variableOf[movedCells[k]];
            deltas[k] = v == variable ? sign * amount : x[v] - truth[v];
        }
        return new Witness(movedCells, deltas);
    }

    private int variable(int cell) {
        int variable = variableOf[cell];
        if (variable < 0) {
            throw new IllegalArgumentException("cell '" + index.ids[cell] + "' is not in this component");
        }
        return variable;
    }

    /** The LP objective {@code sign * y[variable]}, i.e. {@code sign * (p - q)} of that variable. */
    private double[] deviation(int variable, int sign) {
        double[] objective = new double[columns];
        objective[variable] = sign;
        if (qColumn[variable] >= 0) {
            objective[qColumn[variable]] = -sign;
        }
        return objective;
    }

    /** The table {@code truth + p - q} of an LP point, by variable. */
    private double[] table(double[] point) {
        double[] x = truth.clone();
        for (int v = 0; v < variables; v++) {
            x[v] += point[v] - (qColumn[v] >= 0 ? point[qColumn[v]] : 0);
        }
        return x;
    }

    private double optimise(int cell, GoalType goal, LpSolver solver) {
        return optimise(cell, goal, solver, true);
    }

    private double optimise(int cell, GoalType goal, LpSolver solver, boolean integer) {
        if (!constrained) {
            return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : 0;
        }
        int variable = variableOf[cell];
        LpSolver.Outcome outcome = solver.solve(deviation(variable, 1), goal, constraints);
        switch (outcome.status()) {
            case UNBOUNDED:
                if (goal == GoalType.MINIMIZE) {
                    throw new IllegalStateException("the attacker LP is unbounded below for cell '" + index.ids[cell]
                            + "' although all cells are non-negative");
                }
                return Double.POSITIVE_INFINITY;
            case INFEASIBLE:
            case ITERATION_LIMIT:
                // The simplex lost its way (numerically, on a large degenerate component): the integer program,
                // solved by another solver, gives the attacker's bound directly, or fails closed.
                integerPrograms++;
                return integerBound(cell, goal == GoalType.MAXIMIZE, Double.NaN, solver);
            default:
                double[] x = table(outcome.point());
                if (violation(x) != null) {
                    integerPrograms++;
                    return integerBound(cell, goal == GoalType.MAXIMIZE, Double.NaN, solver);
                }
                double bound = LpSolver.snap(x[variable]);
                if (Arrays.stream(x).anyMatch(v -> Math.abs(v - Math.rint(v)) > LpSolver.INTEGER_SNAP)) {
                    // A fractional vertex: the integer attacker may do better than the LP rounded inward (even
                    // when the bound itself is a whole number, another cell of the vertex may not be). Its cells
                    // are no evidence of what an integer table allows, so lowestSeen learns nothing from it.
                    // The integer bound is at most the LP bound rounded inward; a verified integer table that
                    // reaches it shows it is exactly that.
                    boolean maximise = goal == GoalType.MAXIMIZE;
                    double inward = maximise
                            ? Math.floor(x[variable] + LpSolver.INTEGER_SNAP)
                            : Math.ceil(x[variable] - LpSolver.INTEGER_SNAP);
                    // Beyond the rounded bound would mean the LP was not optimal: then the integer program decides.
                    if (!integer || (maximise ? highestInteger[variable] : lowestInteger[variable]) == inward) {
                        return inward;
                    }
                    integerPrograms++;
                    return integerBound(cell, maximise, inward, solver);
                }
                // The start may be fractional: compare within the snapping tolerance.
                if (goal == GoalType.MAXIMIZE
                        ? bound < truth[variable] - LpSolver.INTEGER_SNAP
                        : bound > truth[variable] + LpSolver.INTEGER_SNAP) {
                    throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell]
                            + "' ended on a point worse than the true table it started from; the audit fails closed");
                }
                for (int v = 0; v < variables; v++) {
                    lowestSeen[v] = Math.min(lowestSeen[v], x[v]);
                }
                learnInteger(x);
                return bound;
        }
    }

    /**
     * The integer optimum of a component cell when its LP bound is fractional: the same feasible set with integer
     * cells. Counts are integers, so this is the bound an attacker gets.
     *
     * <p>ojalgo's branch and bound proposes an optimum; it is trusted only as a table (checked to be an exact integer
     * solution). It is the optimum when it reaches the LP bound rounded inward; otherwise constraint programming (Choco,
     * exact integer arithmetic) searches for a strictly better table: every cell an integer variable from 0 to its LP
     * maximum rounded down (no integer table exceeds it), every relation an exact linear equality, the cell's values
     * taken from the best end of its domain first, so the first table found is the optimum and a search that ends
     * without one proves the proposal optimal. Without a proposal, the same search finds the optimum. ojalgo alone
     * returned wrong optima (and false infeasibility) on small systems with coefficients 2 and 3, which a property test
     * found; such an answer is now either beaten by the exact search or refused.
     *
     * <p>A cell whose LP maximum is unbounded gets the domain {@code 0..}{@link #UNBOUNDED_CAP}: that can only remove
     * tables, so the bound is never wider than the attacker's. When the search stops before it proves the optimum
     * (after {@link #INTEGER_PROGRAM_SECONDS} s) or finds no table, the audit fails closed.
     */
    private double integerBound(int cell, boolean maximise, double lpBound, LpSolver solver) {
        int variable = variableOf[cell];
        // ojalgo's branch and bound proposes a table (fast, mostly right); it counts only once it is checked: an
        // exact integer table, no worse than one verified here, and either at the LP bound rounded inward (nothing
        // can be better) or shown by the exact search below to have nothing better.
        double[] proposal = ojalgoProposal(variable, maximise);
        if (proposal != null && !Double.isNaN(lpBound) && proposal[variable] == lpBound) {
            learnInteger(proposal);
            return lpBound;
        }
        long[] upper = integerUpperBounds(solver);
        org.chocosolver.solver.Model model = new org.chocosolver.solver.Model("attacker");
        org.chocosolver.solver.variables.IntVar[] x = new org.chocosolver.solver.variables.IntVar[variables];
        for (int v = 0; v < variables; v++) {
            long low = 0;
            long high = upper[v];
            if (v == variable) {
                if (!Double.isNaN(lpBound)) {
                    high = maximise ? Math.min(high, (long) lpBound) : high;
                    low = maximise ? low : (long) lpBound;
                }
                if (proposal != null) { // only strictly better tables are of interest
                    low = maximise ? Math.max(low, (long) proposal[variable] + 1) : low;
                    high = maximise ? high : Math.min(high, (long) proposal[variable] - 1);
                }
                if (low > high) { // nothing better can exist
                    learnInteger(proposal);
                    return proposal[variable];
                }
            }
            x[v] = model.intVar("x" + v, (int) low, (int) Math.max(low, high), true);
        }
        for (IntegerRow row : integerRows()) {
            List<org.chocosolver.solver.variables.IntVar> terms = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            for (int v = 0; v < variables; v++) {
                if (row.coefficients()[v] != 0) {
                    terms.add(x[v]);
                    weights.add(Math.toIntExact(row.coefficients()[v]));
                }
            }
            model.scalar(
                            terms.toArray(org.chocosolver.solver.variables.IntVar[]::new),
                            weights.stream().mapToInt(Integer::intValue).toArray(),
                            "=",
                            Math.toIntExact(row.level()))
                    .post();
        }
        org.chocosolver.solver.Solver search = model.getSolver();
        search.setSearch(
                maximise
                        ? org.chocosolver.solver.search.strategy.Search.inputOrderUBSearch(x[variable])
                        : org.chocosolver.solver.search.strategy.Search.inputOrderLBSearch(x[variable]),
                org.chocosolver.solver.search.strategy.Search.minDomLBSearch(x));
        search.limitTime(INTEGER_PROGRAM_SECONDS * 1000L);
        org.chocosolver.solver.Solution solution;
        try {
            solution = search.findOptimalSolution(x[variable], maximise);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the attacker's integer program for cell '" + index.ids[cell] + "' failed ("
                            + e.getClass().getSimpleName() + "); the audit fails closed",
                    e);
        }
        if (solution == null && proposal != null && !search.isStopCriterionMet()) {
            learnInteger(proposal); // proven: no table is better than the proposal
            return proposal[variable];
        }
        if (solution == null || search.isStopCriterionMet()) {
            throw new IllegalStateException("the attacker's integer program for cell '" + index.ids[cell] + "' ended "
                    + (solution == null ? "without a table" : "before it proved its optimum")
                    + "; the audit fails closed");
        }
        double[] optimum = new double[variables];
        for (int v = 0; v < variables; v++) {
            optimum[v] = solution.getIntVal(x[v]);
        }
        if (!isIntegerTable(optimum)) {
            throw new IllegalStateException(
                    "the attacker's integer program for cell '" + index.ids[cell] + "' returned "
                            + "a table that is not an integer solution of the relations; the audit fails closed");
        }
        double bound = optimum[variable];
        // An optimum worse than an integer table already verified here (the true table, an integer vertex) is no
        // optimum. Taking it would state an interval that misses a possible table.
        if (maximise ? bound < highestInteger[variable] : bound > lowestInteger[variable]) {
            throw new IllegalStateException("the attacker's integer program for cell '" + index.ids[cell]
                    + "' returned a bound that a verified integer table beats; the audit fails closed");
        }
        learnInteger(optimum);
        return bound;
    }

    /** A relation over the component's variables: {@code sum(coefficients[v] * x[v]) = level}. */
    private record IntegerRow(long[] coefficients, long level) {}

    /**
     * The relations as the integer programs state them, each over the component's variables (aliases added up) with
     * the known cells' values moved to the right-hand side; relations left without a variable are dropped (the true
     * table satisfies them).
     */
    private List<IntegerRow> integerRows() {
        List<IntegerRow> rows = new ArrayList<>(relations.length);
        for (int r : relations) {
            long level = 0;
            long[] coefficients = new long[variables];
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int member = index.relationCells[r][t];
                if (unknown[member]) {
                    coefficients[variableOf[member]] += index.relationCoefficients[r][t];
                } else {
                    level -= index.relationCoefficients[r][t] * Math.round(start[member]);
                }
            }
            if (Arrays.stream(coefficients).anyMatch(c -> c != 0)) {
                rows.add(new IntegerRow(coefficients, level));
            }
        }
        return rows;
    }

    /**
     * ojalgo's integer optimum of a variable, as a table by variable, or {@code null} when it reports none or its
     * table is not an exact integer solution no worse than a verified one. Never taken on its own (see
     * {@link #integerBound}).
     */
    private double[] ojalgoProposal(int variable, boolean maximise) {
        org.ojalgo.optimisation.ExpressionsBasedModel model = new org.ojalgo.optimisation.ExpressionsBasedModel();
        org.ojalgo.optimisation.Variable[] x = new org.ojalgo.optimisation.Variable[variables];
        for (int v = 0; v < variables; v++) {
            x[v] = model.addVariable("x" + v).lower(0).integer(true);
        }
        int k = 0;
        for (IntegerRow row : integerRows()) {
            org.ojalgo.optimisation.Expression e =
                    model.addExpression("r" + k++).level(row.level());
            for (int v = 0; v < variables; v++) {
                if (row.coefficients()[v] != 0) {
                    e.set(x[v], row.coefficients()[v]);
                }
            }
        }
        x[variable].weight(1);
        org.ojalgo.optimisation.Optimisation.Result r;
        try {
            r = maximise ? model.maximise() : model.minimise();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        if (!r.getState().isOptimal()) {
            return null;
        }
        double[] table = new double[variables];
        for (int v = 0; v < variables; v++) {
            table[v] = Math.rint(r.doubleValue(v));
        }
        if (!isIntegerTable(table)
                || (maximise
                        ? table[variable] < highestInteger[variable]
                        : table[variable] > lowestInteger[variable])) {
            return null;
        }
        return table;
    }

    /**
     * Per variable, its LP maximum rounded down (at least its value in the start, at most {@link #UNBOUNDED_CAP}):
     * the domains of the integer programs, one LP each, computed once per component.
     */
    private long[] integerUpperBounds(LpSolver solver) {
        if (integerUpper != null) {
            return integerUpper;
        }
        long[] upper = new long[variables];
        for (int v = 0; v < variables; v++) {
            long atLeast = (long) Math.ceil(truth[v] - LpSolver.INTEGER_SNAP);
            LpSolver.Outcome outcome = solver.solve(deviation(v, 1), GoalType.MAXIMIZE, constraints);
            long bound = UNBOUNDED_CAP;
            if (outcome.status() == LpSolver.Status.OPTIMAL) {
                double[] x = table(outcome.point());
                if (violation(x) != null) {
                    throw new IllegalStateException("the attacker LP bounding an integer program returned an "
                            + "infeasible point; the audit fails closed");
                }
                bound = (long) Math.floor(x[v] + LpSolver.INTEGER_SNAP);
            } else if (outcome.status() != LpSolver.Status.UNBOUNDED) {
                throw new IllegalStateException("the attacker LP bounding an integer program ended " + outcome.status()
                        + "; the audit fails closed");
            }
            upper[v] = Math.max(atLeast, Math.min(bound, UNBOUNDED_CAP));
        }
        integerUpper = upper;
        return upper;
    }

    /**
     * Records a table's values as reachable by an integer table, only when it is one: every value within
     * {@link LpSolver#INTEGER_SNAP} of a non-negative integer and, rounded, every relation holding exactly (in whole
     * numbers, with the known cells' values), so that no tolerance scaled by large counts lets in a table that misses
     * a relation.
     */
    private void learnInteger(double[] x) {
        if (!isIntegerTable(x)) {
            return;
        }
        for (int v = 0; v < variables; v++) {
            highestInteger[v] = Math.max(highestInteger[v], Math.rint(x[v]));
            lowestInteger[v] = Math.min(lowestInteger[v], Math.rint(x[v]));
        }
    }

    /** Integer programs solved (LP bounds that were fractional). */
    int integerPrograms() {
        return integerPrograms;
    }

    /** Whether a table (by variable) is, rounded, an exact non-negative integer solution of the relations. */
    private boolean isIntegerTable(double[] x) {
        for (double v : x) {
            if (Math.abs(v - Math.rint(v)) > LpSolver.INTEGER_SNAP || Math.rint(v) < 0) {
                return false;
            }
        }
        for (int r : relations) {
            long sum = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int member = index.relationCells[r][t];
                double value = unknown[member] ? x[variableOf[member]] : start[member];
                if (Math.abs(value - Math.rint(value)) > LpSolver.INTEGER_SNAP) {
                    return false; // a fractional known value (an outsider's start): nothing exact to check against
                }
                sum += (long) index.relationCoefficients[r][t] * (long) Math.rint(value);
            }
            if (sum != 0) {
                return false;
            }
        }
        return true;
    }

    /** Throws {@link IllegalStateException} if an LP's table for this cell is not a feasible table. */
    private void verify(double[] x, int cell) {
        String violation = violation(x);
        if (violation != null) {
            throw new IllegalStateException("the attacker LP for cell '" + index.ids[cell] + "' returned a point "
                    + violation + "; the audit fails closed");
        }
    }

    /**
     * What is wrong with a table (by variable) against non-negativity and the original relations
     * (aliases expanded), or {@code null} if nothing is.
     */
    private String violation(double[] x) {
        for (int v = 0; v < variables; v++) {
            if (x[v] < -LpSolver.INTEGER_SNAP) {
                return "with a negative value";
            }
        }
        for (int r : relations) {
            double lhs = 0;
            double scale = 0;
            for (int t = 0; t < index.relationCells[r].length; t++) {
                int member = index.relationCells[r][t];
                double value = unknown[member] ? x[variableOf[member]] : start[member];
                lhs += index.relationCoefficients[r][t] * value;
                scale += Math.abs(index.relationCoefficients[r][t] * value);
            }
            if (Math.abs(lhs) > LpSolver.INTEGER_SNAP * (1 + scale)) {
                return "violating relation '" + index.relationNames[r] + "'";
            }
        }
        return null;
    }
}
