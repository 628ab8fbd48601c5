package ca.hotlinetrends.anonymity.criteria;

import ca.hotlinetrends.anonymity.Checks;
import java.util.Arrays;

/**
 * What a privacy model may look at in one equivalence class: its number of records and, when a
 * sensitive attribute is configured, how many records carry each sensitive value present in the
 * class (the values themselves are irrelevant to the models and are not kept).
 *
 * <p>Immutable; the array is copied in and out.
 *
 * @param size number of records in the class, {@code >= 1}
 * @param sensitiveValueCounts one positive count per distinct sensitive value in the class, in no
 *     particular order; empty when no sensitive attribute is configured, otherwise summing to
 *     {@code size}
 */
public record ClassProfile(long size, long[] sensitiveValueCounts) {

    public ClassProfile {
        Checks.atLeast("class size", size, 1);
        sensitiveValueCounts = sensitiveValueCounts.clone();
        long sum = 0;
        for (long c : sensitiveValueCounts) {
            Checks.atLeast("sensitive value count", c, 1);
            sum += c;
        }
        if (sensitiveValueCounts.length > 0 && sum != size) {
            throw new IllegalArgumentException(
                    "sensitive value counts must sum to the class size " + size + ". Provided sum: " + sum);
        }
    }

    /** A profile without sensitive values (enough for k-anonymity). */
    public static ClassProfile ofSize(long size) {
        return new ClassProfile(size, new long[0]);
    }

    @Override
    public long[] sensitiveValueCounts() {
        return sensitiveValueCounts.clone();
    }

    /** Number of distinct sensitive values in the class (0 without a sensitive attribute). */
    public int distinctSensitiveValues() {
        return sensitiveValueCounts.length;
    }

    /** The count of the {@code i}-th distinct sensitive value, {@code 0 <= i < distinctSensitiveValues()}. */
    public long sensitiveValueCount(int i) {
        return sensitiveValueCounts[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassProfile p
                && p.size == size
                && Arrays.equals(p.sensitiveValueCounts, sensitiveValueCounts);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(size) + Arrays.hashCode(sensitiveValueCounts);
    }

    @Override
    public String toString() {
        return "ClassProfile[size=" + size + ", sensitiveValueCounts=" + Arrays.toString(sensitiveValueCounts) + "]";
    }
}
