package ca.hotlinetrends.anonymity.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProsecutorRiskTest {

    @Test
    void measures_matchHandComputedValues() {
        // Classes of 1, 2, 3 and 4 records: 10 records.
        ProsecutorRisk risk = ProsecutorRisk.of(new long[] {1, 2, 3, 4}, 0.3);

        assertThat(risk.records()).isEqualTo(10);
        assertThat(risk.classes()).isEqualTo(4);
        assertThat(risk.highestRisk()).isEqualTo(1.0);
        assertThat(risk.averageRisk()).isCloseTo(0.4, within(1e-15)); // (1 + 2/2 + 3/3 + 4/4) / 10
        assertThat(risk.recordsAtRisk()).isEqualTo(6); // 1/1, 1/2 and 1/3 exceed 0.3
        assertThat(risk.recordsAtRiskShare()).isCloseTo(0.6, within(1e-15));
        assertThat(risk.sampleUniqueShare()).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void riskEqualToTheThreshold_isNotAtRisk() {
        ProsecutorRisk risk = ProsecutorRisk.of(new long[] {5, 5}, 0.2);

        assertThat(risk.recordsAtRisk()).isZero();
        assertThat(risk.highestRisk()).isEqualTo(0.2);
        assertThat(risk.sampleUniqueShare()).isZero();
    }

    @Test
    void emptyTable_hasNoRisk() {
        ProsecutorRisk risk = ProsecutorRisk.of(new long[0], 0.2);

        assertThat(risk.records()).isZero();
        assertThat(risk.highestRisk()).isZero();
        assertThat(risk.averageRisk()).isZero();
    }

    @Test
    void thresholdOutsideZeroOne_isRejected() {
        assertThatThrownBy(() -> ProsecutorRisk.of(new long[] {1}, 0.0))
                .hasMessage("risk threshold must be > 0 and <= 1. Provided value: 0.0");
    }
}
