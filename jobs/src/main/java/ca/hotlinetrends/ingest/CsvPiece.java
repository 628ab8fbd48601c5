package ca.hotlinetrends.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A byte range of a CSV export that starts and ends on record boundaries, parsed by one Spark task straight into
 * raw records: the header is never in a piece, and {@link ExportReader#scanCsv} cuts a file into several pieces only
 * when no quoted field holds a line break, so that every line break is a record boundary (otherwise the file is one
 * piece, as Spark's own {@code multiLine} reading has it).
 *
 * <p>Parsing follows RFC 4180 as Spark's CSV source configures the same parser (univocity): {@code "} quotes and
 * escapes itself, no trimming, an empty field (quoted or not) is null, blank lines are no records, the line ending
 * (LF or CRLF) is detected. A record whose field count differs from the header's is malformed and keeps its raw text.
 *
 * @param source the file's index among the inputs
 * @param file the file
 * @param start the offset of the piece's first byte
 * @param end the offset after its last byte
 * @param firstLine the line number (1 = the header) of the piece's first line
 * @param fieldOfColumn for each column of the file, the index of its field in {@link LaneRows#fieldNames()}
 * @param maxColumns the parser's column limit (the file's widest record fits)
 */
record CsvPiece(int source, String file, long start, long end, long firstLine, int[] fieldOfColumn, int maxColumns)
        implements Serializable {

    /**
     * A raw record: values in field order, the raw text when malformed (else null), and its line in the file (line 1
     * is the header; a record that spans lines is placed on its last).
     */
    record Raw(String[] values, String corrupt, long line) {
    }

    /** The piece's records, in file order; the file is closed when they run out or {@code onClose} is told. */
    Iterator<Raw> records(int fieldCount, java.util.function.Consumer<Runnable> onClose) {
        FileChannel channel;
        try {
            channel = FileChannel.open(Path.of(file));
            channel.position(start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + Path.of(file).getFileName(), e);
        }
        CsvParser parser = new CsvParser(settings());
        parser.beginParsing(new InputStreamReader(new BufferedInputStream(new RangeStream(channel, end - start), 1 << 18),
                StandardCharsets.UTF_8));
        onClose.accept(parser::stopParsing);
        int columns = fieldOfColumn.length;
        return new Iterator<>() {
            private Raw next = advance();

            private Raw advance() {
                String[] tokens;
                while ((tokens = parser.parseNext()) != null) {
                    if (columns > 1 && tokens.length <= 1 && (tokens.length == 0 || tokens[0] == null
                            || tokens[0].isBlank())) {
                        continue; // a line of spaces holds no record
                    }
                    long line = firstLine + parser.getContext().currentLine() - 1;
                    String[] values = new String[fieldCount];
                    int n = Math.min(tokens.length, columns);
                    for (int c = 0; c < n; c++) {
                        values[fieldOfColumn[c]] = tokens[c];
                    }
                    String corrupt = tokens.length == columns ? null
                            : Objects.requireNonNullElse(parser.getContext().currentParsedContent(), "");
                    return new Raw(values, corrupt, line);
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Raw next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Raw r = next;
                next = advance();
                return r;
            }
        };
    }

    private CsvParserSettings settings() {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(',');
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('"');
        s.getFormat().setCharToEscapeQuoteEscaping('\0');
        s.getFormat().setComment('\0');
        s.setLineSeparatorDetectionEnabled(true);
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setReadInputOnSeparateThread(false);
        s.setNullValue(null);
        s.setEmptyValue(null);
        s.setSkipEmptyLines(true);
        s.setMaxColumns(maxColumns);
        s.setMaxCharsPerColumn(-1);
        s.setErrorContentLength(0);
        s.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        return s;
    }

    /** The bytes of a channel from its position, at most {@code length} of them. */
    private static final class RangeStream extends InputStream {
        private final FileChannel channel;
        private long left;

        RangeStream(FileChannel channel, long length) {
            this.channel = channel;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
