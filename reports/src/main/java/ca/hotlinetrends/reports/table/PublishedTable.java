package ca.hotlinetrends.reports.table;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.release.PublishedCsv;
import ca.hotlinetrends.reports.ReportException;
import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.TableSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A published table as the public sees it, read from {@code published/<release>/tables/<table>.csv} and
 * checked against its schema: the header is exactly the schema's columns in order; every dimension code is
 * in its code list (or is the dimension's total or roll-up code); a row whose status is not
 * {@code published} reads {@code x} in every nullable number, and a published row never does. A suppressed
 * cell carries no value here, so nothing rendered from this class can show one. Lines starting with
 * {@code #} are footnotes. Immutable and thread-safe.
 */
public final class PublishedTable {

    /** The {@code cell_status} code of a published row. */
    public static final String PUBLISHED = "published";

    private static final CSVFormat CSV = PublishedCsv.READ_WITH_HEADER_ROW;

    private final TableSchema schema;
    private final List<Row> rows;
    private final Map<List<String>, Row> byKey;
    private final List<String> footnotes;

    /** One row: the codes of its dimensions and the text of its other columns, as published. */
    public static final class Row {
        private final TableSchema schema;
        private final Map<String, String> values;

        private Row(TableSchema schema, Map<String, String> values) {
            this.schema = schema;
            this.values = Collections.unmodifiableMap(values);
        }

        /** The text of a column as published. */
        public String text(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("table " + schema.table() + " has no column " + column);
            }
            return v;
        }

        public Period period() {
            return Period.parse(text("period"));
        }

        public String status() {
            return text("status");
        }

        public boolean published() {
            return PUBLISHED.equals(status());
        }

        /** True when the column reads {@code x}. */
        public boolean suppressed(String column) {
            return CellStatus.MARK.equals(text(column));
        }

        /** A whole number: empty when suppressed or not available. */
        public OptionalLong count(String column) {
            String v = text(column);
            return v.isEmpty() || v.equals(CellStatus.MARK) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
        }

        /** A number: empty when suppressed or not available. */
        public OptionalDouble number(String column) {
            String v = text(column);
            return v.isEmpty() || v.equals(CellStatus.MARK)
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(Double.parseDouble(v));
        }

        /** A boolean column: empty when suppressed or not available. */
        public Optional<Boolean> flag(String column) {
            String v = text(column);
            return v.isEmpty() || v.equals(CellStatus.MARK) ? Optional.empty() : Optional.of(Boolean.parseBoolean(v));
        }

        /** The dimension codes, in schema order. */
        public Map<String, String> key() {
            Map<String, String> key = new LinkedHashMap<>();
            for (TableSchema.Dimension d : schema.dimensions()) {
                key.put(d.name(), values.get(d.name()));
            }
            return key;
        }

        /** A reference to the cell of this row in {@code column}. */
        public CellRef cell(String column) {
            text(column);
            return new CellRef(schema.table(), key(), column);
        }
    }

    private PublishedTable(TableSchema schema, List<Row> rows, List<String> footnotes) {
        this.schema = schema;
        this.rows = List.copyOf(rows);
        this.footnotes = List.copyOf(footnotes);
        Map<List<String>, Row> index = new LinkedHashMap<>();
        for (Row r : this.rows) {
            if (index.put(List.copyOf(r.key().values()), r) != null) {
                throw new ReportException("published table " + schema.table() + " has two rows for " + r.key());
            }
        }
        this.byKey = index;
    }

    /**
     * Reads {@code <releaseDir>/tables/<table>.csv}.
     *
     * @param codeLists the code list of every coded column, by name (at least {@code cell_status})
     */
    public static PublishedTable read(Path releaseDir, TableSchema schema, Map<String, CodeList> codeLists) {
        Path file = releaseDir.resolve("tables").resolve(schema.table() + ".csv");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(schema, codeLists, in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read published table " + file, e);
        }
    }

    /** Parses the CSV text of a published table; {@code source} names it in error messages. */
    public static PublishedTable parse(TableSchema schema, Map<String, CodeList> codeLists, Reader in, String source)
            throws IOException {
        java.io.StringWriter buffer = new java.io.StringWriter();
        in.transferTo(buffer);
        String text = buffer.toString();
        List<String> footnotes = text.lines()
                .filter(PublishedCsv::isFootnote)
                .map(l -> l.substring(1).strip())
                .toList();
        List<String> expected =
                schema.columns().stream().map(TableSchema.Column::name).toList();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new java.io.StringReader(text))
                .setFormat(CSV)
                .get()) {
            List<String> header = null;
            for (CSVRecord rec : parser) {
                List<String> cells = rec.toList();
                if (header == null) {
                    header = cells;
                    if (!header.equals(expected)) {
                        throw new ReportException(source + ": the header must be exactly the schema's columns "
                                + expected + "; it is " + header);
                    }
                    continue;
                }
                if (cells.size() != expected.size()) {
                    throw new ReportException(source + ": line " + rec.getRecordNumber() + " has " + cells.size()
                            + " columns, the schema has " + expected.size());
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    values.put(expected.get(i), cells.get(i));
                }
                Row row = new Row(schema, values);
                check(schema, codeLists, row, source + " line " + rec.getRecordNumber());
                rows.add(row);
            }
            if (header == null) {
                throw new ReportException(source + " has no header");
            }
        }
        return new PublishedTable(schema, rows, footnotes);
    }

    private static void check(TableSchema schema, Map<String, CodeList> codeLists, Row row, String where) {
        String status = row.status();
        if (!codeList(codeLists, "cell_status").contains(status)) {
            throw new ReportException(where + ": status must be a cell_status code. Provided value: " + status);
        }
        boolean published = PUBLISHED.equals(status);
        for (TableSchema.Column c : schema.columns()) {
            String v = row.text(c.name());
            boolean numeric =
                    c.type() == FieldType.LONG || c.type() == FieldType.DOUBLE || c.type() == FieldType.BOOLEAN;
            if (!numeric) {
                continue;
            }
            if (!published && c.nullable() && !v.equals(CellStatus.MARK)) {
                throw new ReportException(
                        where + ": column " + c.name() + " of a suppressed row must read " + CellStatus.MARK);
            }
            if ((published || !c.nullable()) && v.equals(CellStatus.MARK)) {
                throw new ReportException(where + ": column " + c.name() + " reads " + CellStatus.MARK
                        + " in a row whose status is " + status);
            }
            if (v.isEmpty() && !c.nullable()) {
                throw new ReportException(where + ": column " + c.name() + " may not be empty");
            }
            if (!v.isEmpty() && !v.equals(CellStatus.MARK)) {
                checkNumber(c, v, where);
            }
        }
        for (TableSchema.Dimension d : schema.dimensions()) {
            String code = row.text(d.name());
            if (d.name().equals("period")) {
                Period p = Period.parse(code);
                if (!p.type().code().equals(row.text("period_type"))) {
                    throw new ReportException(
                            where + ": period " + code + " is not of period_type " + row.text("period_type"));
                }
            } else if (d.codes() != null
                    && !codeList(codeLists, d.codes()).contains(code)
                    && !(d.total() && code.equals(d.totalCode()))
                    && !schema.rollups().getOrDefault(d.name(), Map.of()).containsValue(code)) {
                throw new ReportException(where + ": " + d.name() + " must be a code of " + d.codes()
                        + ", its total or a roll-up. Provided value: " + code);
            }
        }
    }

    private static void checkNumber(TableSchema.Column c, String v, String where) {
        try {
            switch (c.type()) {
                case LONG -> Long.parseLong(v);
                case DOUBLE -> Double.parseDouble(v);
                case BOOLEAN -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new NumberFormatException();
                    }
                }
                default -> {}
            }
        } catch (NumberFormatException e) {
            throw new ReportException(where + ": column " + c.name() + " must be an unformatted "
                    + c.type().code());
        }
    }

    private static CodeList codeList(Map<String, CodeList> codeLists, String name) {
        CodeList c = codeLists.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no code list " + name + " was given to read published tables");
        }
        return c;
    }

    public TableSchema schema() {
        return schema;
    }

    public String name() {
        return schema.table();
    }

    public List<Row> rows() {
        return rows;
    }

    /** The footnote lines, without their {@code #}. */
    public List<String> footnotes() {
        return footnotes;
    }

    /**
     * The row with these dimension codes, in schema order ({@code period} first), e.g.
     * {@code find("2026Q3", "EMAIL")}.
     */
    public Optional<Row> find(String... codes) {
        if (codes.length != schema.dimensions().size()) {
            throw new IllegalArgumentException("table " + name() + " has "
                    + schema.dimensions().size() + " dimensions; " + codes.length + " codes were given");
        }
        return Optional.ofNullable(byKey.get(List.of(codes)));
    }

    /** The row of a cell reference to this table. */
    public Optional<Row> find(CellRef cell) {
        if (!cell.table().equals(name())) {
            throw new IllegalArgumentException("cell " + cell + " is not in table " + name());
        }
        List<String> key = new ArrayList<>();
        for (TableSchema.Dimension d : schema.dimensions()) {
            String code = cell.key().get(d.name());
            if (code == null) {
                throw new IllegalArgumentException("cell " + cell + " lacks dimension " + d.name());
            }
            key.add(code);
        }
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * A reference to a cell of this table, by its dimension codes in schema order ({@code period} first); the
     * cell need not exist.
     */
    public CellRef cell(String column, String... codes) {
        if (codes.length != schema.dimensions().size()) {
            throw new IllegalArgumentException("table " + name() + " has "
                    + schema.dimensions().size() + " dimensions; " + codes.length + " codes were given");
        }
        if (schema.columns().stream().noneMatch(c -> c.name().equals(column))) {
            throw new IllegalArgumentException("table " + name() + " has no column " + column);
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            key.put(schema.dimensions().get(i).name(), codes[i]);
        }
        return new CellRef(name(), key, column);
    }

    /** The dimension of that name, from the schema. */
    public TableSchema.Dimension dimension(String name) {
        return schema.dimensions().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + name() + " has no dimension " + name));
    }

    /** The periods of a type present in the table, in order. */
    public List<Period> periods(Period.Type type) {
        Set<Period> seen = new HashSet<>();
        TreeSet<Period> sorted = new TreeSet<>();
        for (Row r : rows) {
            Period p = r.period();
            if (p.type() == type && seen.add(p)) {
                sorted.add(p);
            }
        }
        return List.copyOf(sorted);
    }
}
