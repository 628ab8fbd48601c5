package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ca.hotlinetrends.schema.Hierarchy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade: checks of the data against the configuration, risk, and l-diversity. */
class AnonymizerTest {

    private static final Hierarchy LETTER =
            Hierarchy.of("letter", List.of(new String[] {"a", "*"}, new String[] {"b", "*"}));

    @Test
    void kLargerThanTheData_isRejected() {
        assertThatThrownBy(() -> Anonymizer.anonymize(TinyTable.config().k(11).build(), TinyTable.table()))
                .isInstanceOf(AnonymityException.class)
                .hasMessage("k must be at most the number of records in the data (10). Provided value: 11");
    }

    @Test
    void valueNotInHierarchy_isRejectedWithoutNamingTheValue() {
        FrequencyTable table = FrequencyTable.builder(List.of("sex", "age"))
                .add(new String[] {"M", "20"}, 3)
                .add(new String[] {"M", "Jane Doe, 42 Elm St"}, 2)
                .add(new String[] {"X", "Jane Doe, 42 Elm St"}, 1)
                .build();

        assertThatThrownBy(() -> Anonymizer.anonymize(TinyTable.config().k(2).build(), table))
                .isInstanceOf(AnonymityException.class)
                .hasMessage("value not in hierarchy for attribute 'sex': 1 distinct value(s), 1 record(s); "
                        + "value not in hierarchy for attribute 'age': 1 distinct value(s), 3 record(s)")
                .hasMessageNotContaining("Jane");
    }

    @Test
    void tableForOtherQuasiIdentifiers_isRejected() {
        FrequencyTable table = FrequencyTable.builder(List.of("age", "sex"))
                .add(new String[] {"20", "M"}, 5)
                .build();

        assertThatThrownBy(() -> Anonymizer.anonymize(TinyTable.config().k(2).build(), table))
                .isInstanceOf(AnonymityException.class)
                .hasMessage(
                        "the frequency table's quasi-identifiers [age, sex] differ from the configuration's [sex, age]");
    }

    @Test
    void lDiversityWithoutSensitiveCounts_isRejected() {
        AnonymityConfig config =
                TinyTable.config().k(2).lDiversity("diagnosis", 2, "distinct").build();

        assertThatThrownBy(() -> Anonymizer.anonymize(config, TinyTable.table()))
                .isInstanceOf(AnonymityException.class)
                .hasMessage("l-diversity needs the frequency table to count values of 'diagnosis'; "
                        + "it counts no sensitive attribute");
    }

    @Test
    void risk_beforeAndAfter_matchHandComputedValues() {
        AnonymityResult result = Anonymizer.anonymize(
                TinyTable.config().k(2).suppressionLimit(0.1).riskThreshold(0.3).build(), TinyTable.table());

        // Before: classes of 3, 2, 1, 4 records.
        assertThat(result.riskBefore().records()).isEqualTo(10);
        assertThat(result.riskBefore().highestRisk()).isEqualTo(1.0);
        assertThat(result.riskBefore().averageRisk()).isCloseTo(0.4, within(1e-15));
        assertThat(result.riskBefore().recordsAtRisk()).isEqualTo(6); // classes of 1, 2, 3
        assertThat(result.riskBefore().sampleUniqueShare()).isCloseTo(0.1, within(1e-15));
        // After, at (0,0): the singleton is suppressed; classes of 3, 2, 4 remain.
        assertThat(result.riskAfter().records()).isEqualTo(9);
        assertThat(result.riskAfter().highestRisk()).isEqualTo(0.5);
        assertThat(result.riskAfter().averageRisk()).isCloseTo(3.0 / 9, within(1e-15));
        assertThat(result.riskAfter().recordsAtRisk()).isEqualTo(5); // classes of 2 and 3
        assertThat(result.riskAfter().sampleUniqueShare()).isZero();
    }

    @Test
    void distinctLDiversity_suppressesHomogeneousClasses() {
        FrequencyTable table = FrequencyTable.builder(List.of("letter"), "diagnosis")
                .add(new String[] {"a"}, "flu", 3)
                .add(new String[] {"a"}, "cold", 2)
                .add(new String[] {"b"}, "flu", 2)
                .build();
        AnonymityConfig config = AnonymityConfig.builder()
                .quasiIdentifiers("letter")
                .hierarchy(LETTER)
                .k(2)
                .lDiversity("diagnosis", 2, "distinct")
                .suppressionLimit(0.3)
                .build();

        AnonymityResult result = Anonymizer.anonymize(config, table);

        assertThat(result.levels()).containsExactly(0);
        assertThat(result.suppressedRecords()).isEqualTo(2);
        assertThat(result.apply("b")).isNull();
        assertThat(result.apply("a")).containsExactly("a");
    }

    @Test
    void entropyLDiversityWithSuppression_findsAFeasibleNodeBelowAnInfeasibleOne() {
        // Bottom: {a: flu 1, cold 1} is diverse, {b: flu 100} is suppressed (100 of 102 allowed).
        // Top: one class {flu 101, cold 1} fails entropy 2-diversity: all 102 suppressed, infeasible.
        // Tagging the bottom infeasible from the top would wrongly report no solution.
        FrequencyTable table = FrequencyTable.builder(List.of("letter"), "diagnosis")
                .add(new String[] {"a"}, "flu", 1)
                .add(new String[] {"a"}, "cold", 1)
                .add(new String[] {"b"}, "flu", 100)
                .build();
        AnonymityConfig config = AnonymityConfig.builder()
                .quasiIdentifiers("letter")
                .hierarchy(LETTER)
                .k(2)
                .lDiversity("diagnosis", 2, "entropy")
                .suppressionLimit(0.99)
                .build();

        AnonymityResult result = Anonymizer.anonymize(config, table);

        assertThat(result.levels()).containsExactly(0);
        assertThat(result.suppressedRecords()).isEqualTo(100);
        assertThat(Anonymizer.assess(config, table, List.of(1)).feasible()).isFalse();
    }

    @Test
    void noFeasibleNode_isReported() {
        FrequencyTable table = FrequencyTable.builder(List.of("letter"), "diagnosis")
                .add(new String[] {"a"}, "flu", 3)
                .add(new String[] {"b"}, "flu", 4)
                .build();
        AnonymityConfig config = AnonymityConfig.builder()
                .quasiIdentifiers("letter")
                .hierarchy(LETTER)
                .k(2)
                .lDiversity("diagnosis", 2, "distinct")
                .suppressionLimit(0.5)
                .build();

        assertThatThrownBy(() -> Anonymizer.anonymize(config, table))
                .isInstanceOf(AnonymityException.class)
                .hasMessage(
                        "no generalisation satisfies the privacy models within the suppression limit (3 of 7 records)");
    }
}
