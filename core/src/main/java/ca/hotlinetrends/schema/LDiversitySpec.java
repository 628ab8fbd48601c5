package ca.hotlinetrends.schema;

import java.util.Objects;

/**
 * The l-diversity a dataset's record-level release must have, declared in {@code schemas/datasets/} under {@code
 * anonymization.l_diversity}: every published equivalence class holds at least {@code l} distinct values of {@code
 * attribute} ({@code distinct}) or an entropy of at least {@code log(l)} ({@code entropy}).
 *
 * @param attribute a sensitive field of the dataset
 * @param l at least 2
 * @param variant {@code distinct} or {@code entropy}
 */
public record LDiversitySpec(String attribute, int l, String variant) {

    public LDiversitySpec {
        Objects.requireNonNull(attribute, "l_diversity.attribute");
        if (l < 2) {
            throw new IllegalArgumentException("l_diversity.l must be >= 2. Provided value: " + l);
        }
        variant = variant == null ? "distinct" : variant;
        if (!variant.equals("distinct") && !variant.equals("entropy")) {
            throw new IllegalArgumentException(
                    "l_diversity.variant must be distinct or entropy. Provided value: " + variant);
        }
    }
}
