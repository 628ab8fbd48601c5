package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The search with a helper thread working a node ahead ({@code LatticeSearch}) gives what the search on one thread
 * gives: the same node, loss, nodes counted as evaluated, suppressed records, blanked values, classes and recoding.
 * Checked on random small tables with local suppression (where the best node changes while the helper works) and on
 * Adult with several constraints.
 */
class TwoThreadSearchTest {

    private static void assertSameResult(AnonymityConfig config, FrequencyTable table) {
        AnonymityResult one;
        try {
            one = Anonymizer.anonymize(config, table, false);
        } catch (AnonymityException e) {
            AnonymityException two = null;
            try {
                Anonymizer.anonymize(config, table, true);
            } catch (AnonymityException thrown) {
                two = thrown;
            }
            assertThat(two).as("both searches find no node").isNotNull();
            assertThat(two).hasMessage(e.getMessage());
            return;
        }
        AnonymityResult two = Anonymizer.anonymize(config, table, true);
        assertThat(two.levels()).isEqualTo(one.levels());
        assertThat(two.metricValue()).isEqualTo(one.metricValue());
        assertThat(two.nodesEvaluated()).isEqualTo(one.nodesEvaluated());
        assertThat(two.suppressedRecords()).isEqualTo(one.suppressedRecords());
        assertThat(two.blankedValues()).isEqualTo(one.blankedValues());
        assertThat(two.classes()).isEqualTo(one.classes());
        for (int i = 0; i < config.quasiIdentifiers().size(); i++) {
            assertThat(two.recoding().valueMapping(i)).isEqualTo(one.recoding().valueMapping(i));
        }
    }

    @Property(tries = 300)
    void withLocalSuppression_twoThreadsGiveTheOneThreadResult(@ForAll long seed) {
        LatticeSearchPropertiesTest.Scenario s = LatticeSearchPropertiesTest.scenario(seed);
        if (s.settings().k() > s.records().size()) {
            return;
        }
        assertSameResult(s.localSuppressionConfig(1.0 + (seed & 3)), s.table());
    }

    @Property(tries = 100)
    void withRecordSuppressionOnly_twoThreadsGiveTheOneThreadResult(@ForAll long seed) {
        LatticeSearchPropertiesTest.Scenario s = LatticeSearchPropertiesTest.scenario(seed);
        if (s.settings().k() > s.records().size()) {
            return;
        }
        assertSameResult(s.config(), s.table());
    }

    @Test
    void onAdult_twoThreadsGiveTheOneThreadResult() {
        FrequencyTable adult = AdultReference.table();
        assertSameResult(adult(5, 0.04), adult);
        assertSameResult(adult(20, 0.01), adult);
    }

    private static AnonymityConfig adult(int k, double suppressionLimit) {
        return AnonymityConfig.builder()
                .quasiIdentifiers(AdultReference.QUASI_IDENTIFIERS)
                .hierarchies(AdultReference.hierarchies())
                .k(k)
                .suppressionLimit(suppressionLimit)
                .metric("loss")
                .localSuppression(true)
                .maxLevel("sex", 0)
                .weight("age", 3)
                .weight("education", 2)
                .build();
    }
}
