package ca.hotlinetrends.reports.table;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A published table as the public sees it, read from {@code published/<release>/tables/<table>.csv}:
 * suppressed cells read {@code x} and carry no value, so nothing rendered from this class can show one.
 * Lines starting with {@code #} are footnotes. Immutable.
 */
public final class PublishedTable {

    /** The Statistics Canada symbol for a value suppressed to protect confidentiality. */
    public static final String SUPPRESSED = "x";

    private final String name;
    private final List<String> columns;
    private final List<Map<String, String>> rows;

    private PublishedTable(String name, List<String> columns, List<Map<String, String>> rows) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /** Reads {@code <releaseDir>/tables/<table>.csv}. */
    public static PublishedTable read(Path releaseDir, String table) {
        Path file = releaseDir.resolve("tables").resolve(table + ".csv");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(table, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read published table " + file, e);
        }
    }

    public static PublishedTable parse(String table, Reader in) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(Map.copyOf(r.toMap()));
            }
            return new PublishedTable(table, parser.getHeaderNames(), rows);
        }
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Map<String, String>> rows() {
        return rows;
    }

    /** Rows whose columns equal the given values. */
    public List<Map<String, String>> where(Map<String, String> match) {
        return rows.stream().filter(r -> match.entrySet().stream()
                .allMatch(e -> Objects.equals(r.get(e.getKey()), e.getValue()))).toList();
    }

    /** A count cell: its value, or empty when suppressed ({@code x}). */
    public static OptionalLong count(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("published table has no column " + column);
        }
        if (v.equals(SUPPRESSED)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(v));
    }
}
