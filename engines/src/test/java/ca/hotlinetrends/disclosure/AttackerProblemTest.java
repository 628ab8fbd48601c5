package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttackerProblemTest {

    private final CellSystem sectors = DisclosureFixtures.sectorsWithThreeSmallCounts();
    private final SystemIndex index = sectors.index();
    private final LpSolver solver = new LpSolver();

    /** The problem with the given cells unknown (one component), everything else published. */
    private AttackerProblem problem(List<String> unknownIds) {
        boolean[] unknown = new boolean[index.cellCount];
        unknownIds.forEach(id -> unknown[index.indexOf(id)] = true);
        int[] cells = unknownIds.stream().mapToInt(index::indexOf).sorted().toArray();
        return new AttackerProblem(index, unknown, cells);
    }

    private int cell(String id) {
        return index.indexOf(id);
    }

    @Test
    void partsWithIdenticalColumns_eachRangeOverTheirSum_whateverTheOrderOfTheLps() {
        List<String> small = List.of("t|CONSTRUCTION", "t|FOOD_SERVICE", "t|MANUFACTURING");
        AttackerProblem problem = problem(small);

        for (String id : List.of("t|MANUFACTURING", "t|CONSTRUCTION", "t|FOOD_SERVICE")) {
            assertThat(problem.max(cell(id), solver)).as(id).isEqualTo(8.0);
            assertThat(problem.min(cell(id), solver)).as(id).isZero();
        }
    }

    @Test
    void witness_movesTheCellByExactlyTheAmount_inATableTheAttackerCannotRuleOut() {
        List<String> everything = sectors.cells().stream().map(Cell::id).toList();
        AttackerProblem problem = problem(everything);

        for (int sign : new int[] {1, -1}) {
            Witness witness = problem.witness(cell("t|CONSTRUCTION"), sign, 3, solver);

            assertThat(witness).isNotNull();
            assertThat(witness.delta(cell("t|CONSTRUCTION"))).isEqualTo(sign * 3.0);
            double partsMove = 0;
            for (int moved : witness.support()) {
                assertThat(index.values[moved] + witness.delta(moved))
                        .as(index.ids[moved])
                        .isGreaterThanOrEqualTo(-1e-9);
                partsMove += index.ids[moved].equals("t|TOTAL") ? 0 : witness.delta(moved);
            }
            assertThat(witness.delta(cell("t|TOTAL"))).isCloseTo(partsMove, offset(1e-9));
        }
    }

    @Test
    void witness_beyondTheCellsInterval_isNull() {
        AttackerProblem problem = problem(List.of("t|CONSTRUCTION", "t|FOOD_SERVICE", "t|MANUFACTURING"));

        Witness upToEight = problem.witness(cell("t|CONSTRUCTION"), 1, 5, solver);

        assertThat(upToEight).isNotNull();
        assertThat(Arrays.stream(upToEight.support()).mapToObj(c -> index.ids[c]))
                .containsExactly("t|CONSTRUCTION", "t|FOOD_SERVICE", "t|MANUFACTURING");
        assertThat(upToEight.delta(cell("t|FOOD_SERVICE"))).isCloseTo(-4.0, offset(1e-9));
        assertThat(upToEight.delta(cell("t|MANUFACTURING"))).isCloseTo(-1.0, offset(1e-9));
        assertThat(problem.witness(cell("t|CONSTRUCTION"), 1, 6, solver)).isNull();
        assertThat(problem.witness(cell("t|CONSTRUCTION"), -1, 4, solver)).isNull();
    }
}
