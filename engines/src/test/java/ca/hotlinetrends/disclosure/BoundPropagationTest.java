package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The outer bounds of {@link BoundPropagation}: tight where one relation decides, and never inside the LP's interval. */
class BoundPropagationTest {

    @Test
    void aPartPinnedByAnotherRelation_isExact_andTheOtherPartsAreBoundedByWhatIsLeft() {
        // total = a + b + c (total published, 10); a = d (d published, 3). Unknown: a, b, c.
        CellSystem system = CellSystem.builder()
                .addCell("total", 10)
                .addCell("a", 3)
                .addCell("b", 5)
                .addCell("c", 2)
                .addCell("d", 3)
                .addRelation(relation("margin", "total", 1, "a", -1, "b", -1, "c", -1))
                .addRelation(new LinearRelation(
                        "same", List.of(new LinearRelation.Term("a", 1), new LinearRelation.Term("d", -1))))
                .build();
        SystemIndex index = system.index();
        boolean[] unknown = unknown(index, Set.of("a", "b", "c"));

        double[][] bounds = BoundPropagation.bounds(index, unknown);

        int a = index.indexOf("a");
        int b = index.indexOf("b");
        int c = index.indexOf("c");
        assertThat(bounds[0][a]).isCloseTo(3, within(1e-9));
        assertThat(bounds[1][a]).isCloseTo(3, within(1e-9));
        assertThat(bounds[0][b]).isZero();
        assertThat(bounds[1][b]).isCloseTo(7, within(1e-9));
        assertThat(bounds[1][c]).isCloseTo(7, within(1e-9));
    }

    @Test
    void aCellInNoRelationWithABound_isUnboundedAbove() {
        // a - b = 0 with both unknown: nothing bounds them.
        CellSystem system = CellSystem.builder()
                .addCell("a", 4)
                .addCell("b", 4)
                .addRelation(new LinearRelation(
                        "same", List.of(new LinearRelation.Term("a", 1), new LinearRelation.Term("b", -1))))
                .build();
        SystemIndex index = system.index();
        double[][] bounds = BoundPropagation.bounds(index, unknown(index, Set.of("a", "b")));
        assertThat(bounds[0][index.indexOf("a")]).isZero();
        assertThat(bounds[1][index.indexOf("a")]).isInfinite();
    }

    @Provide
    Arbitrary<RandomLinkedCells> partlyPublishedCells() {
        return RandomLinkedCells.arbitrary(0.35);
    }

    /**
     * With every cell not fixed by the ledger unknown, each cell's audited interval (LP bounds, rounded inward, or
     * the integer program's) lies within the propagated bounds: the complement search may skip a region's LPs when
     * propagation shows the cell cannot move as far.
     */
    @Property(tries = 300)
    void theBounds_containTheAttackersInterval(@ForAll("partlyPublishedCells") RandomLinkedCells cells) {
        CellSystem system = cells.system();
        SystemIndex index = system.index();
        List<String> unfixed = cells.unfixedIds();
        boolean[] unknown = unknown(index, Set.copyOf(unfixed));

        double[][] bounds = BoundPropagation.bounds(index, unknown);

        AuditResult audit = AttackerAudit.of(SuppressionConfig.defaults()).audit(system, unfixed);
        for (CellAudit c : audit.cells()) {
            int cell = index.indexOf(c.cellId());
            assertThat(bounds[0][cell]).as("lower bound of %s", c.cellId()).isLessThanOrEqualTo(c.lower() + 1e-6);
            assertThat(bounds[1][cell]).as("upper bound of %s", c.cellId()).isGreaterThanOrEqualTo(c.upper() - 1e-6);
            assertThat((double) index.values[cell]).isBetween(bounds[0][cell] - 1e-6, bounds[1][cell] + 1e-6);
        }
    }

    private static LinearRelation relation(String name, Object... terms) {
        List<LinearRelation.Term> out = new java.util.ArrayList<>();
        for (int k = 0; k < terms.length; k += 2) {
            out.add(new LinearRelation.Term((String) terms[k], (Integer) terms[k + 1]));
        }
        return new LinearRelation(name, out);
    }

    private static boolean[] unknown(SystemIndex index, Set<String> ids) {
        boolean[] unknown = new boolean[index.cellCount];
        for (String id : ids) {
            unknown[index.indexOf(id)] = true;
        }
        return unknown;
    }
}
