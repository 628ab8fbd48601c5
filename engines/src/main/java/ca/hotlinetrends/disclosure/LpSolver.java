package ca.hotlinetrends.disclosure;

import java.util.List;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Solves {@code min/max c.x subject to constraints, x >= 0}: first with ojalgo's sparse simplex, whose point is
 * returned only when it is optimal and checked feasible here; otherwise with the dense two-phase simplex of
 * commons-math3 ({@link SimplexSolver}), Dantzig's pivot rule first and Bland's rule (which cannot
 * cycle) if Dantzig runs out of iterations on a degenerate problem; if Bland runs out too the
 * outcome says so and the caller fails closed. Counts the LPs it solves. The dense tableau alone was the cost
 * of the large components a record-level release links (every year of a table, of every release).
 *
 * <p>A defect of commons-math3 3.6.1 that callers must design around: after phase 1 (problems with
 * {@code =} or {@code >=} rows, or {@code <=} rows with a negative right-hand side, get artificial
 * variables) the tableau re-derives its basis by taking every unit column as basic. A non-basic
 * column equal to a basic one with the same objective coefficient is then taken as basic in the
 * same row, and the solver returns a feasible but non-optimal point (for example, maximising one of
 * three parts of a published total gave 0). {@link AttackerProblem} therefore states its LPs with
 * {@code <=} rows and non-negative right-hand sides only (no phase 1), and {@link ProtectionLp},
 * which only needs a good feasible witness, makes its objective coefficients pairwise distinct and
 * non-zero, which rules such columns out.
 *
 * <p>Not thread-safe (the counter); create one per audit or search run.
 */
final class LpSolver {

    /** Tolerance of the simplex pivoting (entries this close to zero count as zero). */
    static final double EPSILON = 1e-9;
    /** An LP result this close to an integer is taken to be that integer. */
    static final double INTEGER_SNAP = 1e-6;

    private static final int MAX_ULPS = 10;
    private static final double CUT_OFF = 1e-12;

