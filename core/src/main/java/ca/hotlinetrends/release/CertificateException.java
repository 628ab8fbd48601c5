package ca.hotlinetrends.release;

/** A file that should be a release's {@code certificate.json} and is not one: what is missing or malformed, by field name. */
public class CertificateException extends RuntimeException {

    public CertificateException(String message) {
        super(message);
    }

    public CertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
