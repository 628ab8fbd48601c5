package ca.hotlinetrends.publish;

/**
 * A privacy check of the record-level extract failed in a way that concerns the records alone: a {@code run} then
 * withholds this release's extract and publishes the tables (protected without it), as it does when the records would
 * give back a table cell; {@code anonymize --release}, whose only output is the extract, stops (exit 4). The message
 * completes "the extract is withheld: with it, ..." and names datasets and counts, never values.
 */
public final class RecordsWithheldException extends PrivacyCheckException {
    private static final long serialVersionUID = 1L;

    public RecordsWithheldException(String message) {
        super(message);
    }
}
