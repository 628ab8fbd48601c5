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
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A byte range of a CSV export, parsed by one Spark task straight into raw records. The header is never in a piece.
 *
 * <p>Two kinds of pieces:
 * <ul>
 * <li>Cut by size ({@code exact} false; the usual case, and no pass over the file is made first): the piece owns the
 * records whose first line starts after the first line feed at or after {@code start - 1} (for the first piece,
 * at {@code start}) and up to the first line feed at or after {@code end - 1}, so that neighbouring pieces agree
 * on their boundary without knowing each other. That is exact as long as no quoted field holds a line break; a
 * record that spans lines, a line longer than {@link ExportReader#MAX_FIELD_CHARS} bytes at a cut, a value longer
 * than that, or more fields than the parser's limit, makes the task stop and tell the {@link Listener} the file is unusual, and the file is then
 * read again in exact pieces.
 * <li>Cut where a pass over the file found record boundaries ({@code exact} true; {@link ExportReader#scanCsv}): a
 * file whose quoted fields hold line breaks is one such piece, as with Spark's own {@code multiLine} reading.
 * </ul>
 *
 * <p>Parsing follows RFC 4180 as Spark's CSV source configures the same parser (univocity): {@code "} quotes and
 * escapes itself, no trimming, an empty field (quoted or not) is null, blank lines are no records, the line ending
 * (LF or CRLF) is detected. A record whose field count differs from the header's is malformed and keeps its raw text.
 *
 * <p>A record's position ({@link Raw#position}) is its piece's index and its line within the piece, packed
 * ({@link #position}): the order of positions is the order of the file. Its line in the file is known once the pieces
 * before it have told how many lines they hold ({@link #fileLines}).
 *
 * @param source the file's index among the inputs
 * @param file the file
 * @param start the offset where the piece's first record starts (exact), or the nominal start of the range
 * @param end the offset after its last byte (exact), or the nominal end of the range
 * @param exact whether {@code start} and {@code end} are record boundaries found by a pass over the file
 * @param index the piece's index in its file
 * @param firstLine for the first piece and exact pieces, the line number (1 = the header) of the piece's first line;
 *     else unknown (0)
 * @param fieldOfColumn for each column of the file, the index of its field in {@link LaneRows#fieldNames()}
 * @param maxColumns the parser's column limit
 */
record CsvPiece(
        int source,
        String file,
        long start,
        long end,
        boolean exact,
        int index,
        long firstLine,
        int[] fieldOfColumn,
        int maxColumns)
        implements Serializable {

    /** Bits of a position that hold the line within the piece. */
    static final int LINE_BITS = 40;

    /**
     * A raw record: values in field order, the raw text when malformed (else null), and its position (piece and line
     * within it; a record that spans lines is placed on its last line).
     */
    record Raw(String[] values, String corrupt, long position) {}

    /** What a task tells the driver about its piece. */
    interface Listener {
        /** The piece was read to its end and holds this many line feeds. */
        void finished(CsvPiece piece, long lineFeeds);

        /** The piece cannot be read as cut (a record spans lines, or a record is too long or too wide). */
        void unusual(CsvPiece piece);
    }

    /** The position of the record on the piece's {@code line}-th line (1 = its first). */
    static long position(int piece, long line) {
        return ((long) piece << LINE_BITS) | line;
    }

    /**
     * The line in its file of the record at {@code position}, given the first line of each piece of the file.
     */
    static long line(long position, long[] firstLines) {
        return firstLines[(int) (position >>> LINE_BITS)] + (position & ((1L << LINE_BITS) - 1)) - 1;
    }

    /**
     * The first line of each piece of one file, in index order, from the first piece's first line and the line feeds
     * every piece but the last held ({@link Listener#finished}).
     */
    static long[] fileLines(List<CsvPiece> pieces, java.util.function.ToLongFunction<CsvPiece> lineFeeds) {
        long[] first = new long[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            CsvPiece p = pieces.get(i);
            if (p.index() != i) {
                throw new IllegalArgumentException(
                        "pieces of " + Path.of(p.file()).getFileName() + " out of order");
            }
            first[i] = p.exact() || i == 0 ? p.firstLine() : first[i - 1] + lineFeeds.applyAsLong(pieces.get(i - 1));
        }
        return first;
    }

    /**
     * The piece's records, in file order; the file is closed when they run out or {@code onClose} is told. When the
     * records run out, the listener hears how the piece ended.
     */
    Iterator<Raw> records(int fieldCount, java.util.function.Consumer<Runnable> onClose, Listener listener) {
        FileChannel channel = null;
        InputStream range;
        try {
            channel = FileChannel.open(Path.of(file));
            range = exact
                    ? new ExactRange(channel, start, end - start)
                    : new LineRange(channel, start, end, index == 0, ExportReader.MAX_FIELD_CHARS);
        } catch (LineTooLong e) {
            closeQuietly(channel);
            listener.unusual(this);
            return java.util.Collections.emptyIterator();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot read " + Path.of(file).getFileName(), e);
        }
        CsvParser parser = new CsvParser(settings());
        parser.beginParsing(new InputStreamReader(new BufferedInputStream(range, 1 << 18), StandardCharsets.UTF_8));
        onClose.accept(parser::stopParsing);
        int columns = fieldOfColumn.length;
        return new Iterator<>() {
            private long lastLine;
            private boolean ended;
            private Raw next = advance();

            private Raw advance() {
                String[] tokens;
                try {
                    while ((tokens = parser.parseNext()) != null) {
                        long line = parser.getContext().currentLine();
                        if (!exact && line - lastLine != 1) {
                            return stop(true); // a quoted line break: this cut is not sound
                        }
                        lastLine = line;
                        if (!exact && tooLong(tokens)) {
                            return stop(true); // the exact reading refuses the file, naming the limit
                        }
                        if (columns > 1
                                && tokens.length <= 1
                                && (tokens.length == 0 || tokens[0] == null || tokens[0].isBlank())) {
                            continue; // an empty line, or a line of spaces, holds no record
                        }
                        String[] values = new String[fieldCount];
                        int n = Math.min(tokens.length, columns);
                        for (int c = 0; c < n; c++) {
                            values[fieldOfColumn[c]] = tokens[c];
                        }
                        String corrupt = tokens.length == columns
                                ? null
                                : Objects.requireNonNullElse(parser.getContext().currentParsedContent(), "");
                        return new Raw(values, corrupt, position(index, line));
                    }
                } catch (com.univocity.parsers.common.TextParsingException | LineTooLong e) {
                    if (exact) {
                        throw e;
                    }
                    return stop(true);
                }
                return stop(false);
            }

            private Raw stop(boolean unusual) {
                if (!ended) {
                    ended = true;
                    if (unusual) {
                        listener.unusual(CsvPiece.this);
                    } else {
                        // At the end, the parser's line count is one more than the line feeds it read.
                        listener.finished(CsvPiece.this, parser.getContext().currentLine() - 1);
                    }
                    parser.stopParsing();
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

    /** Whether a value is longer than {@link ExportReader#MAX_FIELD_CHARS} (in characters, at most as many bytes). */
    private static boolean tooLong(String[] tokens) {
        for (String t : tokens) {
            if (t != null && t.length() > ExportReader.MAX_FIELD_CHARS) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing was read from it
        }
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
        // Cut pieces see every line as a record (empty ones too), so that a record spanning lines shows.
        s.setSkipEmptyLines(exact);
        s.setMaxColumns(maxColumns);
        s.setMaxCharsPerColumn(-1);
        s.setErrorContentLength(0);
        s.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        return s;
    }

    /** A line longer than the limit, in a piece cut by size. */
    private static final class LineTooLong extends RuntimeException {
        LineTooLong() {
            super("a line is too long", null, false, false);
        }
    }

    /** A range of a file channel as a stream: subclasses say which bytes; closing it closes the channel. */
    private abstract static class ChannelRange extends InputStream {
        protected final FileChannel channel;

        ChannelRange(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The bytes of a channel from {@code start}, at most {@code length} of them. */
    private static final class ExactRange extends ChannelRange {
        private long left;

        ExactRange(FileChannel channel, long start, long length) throws IOException {
            super(channel);
            this.left = length;
            channel.position(start);
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
    }

    /**
     * The lines of a channel that a piece cut by size owns: from just after the first line feed at or after
     * {@code start - 1} (from {@code start} itself for the first piece) to the first line feed at or after
     * {@code end - 1}, included, or the end of the file. Only the bytes around the two cuts are looked at. A line
     * longer than {@code maxLine} at either cut throws {@link LineTooLong}.
     */
    private static final class LineRange extends ChannelRange {
        private final long end;
        private final long maxLine;
        private long position;
        private boolean done;
        private final ByteBuffer scan = ByteBuffer.allocate(1 << 16);

        LineRange(FileChannel channel, long start, long end, boolean first, long maxLine) throws IOException {
            super(channel);
            this.end = end;
            this.maxLine = maxLine;
            this.position = first ? start : afterLineFeed(start - 1);
            // When the line that starts the piece begins at or past the cut, the next piece owns it: nothing here.
            this.done = position >= end || position >= channel.size();
            channel.position(position);
        }

        /** The offset after the first line feed at or after {@code from}, or the file's size when there is none. */
        private long afterLineFeed(long from) throws IOException {
            long at = from;
            while (true) {
                scan.clear();
                int n = channel.read(scan, at);
                if (n <= 0) {
                    return channel.size();
                }
                for (int i = 0; i < n; i++) {
                    if (scan.get(i) == '\n') {
                        return at + i + 1;
                    }
                }
                at += n;
                if (at - from > maxLine) {
                    throw new LineTooLong();
                }
            }
        }

        /**
         * Fills as much of {@code b} as there is (the parser detects the line ending from its first buffer, which must
         * not stop short at the cut).
         */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int total = 0;
            while (total < len && !done) {
                int n = readSome(b, off + total, len - total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            return total == 0 && done ? -1 : total;
        }

        private int readSome(byte[] b, int off, int len) throws IOException {
            int n;
            if (position < end - 1) {
                // Before the cut: passed on as it is.
                n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - 1 - position)));
                if (n < 0) {
                    done = true;
                    return -1;
                }
            } else {
                // At or past the cut: up to the first line feed, included.
                n = channel.read(ByteBuffer.wrap(b, off, len));
                if (n < 0) {
                    done = true;
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    if (b[off + i] == '\n') {
                        n = i + 1;
                        done = true;
                        break;
                    }
                }
                if (!done && position + n - (end - 1) > maxLine) {
                    throw new LineTooLong();
                }
            }
            position += n;
            return n;
        }
    }
}
