package ca.hotlinetrends.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * A brute-force reference for {@link AttackerAudit} on small systems, sharing none of its code or
 * its LP solver: the attacker's feasible set {@code P = {x >= 0 : A x = b}} over all suppressed cells
 * at once (every relation, no singleton propagation, no components, no aliases, no shortcuts), in
 * exact rational arithmetic.
 *
 * <p>A linear function bounded on {@code P} reaches its optimum at a vertex, and the vertices of
 * {@code P} are its basic feasible solutions, so the minimum and the finite maximum of a cell are
 * its smallest and largest value over all basic feasible solutions. A cell is unbounded above iff
 * some ray {@code r >= 0, A r = 0} has {@code r_cell > 0}; such rays, scaled to {@code sum r = 1},
 * form a polytope whose vertices are again enumerated as basic feasible solutions. Exponential in
 * the number of suppressed cells: meant for a dozen at most.
 */
final class VertexEnumerationAttacker {

    /** One cell's exact interval; {@code max == null} means unbounded above. */
    record Interval(BigFraction min, BigFraction max) {

        long ceilMin() {
            return ceil(min);
        }

        /** {@code Long.MAX_VALUE} when unbounded. */
        long floorMax() {
            return max == null ? Long.MAX_VALUE : floor(max);
        }

        /** The width of the integer interval {@code [ceil(min), floor(max)]}, {@code +Infinity} if unbounded. */
        double width() {
            return max == null ? Double.POSITIVE_INFINITY : Math.max(0, floorMax() - ceilMin());
        }

        private static long floor(BigFraction f) {
            BigInteger[] qr = f.getNumerator().divideAndRemainder(f.getDenominator());
            return qr[0].longValueExact() - (qr[1].signum() < 0 ? 1 : 0);
        }

        private static long ceil(BigFraction f) {
            return -floor(f.negate());
        }
    }

    private VertexEnumerationAttacker() {}

    /** The exact interval of every suppressed cell, by id. */
    static Map<String, Interval> intervals(CellSystem system, Collection<String> suppressedIds) {
        List<String> unknowns = new ArrayList<>(suppressedIds);
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < unknowns.size(); j++) {
            column.put(unknowns.get(j), j);
        }
        int n = unknowns.size();
        List<BigFraction[]> rows = new ArrayList<>();
        for (LinearRelation relation : system.relations()) {
            BigFraction[] row = zeros(n + 1);
            for (LinearRelation.Term term : relation.terms()) {
                BigFraction coefficient = new BigFraction(term.coefficient());
                Integer j = column.get(term.cellId());
                if (j != null) {
                    row[j] = row[j].add(coefficient);
                } else {
                    row[n] = row[n].subtract(
                            coefficient.multiply(system.cell(term.cellId()).value()));
                }
            }
            rows.add(row);
        }
        List<BigFraction[]> vertices = basicFeasibleSolutions(rows, n);
        List<BigFraction[]> rayRows = new ArrayList<>();
        for (BigFraction[] row : rows) {
            BigFraction[] homogeneous = row.clone();
            homogeneous[n] = BigFraction.ZERO;
            rayRows.add(homogeneous);
        }
        BigFraction[] sumIsOne = zeros(n + 1);
        for (int j = 0; j <= n; j++) {
            sumIsOne[j] = BigFraction.ONE;
        }
        rayRows.add(sumIsOne);
        List<BigFraction[]> rays = basicFeasibleSolutions(rayRows, n);

