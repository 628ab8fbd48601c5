package ca.hotlinetrends.reports;

/**
 * A release that cannot be rendered because its parts conflict: a table whose columns differ from its schema,
 * a certificate of another release, a row that is published and suppressed at once. Messages name the file,
 * the row and the column, never a suppressed value (the reports never see one).
 */
public class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
