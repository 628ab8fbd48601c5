package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.anonymity.criteria.DistinctLDiversity;
import ca.hotlinetrends.anonymity.criteria.EntropyLDiversity;
import ca.hotlinetrends.anonymity.criteria.KAnonymity;
import ca.hotlinetrends.anonymity.metric.GeneralisedLoss;
import org.junit.jupiter.api.Test;

class AnonymityConfigTest {

    @Test
    void defaults_areStrict() {
        AnonymityConfig config = TinyTable.config().k(2).build();

        assertThat(config.suppressionLimit()).isZero();
        assertThat(config.metric()).isInstanceOf(GeneralisedLoss.class);
        assertThat(config.riskThreshold()).isEqualTo(0.2);
        assertThat(config.lDiversity()).isEmpty();
        assertThat(config.privacyModels()).containsExactly(new KAnonymity(2));
    }

    @Test
    void lDiversity_addsItsModelAfterKAnonymity() {
        AnonymityConfig distinct =
                TinyTable.config().k(2).lDiversity("diagnosis", 3, "distinct").build();
        AnonymityConfig entropy =
                TinyTable.config().k(2).lDiversity("diagnosis", 2, "Entropy").build();

        assertThat(distinct.privacyModels()).containsExactly(new KAnonymity(2), new DistinctLDiversity(3));
        assertThat(entropy.privacyModels()).containsExactly(new KAnonymity(2), new EntropyLDiversity(2));
        assertThat(entropy.sensitiveAttribute()).contains("diagnosis");
    }

    @Test
    void kBelowTwo_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().k(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be >= 2. Provided value: 1");
    }

    @Test
    void missingK_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("k must be set");
    }

    @Test
    void lBelowTwo_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().k(2).lDiversity("diagnosis", 1, "distinct"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("l must be >= 2. Provided value: 1");
    }

    @Test
    void unknownLDiversityVariant_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().k(2).lDiversity("diagnosis", 2, "recursive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("l-diversity variant must be one of [distinct, entropy]. Provided value: 'recursive'");
    }

    @Test
    void unknownMetric_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().k(2).metric("precision"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric must be one of [loss, discernibility]. Provided value: 'precision'");
    }

    @Test
    void quasiIdentifierWithoutHierarchy_isRejected() {
        assertThatThrownBy(() -> AnonymityConfig.builder()
                        .quasiIdentifiers("sex", "age", "region")
                        .hierarchy(TinyTable.SEX)
                        .hierarchy(TinyTable.AGE)
                        .k(2)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("quasi-identifier 'region' has no hierarchy");
    }

    @Test
    void noQuasiIdentifier_isRejected() {
        assertThatThrownBy(() ->
                        AnonymityConfig.builder().hierarchy(TinyTable.SEX).k(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one quasi-identifier is needed");
    }

    @Test
    void repeatedQuasiIdentifier_isRejected() {
        assertThatThrownBy(() -> AnonymityConfig.builder()
                        .quasiIdentifiers("sex", "sex")
                        .hierarchy(TinyTable.SEX)
                        .k(2)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quasi-identifiers must be distinct. Provided value: [sex, sex]");
    }

    @Test
    void sensitiveAttributeThatIsAQuasiIdentifier_isRejected() {
        assertThatThrownBy(() ->
                        TinyTable.config().k(2).lDiversity("age", 2, "distinct").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the sensitive attribute must not be a quasi-identifier. Provided value: age");
    }

    @Test
    void suppressionLimitOutsideZeroOne_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().k(2).suppressionLimit(1.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suppression limit must be >= 0 and < 1. Provided value: 1.0");
        assertThatThrownBy(() -> TinyTable.config().k(2).suppressionLimit(-0.01).build())
                .hasMessage("suppression limit must be >= 0 and < 1. Provided value: -0.01");
        assertThatThrownBy(() ->
                        TinyTable.config().k(2).suppressionLimit(Double.NaN).build())
                .hasMessage("suppression limit must be >= 0 and < 1. Provided value: NaN");
    }

    @Test
    void riskThresholdOutsideZeroOne_isRejected() {
        assertThatThrownBy(() -> TinyTable.config().k(2).riskThreshold(0.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("risk threshold must be > 0 and <= 1. Provided value: 0.0");
    }

    @Test
    void suppressionLimit_isAppliedInDecimal() {
        assertThat(Anonymizer.maxSuppressedRecords(0.29, 100)).isEqualTo(29);
        assertThat(Anonymizer.maxSuppressedRecords(0.04, 30_162)).isEqualTo(1206);
        assertThat(Anonymizer.maxSuppressedRecords(0.0, 30_162)).isZero();
    }
}
