package ca.hotlinetrends.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.PrivacyRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads an export (CSV, JSON Lines or Parquet; a file, a folder or a glob) into the raw shape
 * {@link IngestTransform} takes: one string column per accepted field, plus the corrupt-record,
 * source (the file's index in the list read) and position columns.
 *
 * <p>Before any record is read it checks the columns: a column that maps to no field of the schema
 * refuses the whole export (the identifier guard: an unexpected column may carry identifiers), as do
 * columns declared as direct identifiers and missing required columns. A CSV or JSON file that is not
 * UTF-8 as a whole (a Windows-1252 or Latin-1 export) is refused with a message saying so; single bad
 * rows inside a UTF-8 file are left to {@link IngestTransform} (reason {@code BAD_ENCODING}).
 */
public final class ExportReader {

    /** How many bytes of each text file are checked for its encoding. */
    private static final int ENCODING_PROBE_BYTES = 8 << 20;

    private final SparkSession spark;
    private final DatasetSchema schema;
    private final Map<String, String> headerToField;

    /**
     * @param configuredMapping export header to canonical name, from the configuration (may be empty)
     */
    public ExportReader(SparkSession spark, DatasetSchema schema, Map<String, String> configuredMapping) {
        this.spark = spark;
        this.schema = schema;
        Map<String, String> mapping = new LinkedHashMap<>();
        for (FieldSpec f : schema.fields()) {
            mapping.put(fold(f.name()), f.name());
            mapping.put(fold(f.exportHeader()), f.name());
        }
        configuredMapping.forEach((header, field) -> {
            if (!schema.hasField(field)) {
                throw new IllegalArgumentException("ingest.column_mapping." + schema.dataset() + " maps a header to '"
                        + field + "', which is not a field of " + schema.dataset());
            }
            mapping.put(fold(header), field);
        });
        this.headerToField = Map.copyOf(mapping);
    }

    private static String fold(String header) {
        return header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    /** Files an input path names: a file, every data file in a folder, or a glob such as {@code exports/*.csv}. */
    public static List<Path> resolve(String input) {
        Path path = Path.of(input);
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    return files.filter(Files::isRegularFile)
                            .filter(p -> formatOf(p) != null)
                            .sorted()
                            .toList();
                }
            }
            String glob = path.getFileName().toString();
            Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> matcher.matches(p.getFileName()))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input " + input, e);
        }
    }

    /** {@code csv}, {@code jsonl} or {@code parquet} from the file name, or null. */
    public static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "csv";
        } else if (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson")) {
            return "jsonl";
        } else if (n.endsWith(".parquet")) {
            return "parquet";
        }
        return null;
    }

    /**
     * An export as read, lazily: its CSV files as pieces that tasks parse themselves ({@link CsvPiece}), the other
     * formats as one raw Dataset in the shape the class comment describes (null when there are none).
     */
    public record Export(List<CsvPiece> csvPieces, Dataset<Row> others) {}

    /** Reads the files (lazily: only headers and encodings are read here), CSV files in pieces cut by size. */
    public Export read(List<Path> files) {
        return read(files, Set.of());
    }

    /**
     * Reads the files, the CSV files whose index is in {@code exact} in pieces cut at record boundaries found by a pass
     * over the file ({@link #scanCsv}): for a file whose pieces cut by size turned out unusual ({@link CsvPiece}).
     */
    public Export read(List<Path> files, Set<Integer> exact) {
        if (files.isEmpty()) {
            throw new IngestException("no export files found for dataset " + schema.dataset());
        }
        List<CsvPiece> pieces = new ArrayList<>();
        Dataset<Row> others = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String format = formatOf(file);
            if (format == null) {
                throw new IngestException(
                        "cannot tell the format of " + file.getFileName() + ": use .csv, .jsonl or .parquet");
            }
            if (format.equals("csv")) {
                pieces.addAll(csvPieces(file, i, exact.contains(i)));
            } else {
                Dataset<Row> one = readOne(file, format, i);
                others = others == null ? one : others.unionByName(one, true);
            }
        }
        return new Export(List.copyOf(pieces), others);
    }

    /**
     * Cuts a CSV file into pieces of about a third of its share of the cores, between 4 and 64 MB: by size, where the
     * tasks find the record boundaries themselves, unless {@code exact} is asked for or the header already shows an
     * unusual file (a line ending other than LF or CRLF, or a single column); else where a pass over the file finds
     * them ({@link #scanCsv}).
     */
    private List<CsvPiece> csvPieces(Path file, int index, boolean exact) {
        checkUtf8(file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        long pieceBytes = Math.max(
                4L << 20, Math.min(64L << 20, size / (3L * spark.sparkContext().defaultParallelism())));
        List<String> headers = csvHeaders(file);
        Map<String, String> fieldOf = checkColumns(file, headers);
        List<String> fields =
                schema.acceptedFields().stream().map(FieldSpec::name).toList();
        int[] fieldOfColumn =
                headers.stream().mapToInt(h -> fields.indexOf(fieldOf.get(h))).toArray();
        List<CsvPiece> bySize =
                exact || headers.size() < 2 ? null : piecesBySize(file, index, pieceBytes, fieldOfColumn);
        return bySize != null ? bySize : exactPieces(file, index, pieceBytes, fieldOfColumn);
    }

    /**
     * A CSV file's pieces cut by size, about {@code pieceBytes} each ({@link CsvPiece}); null when the header shows an
     * unusual file ({@link #headerEnd}).
     */
    static List<CsvPiece> piecesBySize(Path file, int index, long pieceBytes, int[] fieldOfColumn) {
        long[] header = headerEnd(file);
        if (header == null) {
            return null;
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        long data = header[0];
        int count = (int) Math.max(1, (size - data + pieceBytes - 1) / pieceBytes);
        List<CsvPiece> pieces = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            long start = data + p * pieceBytes;
            pieces.add(new CsvPiece(
                    index,
                    file.toAbsolutePath().toString(),
                    start,
                    p + 1 < count ? start + pieceBytes : size,
                    false,
                    p,
                    p == 0 ? header[1] + 1 : 0,
                    fieldOfColumn,
                    CSV_MAX_COLUMNS));
        }
        return pieces;
    }

    /** A CSV file's pieces cut at record boundaries found by a pass over it ({@link #scanCsv}). */
    static List<CsvPiece> exactPieces(Path file, int index, long pieceBytes, int[] fieldOfColumn) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        CsvShape shape = scanCsv(file, pieceBytes);
        int maxColumns = Math.max(CSV_MAX_COLUMNS, shape.maxFields() + 1);
        List<CsvPiece> pieces = new ArrayList<>();
        for (int p = 0; p < shape.starts().length; p++) {
            long end = p + 1 < shape.starts().length ? shape.starts()[p + 1] : size;
            if (end > shape.starts()[p]) {
                pieces.add(new CsvPiece(
                        index,
                        file.toAbsolutePath().toString(),
                        shape.starts()[p],
                        end,
                        true,
                        pieces.size(),
                        shape.startLines()[p],
                        fieldOfColumn,
                        maxColumns));
            }
        }
        return pieces;
    }

    /** The parser's column limit for pieces cut by size (Spark's default): a wider record makes the file unusual. */
    static final int CSV_MAX_COLUMNS = 20_480;

    /**
     * Where the header record of a CSV file ends, after its line feed, and how many line feeds it holds; null when it
     * does not end with LF or CRLF within {@link #MAX_FIELD_CHARS} bytes (classic Mac line endings, or no line at all).
     */
    static long[] headerEnd(Path file) {
        boolean quoted = false;
        long lineFeeds = 0;
        byte previous = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (long offset = 0; offset < MAX_FIELD_CHARS; offset++) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n') {
                    lineFeeds++;
                    if (!quoted) {
                        return new long[] {offset + 1, lineFeeds};
                    }
                } else if (previous == '\r' && !quoted) {
                    return null; // a carriage return alone ends the header: classic Mac line endings
                }
                previous = (byte) b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        return null;
    }

    private Dataset<Row> readOne(Path file, String format, int index) {
        if (!format.equals("parquet")) {
            checkUtf8(file);
        }
        List<String> headers = format.equals("jsonl")
                ? jsonKeys(file)
                : List.of(spark.read().parquet(file.toString()).columns());
        Map<String, String> fieldOf = checkColumns(file, headers);
        Dataset<Row> df;
        StructType stringSchema = new StructType();
        for (String h : headers) {
            stringSchema = stringSchema.add(h, DataTypes.StringType, true);
        }
        stringSchema = stringSchema.add(IngestTransform.CORRUPT, DataTypes.StringType, true);
        if (format.equals("jsonl")) {
            df = spark.read()
                    .schema(stringSchema)
                    .option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", IngestTransform.CORRUPT)
                    .option("primitivesAsString", "true")
                    .json(file.toString());
        } else {
            Dataset<Row> p = spark.read().parquet(file.toString());
            List<Column> cols = new ArrayList<>();
            for (String h : headers) {
                cols.add(col("`" + h + "`")
                        .cast(org.apache.spark.sql.types.DataTypes.StringType)
                        .as(h));
            }
            cols.add(lit(null)
                    .cast(org.apache.spark.sql.types.DataTypes.StringType)
                    .as(IngestTransform.CORRUPT));
            df = p.select(cols.toArray(Column[]::new));
        }
        List<Column> cols = new ArrayList<>();
        for (FieldSpec f : schema.acceptedFields()) {
            String header = null;
            for (Map.Entry<String, String> e : fieldOf.entrySet()) {
                if (e.getValue().equals(f.name())) {
                    header = e.getKey();
                }
            }
            cols.add(
                    header == null
                            ? lit(null)
                                    .cast(org.apache.spark.sql.types.DataTypes.StringType)
                                    .as(f.name())
                            : col("`" + header + "`").as(f.name()));
        }
        cols.add(col(IngestTransform.CORRUPT));
        cols.add(lit(index).as(IngestTransform.SOURCE));
        cols.add(monotonically_increasing_id().as(IngestTransform.POSITION));
        return df.select(cols.toArray(Column[]::new));
    }

    /** Maps each header to its field, or refuses the export naming the offending columns. */
    Map<String, String> checkColumns(Path file, List<String> headers) {
        Map<String, String> fieldOf = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String h : headers) {
            String field = headerToField.get(fold(h));
            if (field == null) {
                unknown.add(h);
            } else if (schema.field(field).role() == PrivacyRole.DIRECT_IDENTIFIER) {
                identifiers.add(h);
            } else if (!seen.add(field)) {
                throw new IngestException(file.getFileName() + ": two columns map to field " + field);
            } else {
                fieldOf.put(h, field);
            }
        }
        if (!identifiers.isEmpty() || !unknown.isEmpty()) {
            StringBuilder msg = new StringBuilder(file.getFileName() + " refused: ");
            if (!identifiers.isEmpty()) {
                msg.append("it carries direct-identifier columns ")
                        .append(identifiers)
                        .append(", which are never ingested; ");
            }
            if (!unknown.isEmpty()) {
                msg.append("columns ")
                        .append(unknown)
                        .append(" are not in schema ")
                        .append(schema.dataset())
                        .append(" (map them in ingest.column_mapping if they are renamed fields); ");
            }
            msg.append("remove them from the export and run again.");
            throw new IngestException(msg.toString());
        }
        List<String> missing = schema.acceptedFields().stream()
                .filter(f -> !f.nullable())
                .map(FieldSpec::name)
                .filter(n -> !fieldOf.containsValue(n))
                .toList();
        if (!missing.isEmpty()) {
            throw new IngestException(file.getFileName() + " refused: required columns " + missing + " are missing");
        }
        return fieldOf;
    }

    private static List<String> csvHeaders(Path file) {
        try (InputStream in = Files.newInputStream(file);
                CSVParser parser = CSVParser.builder()
                        .setReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
                        .setFormat(CSVFormat.RFC4180)
                        .get()) {
            var it = parser.iterator();
            if (!it.hasNext()) {
                throw new IngestException(file.getFileName() + " is empty: no header row");
            }
            CSVRecord header = it.next();
            List<String> names = new ArrayList<>();
            header.forEach(h -> names.add(h.replace("\uFEFF", "").strip()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + file.getFileName(), e);
        }
    }

    private static List<String> jsonKeys(Path file) {
        ObjectMapper json = new ObjectMapper();
        Set<String> keys = new LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int read = 0;
            while ((line = in.readLine()) != null && read < 10_000) {
                read++;
                try {
                    JsonNode node = json.readTree(line);
                    if (node != null && node.isObject()) {
                        node.fieldNames().forEachRemaining(keys::add);
                    }
                } catch (IOException malformed) {
                    // a malformed line is quarantined by the transform; it names no column
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        return new ArrayList<>(keys);
    }

    /** The largest record a CSV file may hold: beyond these it is refused whole (memory stays bounded). */
    static final int MAX_FIELDS = 100_000;

    static final int MAX_FIELD_CHARS = 64 << 20;

    /**
     * What one sequential pass over a CSV file's bytes tells: whether a quoted field holds a line break, the most
     * fields in a record and the longest field in bytes (so that the parser's limits can be set to fit), and where
     * the file can be cut into pieces that tasks parse on their own ({@link CsvPiece}). Quote parity is tracked (an
     * escaped quote {@code ""} toggles twice). The first piece starts after the header record; when no quoted field
     * holds a line break, every line break outside quotes is a record boundary, and a new piece starts at the first
     * one after each {@code pieceBytes}; otherwise the file is one piece.
     *
     * @param starts the offset of each piece's first byte
     * @param startLines the line number (1 = the header) of each piece's first line
     */
    record CsvShape(boolean quotedLineBreaks, int maxFields, int maxFieldBytes, long[] starts, long[] startLines) {}

    static CsvShape scanCsv(Path file, long pieceBytes) {
        byte[] buffer = new byte[1 << 16];
        boolean quoted = false;
        boolean quotedLineBreaks = false;
        int fields = 1;
        int maxFields = 1;
        long fieldStart = 0; // the offset of the current field's first byte
        long maxFieldBytes = 0;
        long offset = 0;
        long lines = 0;
        long lastStart = -1;
        List<long[]> starts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    int u = b & 0xFF;
                    if (u > '"' && u != ',') {
                        continue; // most bytes: letters, digits, parts of UTF-8 characters
                    }
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (quoted) {
                        if (b == '\n' || b == '\r') {
                            quotedLineBreaks = true;
                            lines += b == '\n' ? 1 : 0;
                        }
                    } else if (b == ',') {
                        maxFieldBytes = Math.max(maxFieldBytes, offset + i - fieldStart);
                        fieldStart = offset + i + 1;
                        fields++;
                    } else if (b == '\n') {
                        maxFieldBytes = Math.max(maxFieldBytes, offset + i - fieldStart);
                        fieldStart = offset + i + 1;
                        maxFields = Math.max(maxFields, fields);
                        fields = 1;
                        lines++;
                        long next = offset + i + 1;
                        if (lastStart < 0 || next - lastStart >= pieceBytes) {
                            starts.add(new long[] {next, lines + 1});
                            lastStart = next;
                        }
                    }
                }
                offset += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        maxFieldBytes = Math.max(maxFieldBytes, offset - fieldStart);
        maxFields = Math.max(maxFields, fields);
        if (maxFields > MAX_FIELDS || maxFieldBytes > MAX_FIELD_CHARS) {
            throw new IngestException(file.getFileName() + " holds a record of " + maxFields + " fields or a field of "
                    + maxFieldBytes + " bytes, beyond what ingest accepts (" + MAX_FIELDS + " fields, "
                    + MAX_FIELD_CHARS
                    + " bytes): it is not an export of this hotline's case-management system; nothing was staged");
        }
        if (quotedLineBreaks && starts.size() > 1) {
            starts = starts.subList(0, 1);
        }
        return new CsvShape(
                quotedLineBreaks,
                maxFields,
                (int) Math.min(Integer.MAX_VALUE, maxFieldBytes),
                starts.stream().mapToLong(a -> a[0]).toArray(),
                starts.stream().mapToLong(a -> a[1]).toArray());
    }

    /**
     * Refuses a text file whose first bytes are not UTF-8 as a whole: invalid sequences and not one valid
     * multi-byte character means a single-byte encoding such as Windows-1252.
     */
    static void checkUtf8(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long invalid = 0;
        long multiByte = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(ENCODING_PROBE_BYTES);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            CharBuffer chars = CharBuffer.allocate(4096);
            while (buffer.hasRemaining()) {
                CoderResult r = decoder.decode(buffer, chars, true);
                if (r.isMalformed() || r.isUnmappable()) {
                    if (bytes.length == ENCODING_PROBE_BYTES && buffer.remaining() < 4) {
                        break; // a character cut by the probe's end
                    }
                    invalid++;
                    buffer.position(buffer.position() + r.length());
                } else if (r.isOverflow()) {
                    chars.flip();
                    while (chars.hasRemaining()) {
                        if (chars.get() > 0x7F) {
                            multiByte++;
                        }
                    }
                    chars.clear();
                } else {
                    break;
                }
            }
            chars.flip();
            while (chars.hasRemaining()) {
                if (chars.get() > 0x7F) {
                    multiByte++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        if (invalid > 0 && multiByte == 0) {
            throw new IngestException(file.getFileName() + " is not UTF-8: " + invalid + " byte sequences are invalid "
                    + "and none is a UTF-8 character, so it looks like Windows-1252 or Latin-1. Export it as UTF-8 or "
                    + "convert it (iconv -f WINDOWS-1252 -t UTF-8) and run again.");
        }
    }
}
