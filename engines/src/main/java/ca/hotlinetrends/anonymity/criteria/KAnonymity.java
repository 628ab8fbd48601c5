package ca.hotlinetrends.anonymity.criteria;

import ca.hotlinetrends.anonymity.Checks;

/**
 * k-anonymity (Sweeney, "k-Anonymity: a model for protecting privacy", IJUFKS 10(5), 2002): every
 * published equivalence class over the quasi-identifiers has at least {@code k} records.
 *
 * <p>Monotone with suppression: a class of a generalisation is a union of classes of the node it
 * generalises; if the union has fewer than {@code k} records, so has every class in it.
 *
 * @param k minimum class size, {@code >= 2}
 */
public record KAnonymity(int k) implements PrivacyModel {

    public KAnonymity {
        Checks.atLeast("k", k, 2);
    }

    @Override
    public boolean isSatisfiedBy(ClassProfile profile) {
        return profile.size() >= k;
    }

    @Override
    public long minimumClassSize() {
        return k;
    }

    @Override
    public boolean usesSensitiveValues() {
        return false;
    }

    @Override
    public boolean isMonotoneWithSuppression() {
        return true;
    }
}
