package ca.hotlinetrends.anonymity;

/**
 * The configuration and the data conflict (k larger than the data, a value missing from its
 * hierarchy, a frequency table built for other attributes) or no generalisation satisfies the
 * privacy models within the suppression limit. A single bad parameter is an
 * {@link IllegalArgumentException} instead. Messages name attributes and counts, never a record's
 * values.
 */
public class AnonymityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AnonymityException(String message) {
        super(message);
    }
}
