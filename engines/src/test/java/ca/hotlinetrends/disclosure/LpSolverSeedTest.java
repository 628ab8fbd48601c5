package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The witness LPs (protection, the attacker's witnesses, the outsider's feasible start) go through ojalgo's model
 * layer, whose choice among optimal vertices decides which complements are suppressed. {@link LpSolver} gives the
 * model's variables a value before it solves, to spare the model layer's decimal midpoints; these properties check
 * that the points are bit for bit those of the model left without values, on random linked tables (a period table and
 * two cumulative ones, some earlier cells published).
 */
class LpSolverSeedTest {

    private static final SuppressionConfig CONFIG = SuppressionConfig.defaults();

    @Provide
    Arbitrary<CellSuppressorPropertiesTest.Scenario> scenarios() {
        return CellSuppressorPropertiesTest.scenarios(4);
    }

    @Property(tries = 60)
    void protectionWitnesses_areTheModelLayersWithoutValues(
            @ForAll("scenarios") CellSuppressorPropertiesTest.Scenario scenario) {
        SystemIndex index = scenario.system().index();
        double[] cost = new double[index.cellCount];
        boolean[] suppressed = new boolean[index.cellCount];
        for (int cell = 0; cell < index.cellCount; cell++) {
            cost[cell] = CONFIG.suppressionCost(index.values[cell]);
            suppressed[cell] = CONFIG.primaryRule().isSensitive(index.values[cell]);
        }
        LpSolver seeded = new LpSolver(LpSolver.Use.WITNESS, true);
        LpSolver bare = new LpSolver(LpSolver.Use.WITNESS, false);
        ProtectionLp withValues = new ProtectionLp(index, cost, seeded);
        ProtectionLp without = new ProtectionLp(index, cost, bare);
        int found = 0;
        for (int target = 0; target < index.cellCount; target++) {
            if (index.fixedByLedger(target)) {
                continue;
            }
            int self = target;
            int[] region = IntStream.range(0, index.cellCount)
                    .filter(c -> c != self && !index.fixedByLedger(c))
                    .toArray();
            for (int sign : new int[] {1, -1}) {
                Witness a = withValues.find(target, sign, CONFIG.protectionWidth(), region, suppressed);
                Witness b = without.find(target, sign, CONFIG.protectionWidth(), region, suppressed);
                assertSame(index, a, b, "protection of " + index.ids[target] + " by " + sign);
                found += a == null ? 0 : 1;
            }
        }
        assertThat(seeded.solved()).isEqualTo(bare.solved());
        assertThat(found).as("witnesses found").isPositive();
    }

    @Property(tries = 60)
    void attackerWitnessesAndFeasibleStarts_areTheModelLayersWithoutValues(
            @ForAll("scenarios") CellSuppressorPropertiesTest.Scenario scenario) {
        SystemIndex index = scenario.system().index();
        boolean[] unknown = new boolean[index.cellCount];
        for (int cell = 0; cell < index.cellCount; cell++) {
            unknown[cell] = !index.fixedByLedger(cell) && CONFIG.primaryRule().isSensitive(index.values[cell])
                    || !index.fixedByLedger(cell) && cell % 3 == 0;
        }
        double[] startWith = FeasiblePoint.find(index, unknown, new LpSolver(LpSolver.Use.WITNESS, true));
        double[] startWithout = FeasiblePoint.find(index, unknown, new LpSolver(LpSolver.Use.WITNESS, false));
        assertThat(bits(startWith)).isEqualTo(bits(startWithout));

        LpSolver seeded = new LpSolver(LpSolver.Use.WITNESS, true);
        LpSolver bare = new LpSolver(LpSolver.Use.WITNESS, false);
        for (java.util.List<Integer> component : index.unknownComponents(unknown)) {
            int[] cells =
                    component.stream().mapToInt(Integer::intValue).sorted().toArray();
            AttackerProblem problem = new AttackerProblem(index, unknown, cells);
            for (int cell : cells) {
                for (int sign : new int[] {1, -1}) {
                    Witness a = problem.witness(cell, sign, CONFIG.protectionWidth(), seeded);
                    Witness b = problem.witness(cell, sign, CONFIG.protectionWidth(), bare);
                    assertSame(index, a, b, "attacker's witness for " + index.ids[cell] + " by " + sign);
                }
            }
        }
        assertThat(seeded.solved()).isEqualTo(bare.solved());
    }

    private static void assertSame(SystemIndex index, Witness a, Witness b, String what) {
        assertThat(a == null).as(what + ": found").isEqualTo(b == null);
        if (a == null) {
            return;
        }
        assertThat(a.support()).as(what + ": cells moved").containsExactly(b.support());
        for (int cell : a.support()) {
            assertThat(Double.doubleToLongBits(a.delta(cell)))
                    .as(what + ": move of " + index.ids[cell])
                    .isEqualTo(Double.doubleToLongBits(b.delta(cell)));
        }
    }

    private static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = Double.doubleToLongBits(values[k]);
        }
        return out;
    }
}
