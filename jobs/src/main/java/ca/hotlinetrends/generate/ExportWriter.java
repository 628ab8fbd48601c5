package ca.hotlinetrends.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes one dataset of a synthetic export, record by record, as CSV (RFC 4180, UTF-8, LF) or JSON Lines.
 * Values are in header order; {@code null} is written as an empty field (CSV) or omitted (JSON).
 * Not thread-safe.
 */
abstract class ExportWriter implements Closeable {

    /** How a record is damaged on purpose, for dirty exports. */
    enum Damage {
        NONE,
        MALFORMED,
        LATIN1
    }

    protected final OutputStream out;
    protected final List<String> headers;
    private long records;

    protected ExportWriter(Path file, List<String> headers) {
        try {
            this.out = file == null
                    ? OutputStream.nullOutputStream()
                    : new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        this.headers = List.copyOf(headers);
    }

    /** A writer to {@code file}, or one that formats and discards every record when {@code file} is null. */
    static ExportWriter open(String format, Path file, List<String> headers) {
        return switch (format) {
            case "csv" -> new Csv(file, headers);
            case "jsonl" -> new JsonLines(file, headers);
            default ->
                throw new IllegalArgumentException("export format must be csv or jsonl. Provided value: " + format);
        };
    }

    final void write(String[] values, Damage damage) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException("a record needs " + headers.size() + " values, got " + values.length);
        }
        try {
            writeRecord(values, damage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write export record " + (records + 1), e);
        }
        records++;
    }

    long records() {
        return records;
    }

    protected abstract void writeRecord(String[] values, Damage damage) throws IOException;

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close export file", e);
        }
    }

    /** CSV with a header row; fields quoted only where needed. */
    static final class Csv extends ExportWriter {
        private static final CSVFormat FORMAT =
                CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

        Csv(Path file, List<String> headers) {
            super(file, headers);
            try {
                out.write(FORMAT.format(headers.toArray()).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write CSV header", e);
            }
        }

        @Override
        protected void writeRecord(String[] values, Damage damage) throws IOException {
            Object[] cells = values;
            if (damage == Damage.MALFORMED) {
                // one field too many: the row no longer lines up with the header
                cells = java.util.Arrays.copyOf(values, values.length + 1);
                cells[values.length] = "extra";
            }
            String line = FORMAT.format(cells);
            out.write(line.getBytes(damage == Damage.LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    /** JSON Lines: one object per line, keys are the export headers. */
    static final class JsonLines extends ExportWriter {
        private final JsonFactory json = new JsonFactory();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

        JsonLines(Path file, List<String> headers) {
            super(file, headers);
        }

        @Override
        protected void writeRecord(String[] values, Damage damage) throws IOException {
            buffer.reset();
            try (JsonGenerator g = json.createGenerator(buffer)) {
                g.writeStartObject();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null && !values[i].isEmpty()) {
                        g.writeStringField(headers.get(i), values[i]);
                    }
                }
                g.writeEndObject();
            }
            String line = buffer.toString(StandardCharsets.UTF_8);
            if (damage == Damage.MALFORMED) {
                line = line.substring(0, line.length() / 2);
            }
            out.write(line.getBytes(damage == Damage.LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            out.write('\n');
        }
    }
}
