package ca.hotlinetrends.anonymity.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrivacyModelsTest {

    private static ClassProfile profile(long... counts) {
        long size = 0;
        for (long c : counts) {
            size += c;
        }
        return new ClassProfile(size, counts);
    }

    @Test
    void kAnonymity_needsKRecords() {
        KAnonymity model = new KAnonymity(3);

        assertThat(model.isSatisfiedBy(ClassProfile.ofSize(2))).isFalse();
        assertThat(model.isSatisfiedBy(ClassProfile.ofSize(3))).isTrue();
        assertThat(model.minimumClassSize()).isEqualTo(3);
        assertThat(model.isMonotoneWithSuppression()).isTrue();
    }

    @Test
    void kBelowTwo_isRejected() {
        assertThatThrownBy(() -> new KAnonymity(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be >= 2. Provided value: 1");
    }

    @Test
    void distinctLDiversity_countsDistinctValues() {
        DistinctLDiversity model = new DistinctLDiversity(3);

        assertThat(model.isSatisfiedBy(profile(10, 1, 1))).isTrue();
        assertThat(model.isSatisfiedBy(profile(5, 5))).isFalse();
        assertThat(model.isMonotoneWithSuppression()).isTrue();
    }

    @Test
    void entropyLDiversity_acceptsExactlyLEquallyFrequentValues() {
        EntropyLDiversity model = new EntropyLDiversity(3);

        assertThat(model.isSatisfiedBy(profile(7, 7, 7))).isTrue();
        assertThat(model.isSatisfiedBy(profile(1, 1, 1))).isTrue();
    }

    @Test
    void entropyLDiversity_rejectsASkewedClassThatDistinctLDiversityAccepts() {
        ClassProfile skewed = profile(100, 1);

        assertThat(new DistinctLDiversity(2).isSatisfiedBy(skewed)).isTrue();
        assertThat(new EntropyLDiversity(2).isSatisfiedBy(skewed)).isFalse();
    }

    @Test
    void entropyLDiversity_isNotMonotoneWithSuppression() {
        // A diverse class merged with a non-diverse one fails: its records get suppressed.
        EntropyLDiversity model = new EntropyLDiversity(2);

        assertThat(model.isSatisfiedBy(profile(1, 1))).isTrue();
        assertThat(model.isSatisfiedBy(profile(101, 1))).isFalse();
        assertThat(model.isMonotoneWithSuppression()).isFalse();
    }

    @Test
    void entropyLDiversity_isMonotoneWithoutSuppression() {
        // Concavity: two satisfying classes merge into a satisfying one.
        // {x:1, y:1, z:1} and {x:2, y:2, w:2} merge into {x:3, y:3, z:1, w:2}.
        EntropyLDiversity model = new EntropyLDiversity(3);

        assertThat(model.isSatisfiedBy(profile(1, 1, 1))).isTrue();
        assertThat(model.isSatisfiedBy(profile(2, 2, 2))).isTrue();
        assertThat(model.isSatisfiedBy(profile(3, 3, 1, 2))).isTrue();
    }

    @Test
    void lBelowTwo_isRejected() {
        assertThatThrownBy(() -> new DistinctLDiversity(1)).hasMessage("l must be >= 2. Provided value: 1");
        assertThatThrownBy(() -> new EntropyLDiversity(0)).hasMessage("l must be >= 2. Provided value: 0");
    }

    @Test
    void profileWhoseCountsDoNotAddUp_isRejected() {
        assertThatThrownBy(() -> new ClassProfile(5, new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensitive value counts must sum to the class size 5. Provided sum: 3");
    }
}
