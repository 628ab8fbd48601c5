package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.anonymity.criteria.DistinctLDiversity;
import ca.hotlinetrends.anonymity.criteria.EntropyLDiversity;
import ca.hotlinetrends.anonymity.criteria.PrivacyModel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An l-diversity requirement on one sensitive attribute.
 *
 * @param sensitiveAttribute the sensitive column (not a quasi-identifier)
 * @param l {@code >= 2}
 * @param variant which definition of l-diversity
 */
public record LDiversityRequirement(String sensitiveAttribute, int l, Variant variant) {

    /** The definitions of l-diversity the engine implements. */
    public enum Variant {
        /** {@link DistinctLDiversity}. */
        DISTINCT,
        /** {@link EntropyLDiversity}. */
        ENTROPY;

        /**
         * The variant with this configuration name ({@code distinct} or {@code entropy}, case
         * insensitive).
         */
        public static Variant named(String name) {
            String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            for (Variant v : values()) {
                if (v.name().equals(key)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("l-diversity variant must be one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ". Provided value: '" + name + "'");
        }
    }

    public LDiversityRequirement {
        Checks.name("sensitive attribute", sensitiveAttribute);
        Checks.atLeast("l", l, 2);
        Objects.requireNonNull(variant, "variant");
    }

    /** The privacy model this requirement stands for. */
    public PrivacyModel model() {
        return variant == Variant.DISTINCT ? new DistinctLDiversity(l) : new EntropyLDiversity(l);
    }
}
