package ca.hotlinetrends.release;

import org.apache.commons.csv.CSVFormat;

/**
 * The shape of a published table's CSV file ({@code published/<release>/tables/<table>.csv}): RFC 4180 with
 * {@code \n} line ends, a header row of the table schema's columns, and footnotes after the rows as lines that
 * start with {@value #COMMENT} (the suppression mark's footnote, {@link CellStatus#FOOTNOTE}, among them). Jobs
 * write it, the audit and the reports read it, all through these formats.
 */
public final class PublishedCsv {

    /** What starts a footnote line. */
    public static final char COMMENT = '#';

    /** The format the tables are written in (the footnotes are written with {@link #footnote}). */
    public static final CSVFormat WRITE =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** The format a reader parses a table with: footnotes skipped, the header row returned as a record. */
    public static final CSVFormat READ_WITH_HEADER_ROW =
            CSVFormat.RFC4180.builder().setCommentMarker(COMMENT).get();

    /** The format a reader parses a table with: footnotes skipped, the header row naming the fields. */
    public static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker(COMMENT)
            .get();

    private PublishedCsv() {}

    /** A footnote line as written after the rows. */
    public static String footnote(String text) {
        return COMMENT + " " + text + "\n";
    }

    /** Whether a line of a published CSV file is a footnote. */
    public static boolean isFootnote(String line) {
        return !line.isEmpty() && line.charAt(0) == COMMENT;
    }
}
