package ca.hotlinetrends.pipeline;

import ca.hotlinetrends.publish.PrivacyCheckException;
import ca.hotlinetrends.reports.commentary.CommentaryRefusedException;
import ca.hotlinetrends.reports.leak.ChartLeakException;

/**
 * How a failure is reported: its exit code and the line printed after {@code hotline-trends: } (the run report
 * shows them too). The messages of this project's exceptions name files, columns, counts and codes, never a record's
 * values; other exceptions (third-party messages may quote data) are reported by their class alone.
 *
 * @param exitCode the process's exit code ({@link ExitCodes})
 * @param message what to print, without the {@code hotline-trends: } prefix
 */
public record Failure(int exitCode, String message) {

    /** The prefix of the message of a failure this project did not foresee. */
    public static final String INTERNAL = "internal error: ";

    /** The exit code and message of a command that failed with {@code cause}. */
    public static Failure of(Throwable cause) {
        if (cause instanceof ca.hotlinetrends.ingest.IngestException) {
            return new Failure(ExitCodes.BAD_INPUT, cause.getMessage());
        }
        if (cause instanceof PrivacyCheckException) {
            return new Failure(ExitCodes.PRIVACY_REFUSED, "refused to publish: " + cause.getMessage());
        }
        ChartLeakException leak = chartLeak(cause);
        if (leak != null) {
            return new Failure(ExitCodes.PRIVACY_REFUSED, "refused to publish: " + leak.getMessage());
        }
        CommentaryRefusedException notes = commentaryRefusal(cause);
        if (notes != null) {
            // The message names the note, the line and the number as the author wrote it (never a record value).
            return new Failure(ExitCodes.PRIVACY_REFUSED, "refused to publish: " + notes.getMessage());
        }
        if (cause instanceof ca.hotlinetrends.warehouse.WarehouseLock.BusyException) {
            return new Failure(ExitCodes.WAREHOUSE_BUSY, cause.getMessage());
        }
        if (cause instanceof java.io.UncheckedIOException io) {
            // Our messages name the file; the operating system's reason (e.g. no space left) follows.
            return new Failure(
                    ExitCodes.INTERNAL_ERROR,
                    io.getMessage() + ": " + io.getCause().getMessage());
        }
        if (cause instanceof ca.hotlinetrends.warehouse.WarehouseException) {
            return new Failure(ExitCodes.INTERNAL_ERROR, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return new Failure(ExitCodes.BAD_USAGE, cause.getMessage());
        }
        return new Failure(
                ExitCodes.INTERNAL_ERROR,
                INTERNAL + cause.getClass().getName() + " (set HOTLINE_TRENDS_DEBUG=1 for the stack trace)");
    }

    /**
     * The chart leak behind a failure, wherever it was wrapped (rendering runs on several threads), or null: a chart
     * that would show a suppressed value is a privacy refusal (exit 4), not an internal error.
     */
    public static ChartLeakException chartLeak(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ChartLeakException leak) {
                return leak;
            }
        }
        return null;
    }

    /** The refused staff commentary behind a failure, wherever it was wrapped, or null: a privacy refusal (exit 4). */
    public static CommentaryRefusedException commentaryRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommentaryRefusedException refused) {
                return refused;
            }
        }
        return null;
    }
}