        Map<String, Interval> intervals = new LinkedHashMap<>();
        for (int j = 0; j < n; j++) {
            BigFraction min = null;
            BigFraction max = null;
            for (BigFraction[] vertex : vertices) {
                min = min == null || vertex[j].compareTo(min) < 0 ? vertex[j] : min;
                max = max == null || vertex[j].compareTo(max) > 0 ? vertex[j] : max;
            }
            for (BigFraction[] ray : rays) {
                if (ray[j].getNumerator().signum() > 0) {
                    max = null;
                }
            }
            if (min == null) {
                throw new IllegalStateException("no vertex: the true table should be feasible");
            }
            intervals.put(unknowns.get(j), new Interval(min, max));
        }
        return intervals;
    }

    /**
     * All basic feasible solutions of {@code {x >= 0 : rows x = rhs}} (each row holds the {@code n}
     * coefficients then the right-hand side): reduce the rows to an independent set of {@code m},
     * then solve every {@code m x m} column subset and keep the non-negative solutions.
     */
    private static List<BigFraction[]> basicFeasibleSolutions(List<BigFraction[]> rows, int n) {
        List<BigFraction[]> solutions = new ArrayList<>();
        List<BigFraction[]> independent = rowEchelon(rows, n);
        if (independent == null) {
            return solutions;
        }
        int m = independent.size();
        int[] basis = new int[m];
        for (int k = 0; k < m; k++) {
            basis[k] = k;
        }
        if (m > n) {
            return solutions;
        }
        while (true) {
            BigFraction[] x = solve(independent, basis, n);
            if (x != null) {
                solutions.add(x);
            }
            int k = m - 1;
            while (k >= 0 && basis[k] == n - m + k) {
                k--;
            }
            if (k < 0) {
                return solutions;
            }
            basis[k]++;
            for (int i = k + 1; i < m; i++) {
                basis[i] = basis[i - 1] + 1;
            }
        }
    }

    /** The non-zero rows of the reduced row echelon form, or {@code null} if the system is inconsistent. */
    private static List<BigFraction[]> rowEchelon(List<BigFraction[]> rows, int n) {
        List<BigFraction[]> work = new ArrayList<>();
        rows.forEach(row -> work.add(row.clone()));
        int rank = 0;
        for (int j = 0; j < n && rank < work.size(); j++) {
            int pivot = -1;
            for (int i = rank; i < work.size(); i++) {
                if (work.get(i)[j].getNumerator().signum() != 0) {
                    pivot = i;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            BigFraction[] pivotRow = work.remove(pivot);
            work.add(rank, pivotRow);
            for (int i = 0; i < work.size(); i++) {
                if (i != rank && work.get(i)[j].getNumerator().signum() != 0) {
                    BigFraction factor = work.get(i)[j].divide(pivotRow[j]);
                    for (int t = 0; t <= n; t++) {
                        work.get(i)[t] = work.get(i)[t].subtract(factor.multiply(pivotRow[t]));
                    }
                }
            }
            rank++;
        }
        for (int i = rank; i < work.size(); i++) {
            if (work.get(i)[n].getNumerator().signum() != 0) {
                return null;
            }
        }
        return new ArrayList<>(work.subList(0, rank));
    }

    /** The solution with support in {@code basis}, or {@code null} if singular or negative. */
    private static BigFraction[] solve(List<BigFraction[]> rows, int[] basis, int n) {
        int m = basis.length;
        BigFraction[][] a = new BigFraction[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                a[i][k] = rows.get(i)[basis[k]];
            }
            a[i][m] = rows.get(i)[n];
        }
        for (int k = 0; k < m; k++) {
            int pivot = k;
            while (pivot < m && a[pivot][k].getNumerator().signum() == 0) {
                pivot++;
            }
            if (pivot == m) {
                return null;
            }
            BigFraction[] swap = a[k];
            a[k] = a[pivot];
            a[pivot] = swap;
            for (int i = 0; i < m; i++) {
                if (i != k && a[i][k].getNumerator().signum() != 0) {
                    BigFraction factor = a[i][k].divide(a[k][k]);
                    for (int t = k; t <= m; t++) {
                        a[i][t] = a[i][t].subtract(factor.multiply(a[k][t]));
                    }
                }
            }
        }
        BigFraction[] x = zeros(n);
        for (int k = 0; k < m; k++) {
            x[basis[k]] = a[k][m].divide(a[k][k]);
            if (x[basis[k]].getNumerator().signum() < 0) {
                return null;
            }
        }
        return x;
    }

    private static BigFraction[] zeros(int size) {
        BigFraction[] zeros = new BigFraction[size];
        Arrays.fill(zeros, BigFraction.ZERO);
        return zeros;
    }
}
