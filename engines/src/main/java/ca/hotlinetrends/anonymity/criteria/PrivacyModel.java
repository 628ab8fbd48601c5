package ca.hotlinetrends.anonymity.criteria;

/**
 * A syntactic privacy model checked class by class. A class that fails any configured model is
 * suppressed entirely (all its records), as in ARX (Prasser and Kohlmayer, "Putting Statistical
 * Disclosure Control into Practice: The ARX Data Anonymization Tool", 2015).
 *
 * <p>Implementations are small immutable values, thread-safe.
 */
public sealed interface PrivacyModel permits KAnonymity, DistinctLDiversity, EntropyLDiversity {

    /** Whether the class satisfies this model. */
    boolean isSatisfiedBy(ClassProfile profile);

    /**
     * A size below which {@link #isSatisfiedBy} is false whatever the sensitive values, so the
     * engine can reject small classes without building their profile.
     */
    long minimumClassSize();

    /** Whether the model reads the sensitive value counts of a class. */
    boolean usesSensitiveValues();

    /**
     * Whether, with record suppression, the suppressed records of a generalisation are always a
     * subset of those of the node it generalises. Then a generalisation of a node within the
     * suppression limit is within it too, and a specialisation of a node beyond it is beyond it:
     * the engine may tag nodes without evaluating them. This holds when a union of classes can
     * fail the model only if every class in it fails.
     */
    boolean isMonotoneWithSuppression();
}