    static {
        // ojAlgo prints a hardware-profile notice on first use unless told not to; a run's output is ours to word.
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    /**
     * How the sparse solver is reached. {@link #WITNESS}: through ojalgo's model layer, for LPs whose optimal
     * point is used (the protection's witnesses, the outsider's feasible start): its choice among optimal
     * vertices decides which complements are suppressed, so it stays what published releases were made with.
     * {@link #BOUND}: through ojalgo's double-valued builder, for LPs whose optimal value alone is used (the
     * attacker's bounds, which are the same whichever optimal vertex is found). The model layer keeps
     * coefficients as BigDecimal and presolves and reads back in decimal arithmetic, which cost the audit more
     * than its simplex iterations.
     */
    enum Use {
        WITNESS,
        BOUND
    }

    enum Status {
        OPTIMAL,
        INFEASIBLE,
        UNBOUNDED,
        ITERATION_LIMIT
    }

    /** The outcome of one LP; {@code point} is {@code null} unless optimal. */
    record Outcome(Status status, double[] point, double value) {}

    private final Use use;
    /** Whether the model layer's variables get a value before the solve ({@link #sparse}); off only in tests. */
    private final boolean seeded;

    private int solved;

    /** A solver for LPs whose optimal point is used ({@link Use#WITNESS}). */
    LpSolver() {
        this(Use.WITNESS);
    }

    LpSolver(Use use) {
        this(use, true);
    }

    /** A solver whose model-layer LPs leave the variables without values when {@code seeded} is false (tests). */
    LpSolver(Use use, boolean seeded) {
        this.use = java.util.Objects.requireNonNull(use, "use");
        this.seeded = seeded;
    }

    int solved() {
        return solved;
    }

    /** A {@link Use#BOUND} solver that goes on counting from this one's count. */
    LpSolver forBounds() {
        LpSolver bounds = new LpSolver(Use.BOUND);
        bounds.solved = solved;
        return bounds;
    }

    Outcome solve(double[] objective, GoalType goal, List<LinearConstraint> constraints) {
        solved++;
        Outcome sparse =
                use == Use.BOUND ? built(objective, goal, constraints) : sparse(objective, goal, constraints, seeded);
        if (sparse != null) {
            return sparse;
        }
        int size = objective.length + constraints.size();
        try {
            return run(objective, goal, constraints, PivotSelectionRule.DANTZIG, 200 + 20 * size);
        } catch (TooManyIterationsException cycling) {
            try {
                return run(objective, goal, constraints, PivotSelectionRule.BLAND, 10_000 + 500 * size);
            } catch (TooManyIterationsException stillCycling) {
                return new Outcome(Status.ITERATION_LIMIT, null, Double.NaN);
            }
        }
    }

    /**
     * The same LP by ojalgo's sparse simplex, which is much faster than the dense tableau on the large components a
     * record-level release links (every year of a table): its point is returned only when it is feasible within
     * {@link #INTEGER_SNAP} (callers check it again against the relations); otherwise, or when ojalgo reports
     * anything but optimal, unbounded or infeasible, {@code null} and the dense solver decides.
     */
    private static Outcome sparse(
            double[] objective, GoalType goal, List<LinearConstraint> constraints, boolean seeded) {
        org.ojalgo.optimisation.ExpressionsBasedModel model = new org.ojalgo.optimisation.ExpressionsBasedModel();
        org.ojalgo.optimisation.Variable[] x = new org.ojalgo.optimisation.Variable[objective.length];
        for (int j = 0; j < objective.length; j++) {
            x[j] = model.addVariable("x" + j).lower(0);
            if (objective[j] != 0) {
                x[j].weight(objective[j]);
            }
        }
        double[][] rows = new double[constraints.size()][];
        boolean[] referenced = new boolean[objective.length];
        for (int k = 0; k < constraints.size(); k++) {
            LinearConstraint c = constraints.get(k);
            rows[k] = c.getCoefficients().toArray();
            org.ojalgo.optimisation.Expression e = model.addExpression("c" + k);
            for (int j = 0; j < rows[k].length; j++) {
                if (rows[k][j] != 0) {
                    referenced[j] = true;
                    e.set(x[j], rows[k][j]);
                }
            }
            switch (c.getRelationship()) {
                case LEQ -> e.upper(c.getValue());
                case GEQ -> e.lower(c.getValue());
                default -> e.level(c.getValue());
            }
        }
        // A value for every variable that presolve does not fix for being in no constraint with no weight (only
        // such a variable's presolve looks at whether a value is set): without one, the model layer's starting
        // candidate, which its simplex ignores, takes the midpoint of a bounded variable's limits in 256-digit
        // decimal division, half of the complement search's time on the demo release. The solve overwrites the
        // values of its solution's variables, so the point is the same.
        for (int j = 0; j < objective.length; j++) {
            if (seeded && (objective[j] != 0 || referenced[j])) {
                x[j].setValue(java.math.BigDecimal.ZERO);
            }
        }
        org.ojalgo.optimisation.Optimisation.Result r;
        try {
            r = goal == GoalType.MAXIMIZE ? model.maximise() : model.minimise();
        } catch (RuntimeException e) {
            return null;
        }
        return checked(r, objective, constraints, rows);
    }

    /** The same LP given to ojalgo's simplex as double rows ({@link Use#BOUND}); {@code null} as above. */
    private static Outcome built(double[] objective, GoalType goal, List<LinearConstraint> constraints) {
        double sign = goal == GoalType.MAXIMIZE ? -1 : 1;
        double[] cost = new double[objective.length];
        for (int j = 0; j < objective.length; j++) {
            cost[j] = sign * objective[j];
        }
        org.ojalgo.optimisation.linear.LinearSolver.Builder model =
                org.ojalgo.optimisation.linear.LinearSolver.newGeneralBuilder(cost);
        double[][] rows = new double[constraints.size()][];
        for (int k = 0; k < constraints.size(); k++) {
            LinearConstraint c = constraints.get(k);
            rows[k] = c.getCoefficients().toArray();
            switch (c.getRelationship()) {
                case LEQ -> model.inequality(c.getValue(), rows[k]);
                case GEQ -> model.inequality(-c.getValue(), negated(rows[k]));
                default -> model.equality(c.getValue(), rows[k]);
            }
        }
        model.lower(0);
        org.ojalgo.optimisation.Optimisation.Result r;
        try {
            r = model.build().solve();
        } catch (RuntimeException e) {
            return null;
        }
        return checked(r, objective, constraints, rows);
    }

    private static double[] negated(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = -row[j];
        }
        return out;
    }

