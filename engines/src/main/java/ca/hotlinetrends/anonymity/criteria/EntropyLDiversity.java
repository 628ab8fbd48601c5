package ca.hotlinetrends.anonymity.criteria;

import ca.hotlinetrends.anonymity.Checks;

/**
 * Entropy l-diversity (Machanavajjhala, Kifer, Gehrke and Venkitasubramaniam, "l-Diversity:
 * Privacy Beyond k-Anonymity", ACM TKDD 1(1), 2007, Definition 4.1): in every published class
 * {@code E}, {@code -sum_s p(E,s) log p(E,s) >= log(l)}, where {@code p(E,s)} is the share of the
 * records of {@code E} with sensitive value {@code s}. Entropies within {@value #TOLERANCE} of
 * {@code log(l)} count as equal, so that exactly {@code l} equally frequent values pass despite
 * rounding.
 *
 * <p><b>Not monotone with suppression.</b> Entropy is concave, so a union of classes that all
 * satisfy the model satisfies it too (the paper's monotonicity result, which holds without
 * suppression). But a union of a satisfying class and a failing one may fail: {a:1, b:1} (entropy
 * log 2) merged with {a:100} gives {a:101, b:1}, entropy about 0.056 &lt; log 2, so generalising
 * suppresses the two records the specialisation published. The engine therefore tags nodes with
 * this model only when the suppression limit allows no suppressed record at all (then every
 * class of a feasible node satisfies the model and concavity applies).
 *
 * @param l the entropy bound is {@code log(l)}; {@code >= 2}
 */
public record EntropyLDiversity(int l) implements PrivacyModel {

    /** Absolute tolerance on the entropy, in nats. */
    public static final double TOLERANCE = 1e-9;

    public EntropyLDiversity {
        Checks.atLeast("l", l, 2);
    }

    @Override
    public boolean isSatisfiedBy(ClassProfile profile) {
        if (profile.distinctSensitiveValues() < l) {
            return false; // entropy <= log(distinct values)
        }
        return entropy(profile) >= Math.log(l) - TOLERANCE;
    }

    /** Shannon entropy (natural log) of the class's sensitive values. */
    static double entropy(ClassProfile profile) {
        double n = profile.size();
        double h = 0.0;
        for (int i = 0; i < profile.distinctSensitiveValues(); i++) {
            double p = profile.sensitiveValueCount(i) / n;
            h -= p * Math.log(p);
        }
        return h;
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
        return false;
    }
}
