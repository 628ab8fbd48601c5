package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.anonymity.lattice.EncodedTable;
import ca.hotlinetrends.anonymity.lattice.Lattice;
import ca.hotlinetrends.anonymity.lattice.NodeEvaluator;
import ca.hotlinetrends.schema.Hierarchy;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * With local suppression, an evaluator keeps the grouping and blanking of the last feasible node it evaluated, and
 * {@link NodeEvaluator#chosen} reads them instead of grouping and blanking the node again (the search asks the
 * evaluator that found the best node). Whatever the evaluator did after that node (other nodes evaluated, grouping
 * bounds, classes asked for), its choice must be what an evaluator that never saw the node makes of it.
 */
class KeptChoiceTest {

    @Property(tries = 300)
    void theKeptChoiceOfAFeasibleNode_isTheChoiceMadeAfresh(@ForAll long seed) {
        LatticeSearchPropertiesTest.Scenario s = LatticeSearchPropertiesTest.scenario(seed);
        List<Hierarchy> hierarchies = s.hierarchies();
        int[] heights = hierarchies.stream().mapToInt(Hierarchy::height).toArray();
        Lattice lattice = new Lattice(heights);
        AnonymityConfig config = s.localSuppressionConfig(2.5);
        FrequencyTable table = s.table();
        EncodedTable encoded = EncodedTable.encode(table, hierarchies);
        long records = table.totalRecords();
        long maxSuppressed = Anonymizer.maxSuppressedRecords(config.suppressionLimit(), records);
        long maxBlanked = Anonymizer.maxSuppressedRecords(config.suppressionLimit(), records * hierarchies.size());
        double[] weights = config.weightsInOrder().stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        for (int node = 0; node < lattice.size(); node++) {
            NodeEvaluator keeping =
                    new NodeEvaluator(encoded, lattice, config.privacyModels(), maxSuppressed, maxBlanked, weights);
            if (!keeping.evaluate(node).feasible()) {
                continue;
            }
            // Everything else the evaluator does reuses its scratch arrays: every other node, evaluated whole or with
            // a cutoff, and its grouping bound.
            for (int other = 0; other < lattice.size(); other++) {
                if (other != node) {
                    keeping.lossBoundAfterGrouping(other, 0.0, Double.POSITIVE_INFINITY);
                    keeping.evaluate(other, other % 2 == 0 ? 0.0 : Double.POSITIVE_INFINITY);
                    if (keeping.evaluate(other).feasible()) {
                        keeping.evaluate(node); // the node is kept again (the last feasible one)
                    }
                }
            }
            NodeEvaluator afresh =
                    new NodeEvaluator(encoded, lattice, config.privacyModels(), maxSuppressed, maxBlanked, weights);
            NodeEvaluator.Chosen kept = keeping.chosen(node);
            NodeEvaluator.Chosen made = afresh.chosen(node);
            assertThat(kept.classes()).as("classes, in order").isEqualTo(made.classes());
            assertThat(kept.outputs()).as("published values").containsExactlyEntriesOf(made.outputs());
            assertThat(kept.blankedValues()).as("blanked values").isEqualTo(made.blankedValues());
        }
    }
}
