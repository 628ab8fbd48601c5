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
 * Solves {@code min/max c.x subject to constraints, x >= 0} with the dense two-phase simplex of
 * commons-math3 ({@link SimplexSolver}), Dantzig's pivot rule first and Bland's rule (which cannot
 * cycle) if Dantzig runs out of iterations on a degenerate problem; if Bland runs out too the
 * outcome says so and the caller fails closed. Counts the LPs it solves.
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

    enum Status { OPTIMAL, INFEASIBLE, UNBOUNDED, ITERATION_LIMIT }

    /** The outcome of one LP; {@code point} is {@code null} unless optimal. */
    record Outcome(Status status, double[] point, double value) {
    }

    private int solved;

    int solved() {
        return solved;
    }

    Outcome solve(double[] objective, GoalType goal, List<LinearConstraint> constraints) {
        solved++;
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

    private static Outcome run(double[] objective, GoalType goal, List<LinearConstraint> constraints,
                               PivotSelectionRule rule, int maxIterations) {
        SimplexSolver solver = new SimplexSolver(EPSILON, MAX_ULPS, CUT_OFF);
        try {
            PointValuePair optimum = solver.optimize(new MaxIter(maxIterations),
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), goal,
                    new NonNegativeConstraint(true), rule);
            return new Outcome(Status.OPTIMAL, optimum.getPoint(), optimum.getValue());
        } catch (NoFeasibleSolutionException e) {
            return new Outcome(Status.INFEASIBLE, null, Double.NaN);
        } catch (UnboundedSolutionException e) {
            return new Outcome(Status.UNBOUNDED, null, goal == GoalType.MAXIMIZE
                    ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
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
