package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ca.hotlinetrends.schema.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Level limits and weights (the research utility constraints) and local suppression, each against
 * an independent computation: a brute-force scan of the limited lattice with the weighted loss
 * computed literally, and a recount of the classes the recoding actually writes.
 */
class UtilityConstraintsTest {

    /** Adult with sex, race and salary class kept exact and age at most level 2, age weighing 3, education 2. */
    private static AnonymityConfig.Builder adultLimited() {
        return AnonymityConfig.builder()
                .quasiIdentifiers(AdultReference.QUASI_IDENTIFIERS)
                .hierarchies(AdultReference.hierarchies())
                .k(5)
                .suppressionLimit(0.04)
                .metric("loss")
                .maxLevel("sex", 0)
                .maxLevel("race", 0)
                .maxLevel("salary-class", 0)
                .maxLevel("age", 2)
                .weight("age", 3)
                .weight("education", 2);
    }

    @Test
    @org.junit.jupiter.api.Tag("integration") // a brute-force scan of Adult's lattice, 15 s: in verify
    void adultUnderLimitsAndWeights_agreesWithABruteForceScanOfTheLimitedLattice() {
        List<Hierarchy> hierarchies = AdultReference.hierarchies();
        FrequencyTable table = AdultReference.table();
        AnonymityConfig config = adultLimited().build();

        AnonymityResult result = Anonymizer.anonymize(config, table);

        int[] caps = config.maxLevelsInOrder();
        double[] weights = config.weightsInOrder().stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        Scan best = null;
        int nodes = 0;
        int[] levels = new int[caps.length];
        while (true) {
            nodes++;
            Scan s = scan(hierarchies, table, levels, 5, 0.04, weights);
            if (s.feasible
                    && (best == null
                            || s.value < best.value - 1e-12
                            || (Math.abs(s.value - best.value) <= 1e-12 && sum(s.levels) < sum(best.levels)))) {
                best = s;
            }
            int i = levels.length - 1;
            while (i >= 0 && levels[i] == caps[i]) {
                levels[i] = 0;
                i--;
            }
            if (i < 0) {
                break;
            }
            levels[i]++;
        }
        assertThat(nodes).isEqualTo(result.latticeSize()).isEqualTo(3 * 3 * 4 * 3 * 3 * 3);
        assertThat(best).isNotNull();
        assertThat(result.metricValue()).isCloseTo(best.value, within(1e-9));
        assertThat(result.levels())
                .containsExactlyElementsOf(Arrays.stream(best.levels).boxed().toList());
        assertThat(result.level("age")).isLessThanOrEqualTo(2);
        assertThat(result.level("sex")).isZero();
        System.out.printf(
                "Adult k=5, 4%%, limits and weights: optimum %.6f at %s, %d records suppressed, %d of %d "
                        + "nodes evaluated%n",
                result.metricValue(),
                result.levels(),
                result.suppressedRecords(),
                result.nodesEvaluated(),
                result.latticeSize());
    }

    @Test
    void withoutLimitsOrWeights_theAdultOptimumIsUnchanged() {
        AnonymityResult result = Anonymizer.anonymize(
                AnonymityConfig.builder()
                        .quasiIdentifiers(AdultReference.QUASI_IDENTIFIERS)
                        .hierarchies(AdultReference.hierarchies())
                        .k(5)
                        .suppressionLimit(0.04)
                        .metric("loss")
                        .build(),
                AdultReference.table());
        assertThat(result.levels()).containsExactly(0, 3, 0, 1, 1, 1, 1, 2, 0);
        assertThat(result.metricValue()).isCloseTo(0.292816, within(5e-7));
    }

