package ca.hotlinetrends.disclosure;

import static ca.hotlinetrends.disclosure.DisclosureFixtures.threeByThreeWithOneSmallCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackerAuditTest {

    private final AttackerAudit audit = new AttackerAudit(MinCellCountRule.defaults(), 5);
    private final CellSystem threeByThree =
            TwoWayTable.builderOf(threeByThreeWithOneSmallCell()).build();

    @Test
    void cellAloneInARelationWithPublishedPartners_isRecoveredExactlyAndFails() {
        CellSystem system = CellSystem.builder()
                .addCell("total", 9)
                .addCell("a", 2)
                .addCell("b", 7)
                .sumOfParts("total", "a", "b")
                .build();

        AuditResult result = audit.audit(system, List.of("a"));

        assertThat(result.cell("a").lower()).isEqualTo(2.0);
        assertThat(result.cell("a").upper()).isEqualTo(2.0);
        assertThat(result.cell("a").passed()).isFalse();
        assertThat(result.passed()).isFalse();
        assertThat(result.failedCellIds()).containsExactly("a");
        assertThat(result.lpsSolved()).isZero();
    }

    /**
     * Auxiliary cells (what the records or labels add to the system) are unknowns the attacker solves through, but
     * no one publishes or protects them: the audit bounds the table cells through them and reports no interval of
     * their own (the cost of the joint protection was mostly such intervals).
     */
    @Test
    void auxiliaryCells_constrainTheTableCells_butGetNoIntervalOfTheirOwn() {
        CellSystem system = CellSystem.builder()
                .addCell("total", 12)
                .addCell("a", 3)
                .addCell("b", 9)
                .addCell("~md|a-records", 2)
                .addCell("~md|rest", 1)
                .sumOfParts("total", "a", "b")
                .sumOfParts("a", "~md|a-records", "~md|rest")
                .build();

        AuditResult result = audit.audit(system, List.of("a", "b", "~md|a-records", "~md|rest"));

        assertThat(result.cells()).extracting(CellAudit::cellId).containsExactly("a", "b");
        assertThat(result.cell("a").lower()).isEqualTo(0.0);
        assertThat(result.cell("a").upper()).isEqualTo(12.0);
        assertThatThrownBy(() -> result.cell("~md|rest")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * x = 2y + 1, x = 3z, x + s = 8 with x = 3: the LP ranges x over [1, 8] (y = 3.5 and z = 8/3 at the top), but
     * x must be odd and a multiple of 3 and at most 8, so an integer attacker knows x = 3. The audit's bounds are
     * the integer ones.
     */
    @Test
    void fractionalVertex_isSolvedAsAnIntegerProgram() {
        CellSystem system = CellSystem.builder()
                .addCell("x", 3)
                .addCell("y", 1)
                .addCell("z", 1)
                .addCell("s", 5)
                .addCell("one", 1)
                .addCell("eight", 8)
                .addRelation(new LinearRelation(
                        "odd",
                        List.of(
                                new LinearRelation.Term("x", 1),
                                new LinearRelation.Term("y", -2),
                                new LinearRelation.Term("one", -1))))
                .addRelation(new LinearRelation(
                        "triple", List.of(new LinearRelation.Term("x", 1), new LinearRelation.Term("z", -3))))
                .addRelation(new LinearRelation(
                        "cap",
                        List.of(
                                new LinearRelation.Term("x", 1),
                                new LinearRelation.Term("s", 1),
                                new LinearRelation.Term("eight", -1))))
                .build();

        AuditResult result = audit.audit(system, List.of("x", "y", "z", "s"));

        assertThat(result.cell("x").lower()).isEqualTo(3.0);
        assertThat(result.cell("x").upper()).isEqualTo(3.0);
        assertThat(result.cell("x").exactlyDisclosed()).isTrue();
        assertThat(result.cell("s").width()).isZero();
        assertThat(result.passed()).isFalse();
    }

    @Test
    void rectangle_givesTheIntervalComputedByHand() {
        // (r1,c1)=2 and (r3,c2)=11 move together, (r1,c2)=10 and (r3,c1)=9 against them:
        // r1c1 in [2 - min(2, 11), 2 + min(10, 9)] = [0, 11].
        AuditResult result =
                audit.audit(threeByThree, List.of("cases|r1|c1", "cases|r1|c2", "cases|r3|c1", "cases|r3|c2"));

        assertThat(result.cell("cases|r1|c1").lower()).isZero();
        assertThat(result.cell("cases|r1|c1").upper()).isEqualTo(11.0);
        assertThat(result.cell("cases|r1|c2").lower()).isEqualTo(1.0);
        assertThat(result.cell("cases|r1|c2").upper()).isEqualTo(12.0);
        assertThat(result.cell("cases|r1|c1").sensitive()).isTrue();
        // A complement is held to the width too: nothing published says it is no small count.
        assertThat(result.cell("cases|r1|c2").sensitive()).isTrue();
        assertThat(result.cell("cases|r1|c2").requiredWidth()).isEqualTo(5);
        assertThat(result.passed()).isTrue();
        assertThat(result.narrowestRange()).isEqualTo(11.0);
        assertThat(result.lpsSolved()).isPositive();
    }

    @Test
    void threeCellsOfARectangle_leakTheSmallCellThroughAChainOfRelations() {
        AuditResult result = audit.audit(threeByThree, List.of("cases|r1|c1", "cases|r1|c2", "cases|r3|c1"));

        assertThat(result.cell("cases|r1|c1").exactlyDisclosed()).isTrue();
        assertThat(result.passed()).isFalse();
    }

    @Test
    void cellWithItsTotalSuppressedAndNoOtherRelation_isUnbounded() {
        CellSystem system = CellSystem.builder()
                .addCell("total", 9)
                .addCell("a", 2)
                .addCell("b", 7)
                .sumOfParts("total", "a", "b")
                .build();

        AuditResult result = audit.audit(system, List.of("a", "total"));

        assertThat(result.cell("a").upper()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.cell("a").lower()).isZero();
        assertThat(result.cell("a").width()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void fractionalBounds_areRoundedInwardsLikeAnIntegerAttacker() {
        // 3a + c = 5 with only the 5 published: a in [0, 5/3], so an integer attacker knows a in {0, 1}.
        CellSystem system = CellSystem.builder()
                .addCell("a", 1)
                .addCell("c", 2)
                .addCell("s", 5)
                .addRelation(new LinearRelation(
                        "weighted",
                        List.of(
                                new LinearRelation.Term("a", 3),
                                new LinearRelation.Term("c", 1),
                                new LinearRelation.Term("s", -1))))
                .build();

        CellAudit a = audit.audit(system, List.of("a", "c")).cell("a");

        assertThat(a.lower()).isZero();
        assertThat(a.upper()).isEqualTo(1.0); // the LP's 5/3, as the integer program gives it
        assertThat(a.width()).isEqualTo(1.0);
        assertThat(a.passed()).isFalse();
    }

    @Test
    void threeSmallPartsOfAPublishedTotal_eachRangeOverTheirWholeSum() {
        // Everything else is published, so CONSTRUCTION + FOOD_SERVICE + MANUFACTURING = 3 + 4 + 1 = 8
        // and each of them can be anything from 0 to 8. The three have identical LP columns, which
        // made the LP solver stop early for the second and third cell ([0, 4] and [0, 1]).
        CellSystem system = DisclosureFixtures.sectorsWithThreeSmallCounts();
        List<String> small = List.of("t|CONSTRUCTION", "t|FOOD_SERVICE", "t|MANUFACTURING");

        AuditResult result = audit.audit(system, small);

        assertThat(result.cells()).extracting(CellAudit::cellId).containsExactlyElementsOf(small);
        assertThat(result.cells()).allSatisfy(cell -> {
            assertThat(cell.lower()).as(cell.cellId()).isZero();
            assertThat(cell.upper()).as(cell.cellId()).isEqualTo(8.0);
            assertThat(cell.width()).as(cell.cellId()).isEqualTo(8.0);
            assertThat(cell.passed()).as(cell.cellId()).isTrue();
        });
        assertThat(result.passed()).isTrue();
        AttackerAuditPropertiesTest.assertExact(system, small);
    }

    @Test
    void partsWithTheSameRelationsInAnyOrder_allGetTheExactInterval() {
        // Six parts of one total, the total published: each part ranges over [0, sum of the six].
        CellSystem system = DisclosureFixtures.sectors(new long[] {78, 30, 62, 6, 6, 3, 6, 4, 1, 28, 41});
        List<String> hidden = List.of(
                "t|AGRICULTURE",
                "t|CONSTRUCTION",
                "t|DOMESTIC_WORK",
                "t|FOOD_SERVICE",
                "t|HOSPITALITY",
                "t|MANUFACTURING");

        AuditResult result = audit.audit(system, hidden);

        assertThat(result.cells()).allSatisfy(cell -> {
            assertThat(cell.lower()).as(cell.cellId()).isZero();
            assertThat(cell.upper()).as(cell.cellId()).isEqualTo(26.0);
        });
    }

    @Test
    void sameCountAliases_shareTheirInterval() {
        CellSystem system = CellSystem.builder()
                .addCell("a", 2)
                .addCell("a_copy", 2)
                .addCell("b", 30)
                .addCell("total", 32)
                .sumOfParts("total", "a", "b")
                .sameCount("a", "a_copy")
                .build();

        AuditResult result = audit.audit(system, List.of("a", "a_copy", "b"));

        assertThat(result.cell("a").upper()).isEqualTo(32.0);
        assertThat(result.cell("a_copy").lower()).isEqualTo(result.cell("a").lower());
        assertThat(result.cell("a_copy").upper()).isEqualTo(result.cell("a").upper());
    }

    @Test
    void cellPublishedInAnEarlierRelease_cannotBeAuditedAsSuppressed() {
        CellSystem system = CellSystem.builder()
                .addCell(new Cell("a", 2, LedgerStatus.PUBLISHED_EARLIER))
                .addCell("b", 3)
                .addCell("t", 5)
                .sumOfParts("t", "a", "b")
                .build();

        assertThatThrownBy(() -> audit.audit(system, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'")
                .hasMessageContaining("earlier release");
    }

    @Test
    void unknownSuppressedId_isRejected() {
        assertThatThrownBy(() -> audit.audit(threeByThree, List.of("cases|r9|c9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cases|r9|c9");
    }

    @Test
    void protectionWidthBelowOne_isRejected() {
        assertThatThrownBy(() -> new AttackerAudit(MinCellCountRule.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protectionWidth must be >= 1. Provided value: 0");
    }

    /**
     * Two systems a property test found, where ojalgo's branch and bound was wrong (with coefficients 2 and 3): with
     * {@code t = 2a} and {@code 9 = a + b + 2t} published it reported {@code b >= 9} optimal (b = 4 with a = 1 is a
     * table); with {@code t = b + 2a} and {@code 13 = a + 2t} it reported the only table infeasible. The audit's
     * bounds are the integer ones.
     */
    @Test
    void integerBounds_areExact_whereABranchAndBoundWasWrong() {
        CellSystem first = CellSystem.builder()
                .addCell("a", 1)
                .addCell("b", 4)
                .addCell("t", 2)
                .addCell("total", 9)
                .addRelation(relation("t = 2a", "t", 1, "a", -2))
                .addRelation(relation("total = a + b + 2t", "total", 1, "a", -1, "b", -1, "t", -2))
                .build();
        AuditResult one = audit.audit(first, List.of("a", "b", "t"));
        assertThat(bounds(one, "a")).containsExactly(0.0, 1.0);
        assertThat(bounds(one, "b")).containsExactly(4.0, 9.0);
        assertThat(bounds(one, "t")).containsExactly(0.0, 2.0);
        assertThat(one.integerPrograms()).isPositive();

        CellSystem second = CellSystem.builder()
                .addCell("a", 1)
                .addCell("b", 4)
                .addCell("t", 6)
                .addCell("total", 13)
                .addRelation(relation("t = b + 2a", "t", 1, "b", -1, "a", -2))
                .addRelation(relation("total = a + 2t", "total", 1, "a", -1, "t", -2))
                .build();
        AuditResult two = audit.audit(second, List.of("a", "b", "t"));
        assertThat(bounds(two, "a")).containsExactly(1.0, 1.0);
        assertThat(bounds(two, "b")).containsExactly(4.0, 4.0);
        assertThat(bounds(two, "t")).containsExactly(6.0, 6.0);
    }

    private static double[] bounds(AuditResult result, String id) {
        return new double[] {result.cell(id).lower(), result.cell(id).upper()};
    }

    private static LinearRelation relation(String name, Object... idsAndCoefficients) {
        List<LinearRelation.Term> terms = new java.util.ArrayList<>();
        for (int k = 0; k < idsAndCoefficients.length; k += 2) {
            terms.add(new LinearRelation.Term((String) idsAndCoefficients[k], (Integer) idsAndCoefficients[k + 1]));
        }
        return new LinearRelation(name, terms);
    }
}
