package ca.hotlinetrends.publish;

/** A privacy check failed: nothing was published. The message says which check and why. */
public class PrivacyCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PrivacyCheckException(String message) {
        super(message);
    }
}