    @Test
    void limitsThatLeaveNoFeasibleNode_nameTheBindingLimit() {
        // Every attribute kept exact but age: no node of the limited lattice reaches k = 5 within 4%.
        AnonymityConfig.Builder b = AnonymityConfig.builder()
                .quasiIdentifiers(AdultReference.QUASI_IDENTIFIERS)
                .hierarchies(AdultReference.hierarchies())
                .k(5)
                .suppressionLimit(0.04)
                .metric("loss");
        for (String qi : AdultReference.QUASI_IDENTIFIERS) {
            if (!qi.equals("age")) {
                b.maxLevel(qi, 0);
            }
        }
        assertThatThrownBy(() -> Anonymizer.anonymize(b.build(), AdultReference.table()))
                .isInstanceOf(AnonymityException.class)
                .hasMessageContaining("no generalisation satisfies")
                .hasMessageContaining("utility limits (sex at most level 0")
                .hasMessageContaining("native-country at most level 0");
    }

    @Test
    void weightsWithTheDiscernibilityMetric_areRefused() {
        assertThatThrownBy(() -> AnonymityConfig.builder()
                        .quasiIdentifiers("sex")
                        .hierarchy(TinyTable.SEX)
                        .k(2)
                        .metric("discernibility")
                        .weight("sex", 2)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'loss' metric only");
        assertThatThrownBy(() -> AnonymityConfig.builder()
                        .quasiIdentifiers("sex")
                        .hierarchy(TinyTable.SEX)
                        .k(2)
                        .maxLevel("sex", 7)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level limit of 'sex'");
    }

    @Test
    void localSuppression_blanksOneValueInsteadOfDroppingTheRecord() {
        // Ten records (F, 20), one (M, 25) and four (M, 35), both attributes kept exact: the men's classes fail
        // k = 5. Blanking sex (the cheaper pattern) gives (*, 25) and (*, 35), still too small ('*' matches no
        // value); blanking age gives one class (M, *) of 5, so no record is dropped.
        FrequencyTable.Builder t = FrequencyTable.builder(List.of("sex", "age"));
        t.add(new String[] {"F", "20"}, 10);
        t.add(new String[] {"M", "25"}, 1);
        t.add(new String[] {"M", "35"}, 4);
        AnonymityConfig config = AnonymityConfig.builder()
                .quasiIdentifiers("sex", "age")
                .hierarchy(TinyTable.SEX)
                .hierarchy(TinyTable.AGE)
                .k(5)
                .suppressionLimit(0.2)
                .maxLevel("sex", 0)
                .maxLevel("age", 0)
                .localSuppression(true)
                .build();

        AnonymityResult result = Anonymizer.anonymize(config, t.build());

        assertThat(result.suppressedRecords()).isZero();
        assertThat(result.blankedValues()).containsExactly(0L, 5L);
        assertThat(result.apply("M", "25")).containsExactly("M", "*");
        assertThat(result.apply("M", "35")).containsExactly("M", "*");
        assertThat(result.apply("F", "20")).containsExactly("F", "20");
        assertThat(result.publishedClasses()).extracting(EquivalenceClass::size).containsExactlyInAnyOrder(10L, 5L);
    }

    @Property(tries = 300)
    void localSuppression_writesClassesOfAtLeastKWithinBothLimits(@ForAll long seed) {
        LatticeSearchPropertiesTest.Scenario s = LatticeSearchPropertiesTest.scenario(seed);
        if (s.settings().k() > s.records().size()) {
            return;
        }
        AnonymityConfig config = s.localSuppressionConfig(2.5);
        AnonymityResult result;
        try {
            result = Anonymizer.anonymize(config, s.table());
        } catch (AnonymityException e) {
            assertThat(e).hasMessageStartingWith("no generalisation");
            return;
        }
        // Recount what the recoding writes, '*' a value of its own.
        Map<List<String>, BruteForce.Group> written = new HashMap<>();
        long dropped = 0;
        long blanked = 0;
        for (BruteForce.Rec r : s.records()) {
            String[] out = result.apply(r.qi());
            if (out == null) {
                dropped++;
                continue;
            }
            for (int i = 0; i < out.length; i++) {
                String generalised = s.hierarchies()
                        .get(i)
                        .generalise(r.qi()[i], result.levels().get(i));
                if (!out[i].equals(generalised)) {
                    assertThat(out[i]).isEqualTo("*");
                    blanked++;
                }
            }
            BruteForce.Group g = written.computeIfAbsent(Arrays.asList(out), x -> new BruteForce.Group());
            g.size++;
            if (r.sensitive() != null) {
                g.sensitive.merge(r.sensitive(), 1L, Long::sum);
            }
        }
        written.values()
                .forEach(g -> assertThat(BruteForce.satisfies(g, s.settings())).isTrue());
        assertThat(dropped).isEqualTo(result.suppressedRecords());
        assertThat(blanked).isEqualTo(result.totalBlankedValues());
        long n = s.records().size();
        assertThat((double) dropped).isLessThanOrEqualTo(s.settings().suppressionLimit() * n + 1e-9);
        assertThat((double) blanked)
                .isLessThanOrEqualTo(
                        s.settings().suppressionLimit() * n * s.names().size() + 1e-9);
        // The loss reported is the weighted loss of what is written.
        double[] w = config.weightsInOrder().stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        double cost = 0;
        for (BruteForce.Rec r : s.records()) {
            String[] out = result.apply(r.qi());
            for (int i = 0; i < w.length; i++) {
                Hierarchy h = s.hierarchies().get(i);
                double c = out == null || out[i].equals("*") && result.levels().get(i) < h.height() - 1
                        ? 1.0
                        : h.leafCount() > 1
                                ? (h.leavesUnder(result.levels().get(i), out[i]) - 1.0) / (h.leafCount() - 1.0)
                                : 0.0;
                cost += w[i] * c;
            }
        }
        assertThat(result.metricValue()).isCloseTo(cost / (n * Arrays.stream(w).sum()), within(1e-9));
        // No node of the lattice beats it (the pruning skipped no better node).
        int[] heights = s.hierarchies().stream().mapToInt(Hierarchy::height).toArray();
        int[] levels = new int[heights.length];
        while (true) {
            NodeAssessment a = Anonymizer.assess(
                    config, s.table(), Arrays.stream(levels).boxed().toList());
            if (a.feasible()) {
                assertThat(a.metricValue())
                        .as("node %s", Arrays.toString(levels))
                        .isGreaterThanOrEqualTo(result.metricValue() - 1e-9);
            }
            int i = levels.length - 1;
            while (i >= 0 && levels[i] == heights[i] - 1) {
                levels[i] = 0;
                i--;
            }
            if (i < 0) {
                break;
            }
            levels[i]++;
        }
    }

    /** One node of a literal scan. */
    private record Scan(int[] levels, boolean feasible, double value) {}

    private static int sum(int[] levels) {
        return Arrays.stream(levels).sum();
    }

    /** Record suppression at a node, the weighted loss computed from the definition. */
    private static Scan scan(
            List<Hierarchy> hierarchies, FrequencyTable table, int[] levels, int k, double limit, double[] weights) {
        int q = hierarchies.size();
        Map<List<String>, long[]> classes = new HashMap<>();
        List<List<String>> keys = new ArrayList<>(table.size());
        for (int row = 0; row < table.size(); row++) {
            String[] g = new String[q];
            for (int i = 0; i < q; i++) {
                g[i] = hierarchies.get(i).generalise(table.value(row, i), levels[i]);
            }
            List<String> key = Arrays.asList(g);
            keys.add(key);
            classes.computeIfAbsent(key, x -> new long[1])[0] += table.count(row);
        }
        double cost = 0;
        long suppressed = 0;
        double weightSum = Arrays.stream(weights).sum();
        for (int row = 0; row < table.size(); row++) {
            List<String> key = keys.get(row);
            long n = table.count(row);
            if (classes.get(key)[0] < k) {
                suppressed += n;
                cost += n * weightSum;
                continue;
            }
            for (int i = 0; i < q; i++) {
                Hierarchy h = hierarchies.get(i);
                if (h.leafCount() > 1) {
                    cost += n * weights[i] * (h.leavesUnder(levels[i], key.get(i)) - 1.0) / (h.leafCount() - 1.0);
                }
            }
        }
        boolean feasible = suppressed <= Math.floor(limit * table.totalRecords() + 1e-9);
        return new Scan(levels.clone(), feasible, cost / (table.totalRecords() * weightSum));
    }
}
