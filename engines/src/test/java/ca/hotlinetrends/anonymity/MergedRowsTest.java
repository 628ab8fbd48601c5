package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.anonymity.lattice.EncodedTable;
import ca.hotlinetrends.anonymity.lattice.Lattice;
import ca.hotlinetrends.anonymity.lattice.LatticeSearch;
import ca.hotlinetrends.anonymity.lattice.NodeEvaluation;
import ca.hotlinetrends.anonymity.lattice.NodeEvaluator;
import ca.hotlinetrends.anonymity.lattice.SearchOutcome;
import ca.hotlinetrends.anonymity.metric.InformationLossMetric;
import ca.hotlinetrends.schema.Hierarchy;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The search works on the table's rows merged at the lattice's lowest levels ({@link EncodedTable#mergedAt}): at every
 * node of that lattice, with and without local suppression and l-diversity, the merged table must give what the
 * table itself gives (feasibility, classes in the same order, statistics, blanking), and a search over it the same
 * answer after the same evaluations.
 */
class MergedRowsTest {

    @Property(tries = 300)
    void everyNodeOfTheLattice_evaluatesAlikeOnTheMergedRows(@ForAll long seed) {
        LatticeSearchPropertiesTest.Scenario s = LatticeSearchPropertiesTest.scenario(seed);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Hierarchy> hierarchies = s.hierarchies();
        int q = hierarchies.size();
        int[] lowest = new int[q];
        int[] heights = new int[q];
        for (int i = 0; i < q; i++) {
            int height = hierarchies.get(i).height();
            lowest[i] = random.nextInt(height);
            heights[i] = height - lowest[i];
        }
        FrequencyTable table = s.table();
        EncodedTable full = EncodedTable.encode(table, hierarchies);
        EncodedTable merged = full.mergedAt(lowest);
        assertThat(merged.rows()).isLessThanOrEqualTo(full.rows());
        assertThat(merged.totalRecords()).isEqualTo(full.totalRecords());
        assertThat(Arrays.stream(merged.rowCounts()).sum()).isEqualTo(table.totalRecords());
        Lattice lattice = new Lattice(lowest, heights);
        for (boolean local : new boolean[] {false, true}) {
            AnonymityConfig config = local ? s.localSuppressionConfig(2.5) : s.config();
            long records = table.totalRecords();
            long maxSuppressed = Anonymizer.maxSuppressedRecords(config.suppressionLimit(), records);
            long maxBlanked = local ? Anonymizer.maxSuppressedRecords(config.suppressionLimit(), records * q) : -1;
            double[] weights = config.weightsInOrder().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            NodeEvaluator onFull =
                    new NodeEvaluator(full, lattice, config.privacyModels(), maxSuppressed, maxBlanked, weights);
            NodeEvaluator onMerged =
                    new NodeEvaluator(merged, lattice, config.privacyModels(), maxSuppressed, maxBlanked, weights);
            InformationLossMetric metric = config.weightedMetric();
            for (int node = 0; node < lattice.size(); node++) {
                NodeEvaluation a = onFull.evaluate(node);
                NodeEvaluation b = onMerged.evaluate(node);
                assertThat(b.feasible()).as("feasible").isEqualTo(a.feasible());
                assertThat(b.classes()).as("classes").isEqualTo(a.classes());
                assertThat(b.statistics().suppressedRecords())
                        .as("suppressed")
                        .isEqualTo(a.statistics().suppressedRecords());
                assertThat(metric.value(b.statistics())).as("metric").isEqualTo(metric.value(a.statistics()));
                assertThat(onMerged.classes(node)).as("classes in order").isEqualTo(onFull.classes(node));
                if (local) {
                    NodeEvaluator.Chosen ca = onFull.chosen(node);
                    NodeEvaluator.Chosen cb = onMerged.chosen(node);
                    assertThat(cb.outputs()).isEqualTo(ca.outputs());
                    assertThat(cb.blankedValues()).isEqualTo(ca.blankedValues());
                }
            }
            boolean monotone = !local
                    && (maxSuppressed == 0
                            || config.privacyModels().stream()
                                    .allMatch(
                                            ca.hotlinetrends.anonymity.criteria.PrivacyModel
                                                    ::isMonotoneWithSuppression));
            SearchOutcome x = search(lattice, full, onFull, metric, monotone);
            SearchOutcome y = search(lattice, merged, onMerged, metric, monotone);
            if (x == null) {
                assertThat(y).isNull();
            } else {
                assertThat(y).isNotNull();
                assertThat(y.best().node()).isEqualTo(x.best().node());
                assertThat(y.value()).isEqualTo(x.value());
                assertThat(y.nodesEvaluated()).isEqualTo(x.nodesEvaluated());
            }
        }
    }

    private static SearchOutcome search(
            Lattice lattice,
            EncodedTable table,
            NodeEvaluator evaluator,
            InformationLossMetric metric,
            boolean monotone) {
        try {
            return new LatticeSearch(lattice, table, evaluator, metric, monotone).run();
        } catch (AnonymityException e) {
            return null;
        }
    }

    @Test
    void keysTooWideForOneLong_areNumberedFirst_andMergeAlike() {
        // Six quasi-identifiers of 10,000 values each: 10^24 combinations, more than a long numbers (the fifth
        // column's key overflows). Level 1 keeps the value's thousands (10 values), level 2 is '*'; the lattice starts
        // at level 1 for the last column only.
        List<Hierarchy> hierarchies = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String[]> rows = new java.util.ArrayList<>();
            for (int v = 0; v < 10_000; v++) {
                rows.add(new String[] {"v" + v, "t" + v / 1000, "*"});
            }
            hierarchies.add(Hierarchy.of("q" + i, rows));
            names.add("q" + i);
        }
        Random random = new Random(7);
        FrequencyTable.Builder b = FrequencyTable.builder(names);
        java.util.Set<List<String>> distinctAtLowest = new java.util.HashSet<>();
        for (int r = 0; r < 400; r++) {
            String[] values = new String[6];
            for (int i = 0; i < 6; i++) {
                // The first five columns take few values, so that rows differing only in the last column exist.
                values[i] = "v" + (i < 5 ? 9_990 + random.nextInt(2) : random.nextInt(10_000));
            }
            b.add(values, 1 + random.nextInt(3));
            List<String> key = new java.util.ArrayList<>(List.of(values).subList(0, 5));
            key.add("t" + Integer.parseInt(values[5].substring(1)) / 1000);
            distinctAtLowest.add(key);
        }
        FrequencyTable table = b.build();
        EncodedTable full = EncodedTable.encode(table, hierarchies);
        int[] lowest = {0, 0, 0, 0, 0, 1};
        EncodedTable merged = full.mergedAt(lowest);
        assertThat(merged.rows()).isEqualTo(distinctAtLowest.size()).isLessThan(full.rows());
        Lattice lattice = new Lattice(lowest, new int[] {3, 3, 3, 3, 3, 2});
        AnonymityConfig config = AnonymityConfig.builder()
                .quasiIdentifiers(names)
                .hierarchies(hierarchies)
                .k(3)
                .suppressionLimit(0.2)
                .metric("loss")
                .build();
        NodeEvaluator onFull = new NodeEvaluator(full, lattice, config.privacyModels(), 100, -1, null);
        NodeEvaluator onMerged = new NodeEvaluator(merged, lattice, config.privacyModels(), 100, -1, null);
        for (int node = 0; node < lattice.size(); node++) {
            assertThat(onMerged.classes(node)).isEqualTo(onFull.classes(node));
        }
    }

    @Test
    void aTableWithoutLowerLimits_isNotCopied() {
        LatticeSearchPropertiesTest.Scenario s = LatticeSearchPropertiesTest.scenario(42);
        EncodedTable full = EncodedTable.encode(s.table(), s.hierarchies());
        assertThat(full.mergedAt(new int[s.hierarchies().size()])).isSameAs(full);
    }

    @Test
    void rowsThatAgreeAboveTheirLeaves_becomeOneRow_withTheirSensitiveCountsSummed() {
        Hierarchy quarter = Hierarchy.of(
                "quarter",
                List.of(new String[] {"2025Q1", "2025", "*"}, new String[] {"2025Q2", "2025", "*"}, new String[] {
                    "2026Q1", "2026", "*"
                }));
        Hierarchy sex = Hierarchy.of("sex", List.of(new String[] {"F", "*"}, new String[] {"M", "*"}));
        FrequencyTable table = FrequencyTable.builder(List.of("quarter", "sex"), "relation")
                .add(new String[] {"2025Q1", "F"}, "partner", 2)
                .add(new String[] {"2026Q1", "F"}, "partner", 1)
                .add(new String[] {"2025Q2", "F"}, "employer", 3)
                .add(new String[] {"2025Q2", "F"}, "partner", 1)
                .add(new String[] {"2025Q1", "M"}, "employer", 4)
                .build();
        EncodedTable full = EncodedTable.encode(table, List.of(quarter, sex));
        EncodedTable merged = full.mergedAt(new int[] {1, 0});
        assertThat(full.rows()).isEqualTo(4);
        // 2025 F (2025Q1 and 2025Q2), 2026 F, 2025 M: in the order of their first rows.
        assertThat(merged.rows()).isEqualTo(3);
        assertThat(merged.rowCounts()).containsExactly(6, 1, 4);
        AnonymityConfig config = AnonymityConfig.builder()
                .quasiIdentifiers("quarter", "sex")
                .hierarchy(quarter)
                .hierarchy(sex)
                .k(2)
                .lDiversity("relation", 2, "distinct")
                .suppressionLimit(0.5)
                .metric("loss")
                .build();
        Lattice lattice = new Lattice(new int[] {1, 0}, new int[] {2, 2});
        NodeEvaluator evaluator = new NodeEvaluator(merged, lattice, config.privacyModels(), 11, -1, null);
        // At (year, sex) only 2025 F holds two relations (partner 3, employer 3): the other classes are suppressed.
        assertThat(evaluator.classes(lattice.node(new int[] {1, 0})))
                .containsExactly(
                        new EquivalenceClass(List.of("2025", "F"), 6, false),
                        new EquivalenceClass(List.of("2026", "F"), 1, true),
                        new EquivalenceClass(List.of("2025", "M"), 4, true));
    }
}
