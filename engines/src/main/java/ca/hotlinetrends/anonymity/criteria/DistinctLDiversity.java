package ca.hotlinetrends.anonymity.criteria;

import ca.hotlinetrends.anonymity.Checks;

/**
 * Distinct l-diversity (Machanavajjhala, Kifer, Gehrke and Venkitasubramaniam, "l-Diversity:
 * Privacy Beyond k-Anonymity", ACM TKDD 1(1), 2007, Section 4.1, the "well-represented" informal
 * notion; named distinct l-diversity by Li, Li and Venkatasubramanian, ICDE 2007): every published
 * class contains at least {@code l} distinct values of the sensitive attribute.
 *
 * <p>Monotone with suppression: a union of classes has at least as many distinct values as any
 * class in it, so it fails only if every class in it fails.
 *
 * @param l minimum number of distinct sensitive values per class, {@code >= 2}
 */
public record DistinctLDiversity(int l) implements PrivacyModel {

    public DistinctLDiversity {
        Checks.atLeast("l", l, 2);
    }

    @Override
    public boolean isSatisfiedBy(ClassProfile profile) {
        return profile.distinctSensitiveValues() >= l;
    }

    @Override
    public long minimumClassSize() {
        return l;
    }

    @Override
    public boolean usesSensitiveValues() {
        return true;
    }

    @Override
    public boolean isMonotoneWithSuppression() {
        return true;
    }
}
