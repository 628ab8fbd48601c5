package ca.hotlinetrends.cli;

import ca.hotlinetrends.pipeline.Operations;
import ca.hotlinetrends.pipeline.PipelineContext;
import ca.hotlinetrends.publish.SqlSandbox;
import ca.hotlinetrends.publish.SqlStatements;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Query a published release: every table and microdata dataset of the release is a view named "
                    + "after it (e.g. cases_by_province, victims), queried with DuckDB's SQL dialect.",
            "One read-only query at a time (SELECT, WITH, VALUES) over those views, with the functions on the "
                    + "allow-list; SHOW TABLES, DESCRIBE <view> and SHOW COLUMNS FROM <view> describe them. Anything "
                    + "else (files, paths, table functions, commands, settings) is refused with exit 2.",
            "Without a query, reads ';'-terminated statements from standard input."
        })
final class SqlCommand implements Callable<Integer> {

    private static final Pattern SHOW_TABLES = Pattern.compile("(?is)\\s*show\\s+tables\\s*");
    private static final Pattern DESCRIBE = Pattern.compile(
            "(?is)\\s*(?:describe|desc|show\\s+columns\\s+(?:from|in))\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final String USAGE = "Type a query ending with ';' over the views (SHOW TABLES lists them, "
            + "DESCRIBE <view> shows a view's columns), e.g. SELECT period, cases FROM cases_by_province "
            + "WHERE province_code = 'CA' AND period_type = 'year';";

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--release", description = "Release quarter, e.g. 2026Q3 (default: the latest published).")
    String release;

    @Option(names = "--out", description = "Write the result to FILE.csv or FILE.parquet instead of printing it.")
    Path out;

    @Option(
            names = "--max-rows",
            defaultValue = "200",
            description = "Rows printed at most (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Parameters(
            arity = "0..1",
            paramLabel = "QUERY",
            description = "A SQL query; omit it to read statements from standard input.")
    String query;

    @Spec
    CommandSpec spec;

    private SchemaRegistry schemas;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be at least 1, was " + maxRows);
        }
        if (out != null) {
            String name = out.getFileName().toString();
            if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
                throw new IllegalArgumentException("--out must end with .csv or .parquet: " + out);
            }
            if (query == null) {
                throw new IllegalArgumentException("--out needs a QUERY argument");
            }
        }
        PipelineContext ctx = common.context();
        schemas = ctx.schemas();
        try (SqlSandbox sandbox = Operations.openSql(ctx, release, out)) {
            PrintWriter w = spec.commandLine().getOut();
            if (query != null) {
                run(sandbox, query, w);
                return HotlineTrends.OK;
            }
            return interactive(sandbox, w, spec.commandLine().getErr());
        }
    }

    private int interactive(SqlSandbox sandbox, PrintWriter w, PrintWriter err) {
        boolean tty = System.console() != null;
        if (tty) {
            w.println("release " + sandbox.release() + "; views: " + String.join(", ", sandbox.viewNames()));
            w.println(USAGE);
            w.print("sql> ");
            w.flush();
        }
        int exit = HotlineTrends.OK;
        SqlStatements statements = new SqlStatements();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (tty && line.isBlank() && !statements.pending()) {
                    w.println(USAGE);
                }
                for (String s : statements.feed(line + "\n")) {
                    exit = Math.max(exit, runReporting(sandbox, s, w, err));
                }
                if (tty) {
                    w.print(statements.pending() ? "  -> " : "sql> ");
                    w.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        String rest = statements.rest();
        if (!rest.isBlank()) {
            exit = Math.max(exit, runReporting(sandbox, rest, w, err));
        }
        return exit;
    }

    private int runReporting(SqlSandbox sandbox, String sql, PrintWriter w, PrintWriter err) {
        try {
            run(sandbox, sql, w);
            return HotlineTrends.OK;
        } catch (IllegalArgumentException e) {
            err.println("hotline-trends: " + e.getMessage());
            err.flush();
            return HotlineTrends.BAD_USAGE;
        }
    }

    private void run(SqlSandbox sandbox, String sql, PrintWriter w) {
        String statement = sql.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        SqlSandbox.Result result;
        if (SHOW_TABLES.matcher(statement).matches()) {
            result = showTables(sandbox);
        } else if (DESCRIBE.matcher(statement).matches()) {
            java.util.regex.Matcher m = DESCRIBE.matcher(statement);
            m.matches();
            result = describe(sandbox.view(m.group(1)));
        } else {
            result = sandbox.query(statement, out != null ? -1 : maxRows);
        }
        if (out != null) {
            write(result, out);
            w.println("wrote " + out);
        } else {
            print(result, w);
        }
        w.flush();
    }

    /** The views, each with what it is (from schemas/). */
    private SqlSandbox.Result showTables(SqlSandbox sandbox) {
        List<Object[]> rows = new ArrayList<>();
        for (SqlSandbox.View v : sandbox.views()) {
            rows.add(new Object[] {v.name(), v.kind(), describeView(v.name(), v.kind())});
        }
        return new SqlSandbox.Result(
                List.of("view", "kind", "description"), List.of("VARCHAR", "VARCHAR", "VARCHAR"), rows, false);
    }

    private String describeView(String name, String kind) {
        if (kind.equals("table")
                && schemas.tables().stream().anyMatch(t -> t.table().equals(name))) {
            return schemas.table(name).titleEn();
        }
        if (kind.equals("dataset")
                && schemas.datasets().stream().anyMatch(d -> d.dataset().equals(name))) {
            return "k-anonymous research records: " + schemas.dataset(name).description();
        }
        return "";
    }

    /** A view's columns: name, type, description and code list (from schemas/). */
    private SqlSandbox.Result describe(SqlSandbox.View v) {
        List<Object[]> rows = new ArrayList<>();
        for (java.util.Map.Entry<String, String> c : v.columns().entrySet()) {
            String description = "";
            String codes = "";
            if (v.kind().equals("table")
                    && schemas.tables().stream().anyMatch(t -> t.table().equals(v.name()))) {
                for (TableSchema.Column col : schemas.table(v.name()).columns()) {
                    if (col.name().equals(c.getKey())) {
                        description = col.description() == null ? "" : col.description();
                        codes = col.codes() == null ? "" : col.codes();
                    }
                }
            } else if (schemas.datasets().stream().anyMatch(d -> d.dataset().equals(v.name()))) {
                DatasetSchema d = schemas.dataset(v.name());
                if (d.hasField(c.getKey())) {
                    FieldSpec f = d.field(c.getKey());
                    description = f.description();
                    codes = f.codeList().orElse("");
                } else if (c.getKey().equals("record_id")) {
                    description = "A new identifier for this release only: it links nothing across releases or to "
                            + "the hotline's records.";
                }
            }
            rows.add(new Object[] {c.getKey(), c.getValue(), description, codes});
        }
        return new SqlSandbox.Result(
                List.of("column", "type", "description", "code_list"),
                List.of("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"),
                rows,
                false);
    }

    /** Prints the rows read as an aligned text table; NULL for suppressed (missing) values. */
    private void print(SqlSandbox.Result result, PrintWriter w) {
        String[] header = result.columns().toArray(String[]::new);
        List<String[]> cells = new ArrayList<>();
        int[] width = Arrays.stream(header).mapToInt(String::length).toArray();
        for (Object[] row : result.rows()) {
            String[] c = new String[header.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = row[i] == null ? "NULL" : text(row[i]);
                width[i] = Math.max(width[i], c[i].length());
            }
            cells.add(c);
        }
        w.println(line(header, width));
        w.println(line(Arrays.stream(width).mapToObj("-"::repeat).toArray(String[]::new), width));
        for (String[] c : cells) {
            w.println(line(c, width));
        }
        int n = result.rows().size();
        w.println(
                result.more()
                        ? "(first " + n + " rows; use --max-rows or --out for more)"
                        : "(" + n + (n == 1 ? " row)" : " rows)"));
    }

    /**
     * A cell as text. A list (the microdata's multi-valued fields) is written as its items joined with {@code |}, as
     * the hotline's exports write them, rather than as Scala's {@code ArraySeq(...)}.
     */
    static String text(Object value) {
        if (value instanceof Iterable<?> items) {
            StringBuilder b = new StringBuilder();
            for (Object item : items) {
                b.append(b.isEmpty() ? "" : "|").append(item);
            }
            return b.toString();
        }
        return String.valueOf(value);
    }

    private static String line(String[] values, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(" | ");
            }
            b.append(String.format("%-" + width[i] + "s", values[i]));
        }
        return b.toString().stripTrailing();
    }

    private static void write(SqlSandbox.Result result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (file.getFileName().toString().endsWith(".csv")) {
                try (BufferedWriter bw = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                        CSVPrinter p = new CSVPrinter(
                                bw,
                                CSVFormat.RFC4180
                                        .builder()
                                        .setRecordSeparator("\n")
                                        .get())) {
                    p.printRecord(result.columns());
                    for (Object[] row : result.rows()) {
                        Object[] values = new Object[row.length];
                        for (int i = 0; i < values.length; i++) {
                            values[i] =
                                    ca.hotlinetrends.publish.SpreadsheetSafe.cell(row[i] == null ? null : text(row[i]));
                        }
                        p.printRecord(values);
                    }
                }
                return;
            }
            ParquetOut.write(result, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
