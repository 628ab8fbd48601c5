package ca.hotlinetrends.publish;

/**
 * Text for CSV files that people open in a spreadsheet: a value that a spreadsheet would run as a formula
 * (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return; OWASP's "CSV injection")
 * is written with a leading apostrophe, which spreadsheets show as text. Published tables hold only codes from
 * {@code schemas/}, so this never changes a legitimate value; it is the last line of defence should a hostile
 * string ever reach a writer. Numbers are written as numbers, never through this.
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {}

    /** The value, neutralised if a spreadsheet would treat it as a formula. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    /** {@link #text} for strings; any other value unchanged. */
    public static Object cell(Object value) {
        return value instanceof String s ? text(s) : value;
    }
}
