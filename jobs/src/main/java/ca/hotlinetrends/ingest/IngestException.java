package ca.hotlinetrends.ingest;

/** An export that cannot be ingested as a whole: its message says why and what to do. */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestException(String message) {
        super(message);
    }
}
