package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The audit's intervals against {@link VertexEnumerationAttacker}, an exact brute force that shares
 * no code with it, on small random systems and suppression patterns: the bounds must agree to
 * {@code 1e-6} and, after the documented inward rounding to integers, exactly; so must the width
 * and the verdict.
 */
class AttackerAuditPropertiesTest {

    private static final AttackerAudit AUDIT = new AttackerAudit(MinCellCountRule.defaults(), 5);
    private static final int MAX_SUPPRESSED = 10;

    /** A one-way table (parts and their total, like cases by sector) and a suppression pattern. */
    record OneWayPattern(List<Long> parts, List<Boolean> hidden) {

        CellSystem system() {
            CellSystem.Builder builder = CellSystem.builder();
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < parts.size(); k++) {
                ids.add("t|part" + k);
                builder.addCell(ids.get(k), parts.get(k));
            }
            builder.addCell("t|TOTAL", parts.stream().mapToLong(Long::longValue).sum());
            return builder.sumOfParts("t|TOTAL", ids).build();
        }

        List<String> suppressedIds() {
            return firstHidden(system(), hidden);
        }

        @Override
        public String toString() {
            return "OneWayPattern[parts=" + parts + ", suppressed=" + suppressedIds() + "]";
        }
    }

    /** A two-way table with marginal totals and a suppression pattern over its cells. */
    record TablePattern(long[][] values, List<Boolean> hidden) {

        CellSystem system() {
            return TwoWayTable.builderOf(CellSuppressorPropertiesTest.Scenario.table("t", values))
                    .build();
        }

        List<String> suppressedIds() {
            return firstHidden(system(), hidden);
        }

        @Override
        public String toString() {
            return "TablePattern[values=" + Arrays.deepToString(values) + ", suppressed=" + suppressedIds() + "]";
        }
    }

    /** Linked period and cumulative tables and a suppression pattern over all their cells. */
    record LinkedPattern(CellSuppressorPropertiesTest.Scenario scenario, List<Boolean> hidden) {

        List<String> suppressedIds() {
            return firstHidden(scenario.system(), hidden);
        }

        @Override
        public String toString() {
            return "LinkedPattern[" + scenario + ", suppressed=" + suppressedIds() + "]";
        }
    }

    /** The cells whose flag is set, in insertion order, at most {@link #MAX_SUPPRESSED}; at least one. */
    private static List<String> firstHidden(CellSystem system, List<Boolean> hidden) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < system.cells().size() && ids.size() < MAX_SUPPRESSED; i++) {
            if (hidden.get(i % hidden.size())) {
                ids.add(system.cells().get(i).id());
            }
        }
        if (ids.isEmpty()) {
            ids.add(system.cells().get(0).id());
        }
        return ids;
    }

    @Provide
    Arbitrary<RandomLinkedCells> linkedCells() {
        return RandomLinkedCells.arbitrary(0);
    }

    @Provide
    Arbitrary<OneWayPattern> oneWayPatterns() {
        return Combinators.combine(
                        RandomLinkedCells.counts().list().ofMinSize(2).ofMaxSize(11),
                        Arbitraries.integers()
                                .between(1, 100)
                                .map(p -> p <= 40)
                                .list()
                                .ofSize(12))
                .as(OneWayPattern::new);
    }

    @Provide
    Arbitrary<TablePattern> tablePatterns() {
        return Combinators.combine(
                        Arbitraries.integers().between(2, 3),
                        Arbitraries.integers().between(2, 3))
                .flatAs((rows, columns) -> Combinators.combine(
                                RandomLinkedCells.counts()
                                        .list()
                                        .ofSize(rows * columns)
                                        .map(v -> matrix(v, rows, columns)),
                                Arbitraries.of(true, false).list().ofSize((rows + 1) * (columns + 1)))
                        .as(TablePattern::new));
    }

    @Provide
    Arbitrary<LinkedPattern> linkedPatterns() {
        Arbitrary<long[][]> matrix = RandomLinkedCells.counts().list().ofSize(4).map(v -> matrix(v, 2, 2));
        Arbitrary<CellSuppressorPropertiesTest.Scenario> scenario = Combinators.combine(
                        matrix, matrix, Arbitraries.of(false))
                .as(CellSuppressorPropertiesTest.Scenario::new);
        Arbitrary<List<Boolean>> hidden =
                Arbitraries.integers().between(1, 100).map(p -> p <= 30).list().ofSize(27);
        return Combinators.combine(scenario, hidden).as(LinkedPattern::new);
    }

    private static long[][] matrix(List<Long> values, int rows, int columns) {
        long[][] matrix = new long[rows][columns];
        for (int k = 0; k < values.size(); k++) {
            matrix[k / columns][k % columns] = values.get(k);
        }
        return matrix;
    }

    @Property(tries = 1000)
    void intervals_matchVertexEnumeration_onRandomLinkedCells(@ForAll("linkedCells") RandomLinkedCells cells) {
        assertExact(cells.system(), cells.suppressedIds());
    }

    @Property(tries = 150)
    void intervals_matchVertexEnumeration_onOneWayTables(@ForAll("oneWayPatterns") OneWayPattern pattern) {
        assertExact(pattern.system(), pattern.suppressedIds());
    }

    @Property(tries = 150)
    void intervals_matchVertexEnumeration_onTwoWayTables(@ForAll("tablePatterns") TablePattern pattern) {
        assertExact(pattern.system(), pattern.suppressedIds());
    }

    @Property(tries = 100)
    void intervals_matchVertexEnumeration_onLinkedPeriodAndCumulativeTables(
            @ForAll("linkedPatterns") LinkedPattern pattern) {
        assertExact(pattern.scenario().system(), pattern.suppressedIds());
    }

    @Property(tries = 500)
    void bounds_equalTheIntegerOptima_onRandomLinkedCells(@ForAll("linkedCells") RandomLinkedCells cells) {
        assertIntegerOptima(cells.system(), cells.suppressedIds());
    }

    @Property(tries = 100)
    void bounds_equalTheIntegerOptima_onLinkedPeriodAndCumulativeTables(
            @ForAll("linkedPatterns") LinkedPattern pattern) {
        assertIntegerOptima(pattern.scenario().system(), pattern.suppressedIds());
    }

    /**
     * The audit's bounds are exactly the integer attacker's: each equals the optimum of one integer program over every
     * relation at once (no components, no singleton propagation, none of the audit's shortcuts, such as taking the LP
     * bound rounded inward when an integer table it has seen reaches it), solved here over the whole system.
     */
    static void assertIntegerOptima(CellSystem system, List<String> suppressedIds) {
        AuditResult result = AUDIT.audit(system, suppressedIds);
        // Whether a cell is unbounded above is taken from the exact brute force (the oracle's domains are capped).
        Map<String, VertexEnumerationAttacker.Interval> exact =
                VertexEnumerationAttacker.intervals(system, suppressedIds);
        for (CellAudit audit : result.cells()) {
            String id = audit.cellId();
            double upper = exact.get(id).max() == null
                    ? Double.POSITIVE_INFINITY
                    : integerOptimum(system, suppressedIds, id, true);
            assertThat(audit.upper()).as(id + " upper").isEqualTo(upper);
            assertThat(audit.lower()).as(id + " lower").isEqualTo(integerOptimum(system, suppressedIds, id, false));
        }
    }

    /**
     * One integer program over the whole system (every relation, every unknown cell from 0 to {@code ORACLE_CAP}, no
     * LP, no aliases), solved by Choco's default search to a proven optimum.
     */
    private static double integerOptimum(CellSystem system, List<String> unknowns, String cell, boolean maximise) {
        org.chocosolver.solver.Model model = new org.chocosolver.solver.Model("oracle");
        Map<String, org.chocosolver.solver.variables.IntVar> x = new java.util.HashMap<>();
        for (String id : unknowns) {
            x.put(id, model.intVar(id, 0, ORACLE_CAP, true));
        }
        for (LinearRelation relation : system.relations()) {
            long constant = 0;
            List<org.chocosolver.solver.variables.IntVar> vars = new ArrayList<>();
            List<Integer> coefficients = new ArrayList<>();
            for (LinearRelation.Term term : relation.terms()) {
                org.chocosolver.solver.variables.IntVar v = x.get(term.cellId());
                if (v == null) {
                    constant += (long) term.coefficient()
                            * system.cell(term.cellId()).value();
                } else {
                    vars.add(v);
                    coefficients.add(term.coefficient());
                }
            }
            if (!vars.isEmpty()) {
                model.scalar(
                                vars.toArray(org.chocosolver.solver.variables.IntVar[]::new),
                                coefficients.stream()
                                        .mapToInt(Integer::intValue)
                                        .toArray(),
                                "=",
                                Math.toIntExact(-constant))
                        .post();
            }
        }
        org.chocosolver.solver.Solution solution = model.getSolver().findOptimalSolution(x.get(cell), maximise);
        assertThat(solution).as(cell + " integer program").isNotNull();
        assertThat(model.getSolver().isStopCriterionMet()).isFalse();
        return solution.getIntVal(x.get(cell));
    }

    /** The oracle's domain: far above any count these systems reach, so it never binds an optimum. */
    private static final int ORACLE_CAP = 100_000;

    /** Asserts that the audit of the pattern agrees with the brute force for every suppressed cell. */
    static void assertExact(CellSystem system, List<String> suppressedIds) {
        AuditResult result = AUDIT.audit(system, suppressedIds);
        Map<String, VertexEnumerationAttacker.Interval> exact =
                VertexEnumerationAttacker.intervals(system, suppressedIds);

        assertThat(result.cells()).hasSize(suppressedIds.size());
        for (CellAudit audit : result.cells()) {
            VertexEnumerationAttacker.Interval interval = exact.get(audit.cellId());
            String id = audit.cellId();
            // The audit's bounds are an integer attacker's: whole numbers, never outside the LP's interval rounded
            // inward, equal to it where the LP's vertex is whole, and the true value always inside.
            assertThat(audit.lower()).as(id + " lower").isEqualTo(Math.rint(audit.lower()));
            assertThat((long) audit.lower()).as(id + " lower").isGreaterThanOrEqualTo(interval.ceilMin());
            assertThat(audit.lower())
                    .as(id + " lower")
                    .isLessThanOrEqualTo(system.cell(id).value());
            assertThat(audit.upper())
                    .as(id + " upper")
                    .isGreaterThanOrEqualTo(system.cell(id).value());
            if (interval.max() == null) {
                assertThat(audit.upper()).as(id + " upper").isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(audit.width()).as(id + " width").isEqualTo(Double.POSITIVE_INFINITY);
            } else {
                assertThat(audit.upper()).as(id + " upper").isEqualTo(Math.rint(audit.upper()));
                assertThat((long) audit.upper()).as(id + " upper").isLessThanOrEqualTo(interval.floorMax());
                assertThat(audit.width()).as(id + " width").isLessThanOrEqualTo(interval.width());
                assertThat(audit.passed()).as(id + " passed").isEqualTo(audit.width() >= audit.requiredWidth());
            }
        }
    }
}