    /**
     * ojalgo's result as an outcome, only when it is optimal and its point feasible within {@link #INTEGER_SNAP};
     * the value is recomputed from the point and the original objective.
     */
    private static Outcome checked(
            org.ojalgo.optimisation.Optimisation.Result r,
            double[] objective,
            List<LinearConstraint> constraints,
            double[][] rows) {
        org.ojalgo.optimisation.Optimisation.State state = r.getState();
        if (state == org.ojalgo.optimisation.Optimisation.State.UNBOUNDED) {
            return null; // confirmed by the dense solver, which also gives the direction's sign
        }
        if (state == org.ojalgo.optimisation.Optimisation.State.INFEASIBLE || !state.isOptimal()) {
            return null;
        }
        double[] point = new double[objective.length];
        double value = 0;
        for (int j = 0; j < objective.length; j++) {
            point[j] = r.doubleValue(j);
            if (point[j] < -INTEGER_SNAP) {
                return null;
            }
            value += objective[j] * point[j];
        }
        for (int k = 0; k < rows.length; k++) {
            double lhs = 0;
            double scale = 0;
            for (int j = 0; j < rows[k].length; j++) {
                lhs += rows[k][j] * point[j];
                scale += Math.abs(rows[k][j] * point[j]);
            }
            double gap = lhs - constraints.get(k).getValue();
            double tolerance =
                    INTEGER_SNAP * (1 + scale + Math.abs(constraints.get(k).getValue()));
            boolean ok = switch (constraints.get(k).getRelationship()) {
                case LEQ -> gap <= tolerance;
                case GEQ -> gap >= -tolerance;
                default -> Math.abs(gap) <= tolerance;
            };
            if (!ok) {
                return null;
            }
        }
        return new Outcome(Status.OPTIMAL, point, value);
    }

    private static Outcome run(
            double[] objective,
            GoalType goal,
            List<LinearConstraint> constraints,
            PivotSelectionRule rule,
            int maxIterations) {
        SimplexSolver solver = new SimplexSolver(EPSILON, MAX_ULPS, CUT_OFF);
        try {
            PointValuePair optimum = solver.optimize(
                    new MaxIter(maxIterations),
                    new LinearObjectiveFunction(objective, 0),
                    new LinearConstraintSet(constraints),
                    goal,
                    new NonNegativeConstraint(true),
                    rule);
            return new Outcome(Status.OPTIMAL, optimum.getPoint(), optimum.getValue());
        } catch (NoFeasibleSolutionException e) {
            return new Outcome(Status.INFEASIBLE, null, Double.NaN);
        } catch (UnboundedSolutionException e) {
            return new Outcome(
                    Status.UNBOUNDED,
                    null,
                    goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }
    }

    /** {@code x} rounded to the nearest integer if within {@link #INTEGER_SNAP}, else {@code x}. */
    static double snap(double x) {
        if (Double.isInfinite(x)) {
            return x;
        }
        double nearest = Math.rint(x);
        return Math.abs(x - nearest) <= INTEGER_SNAP ? nearest : x;
    }
}
