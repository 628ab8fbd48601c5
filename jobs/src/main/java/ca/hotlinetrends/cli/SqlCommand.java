package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.PublishedCatalog;
import ca.hotlinetrends.publish.SqlStatements;
import ca.hotlinetrends.warehouse.Warehouse;
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
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Query a published release with Spark SQL: every table and microdata dataset of the release is a "
                + "view named after it (e.g. cases_by_province, victims).",
            "Only read-only queries on those views are accepted; paths, files, table functions and commands are refused.",
            "Without a query, reads ';'-terminated statements from standard input."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--release", description = "Release quarter, e.g. 2026Q3 (default: the latest published).")
    String release;

    @Option(names = "--out", description = "Write the result to FILE.csv or FILE.parquet instead of printing it.")
    Path out;

    @Option(names = "--max-rows", defaultValue = "200", description = "Rows printed at most (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "A SQL query; omit it to read statements from standard input.")
    String query;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be at least 1, was " + maxRows);
        }
        Warehouse warehouse = common.warehouse();
        if (out != null) {
            String name = out.getFileName().toString();
            if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
                throw new IllegalArgumentException("--out must end with .csv or .parquet: " + out);
            }
            if (out.toAbsolutePath().normalize().startsWith(warehouse.root())) {
                throw new IllegalArgumentException("--out cannot be inside the warehouse: " + out);
            }
            if (query == null) {
                throw new IllegalArgumentException("--out needs a QUERY argument");
            }
        }
        Quarter r = release == null ? PublishedCatalog.latestRelease(warehouse) : Quarter.parse(release);
        HotlineConfig config = common.config();
        SparkSession spark = common.spark(config, "sql");
        try {
            PublishedCatalog catalog = PublishedCatalog.open(spark, warehouse, r);
            PrintWriter w = spec.commandLine().getOut();
            if (query != null) {
                run(catalog, query, w);
                return HotlineTrends.OK;
            }
            return interactive(catalog, w, spec.commandLine().getErr());
        } finally {
            spark.stop();
        }
    }

    private int interactive(PublishedCatalog catalog, PrintWriter w, PrintWriter err) {
        boolean tty = System.console() != null;
        if (tty) {
            w.println("release " + catalog.release() + "; views: "
                    + String.join(", ", catalog.views().stream().map(PublishedCatalog.View::name).toList()));
            w.print("sql> ");
            w.flush();
        }
        int exit = HotlineTrends.OK;
        SqlStatements statements = new SqlStatements();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                for (String s : statements.feed(line + "\n")) {
                    exit = Math.max(exit, runReporting(catalog, s, w, err));
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
            exit = Math.max(exit, runReporting(catalog, rest, w, err));
        }
        return exit;
    }

    private int runReporting(PublishedCatalog catalog, String sql, PrintWriter w, PrintWriter err) {
        try {
            run(catalog, sql, w);
            return HotlineTrends.OK;
        } catch (IllegalArgumentException e) {
            err.println("hotline-trends: " + e.getMessage());
            err.flush();
            return HotlineTrends.BAD_USAGE;
        }
    }

    private void run(PublishedCatalog catalog, String sql, PrintWriter w) {
        Dataset<Row> result = catalog.query(sql);
        try {
            if (out != null) {
                write(result, out);
                w.println("wrote " + out);
            } else {
                print(result, w);
            }
        } catch (RuntimeException e) {
            throw PublishedCatalog.sqlError(e);
        }
        w.flush();
    }

    /** Prints at most {@code maxRows} rows as an aligned text table; NULL for suppressed (missing) values. */
    private void print(Dataset<Row> result, PrintWriter w) {
        String[] header = result.columns();
        List<Row> rows = result.limit(maxRows + 1).collectAsList();
        List<String[]> cells = new ArrayList<>();
        int[] width = Arrays.stream(header).mapToInt(String::length).toArray();
        for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
            String[] c = new String[header.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = row.isNullAt(i) ? "NULL" : text(row.get(i));
                width[i] = Math.max(width[i], c[i].length());
            }
            cells.add(c);
        }
        w.println(line(header, width));
        w.println(line(Arrays.stream(width).mapToObj("-"::repeat).toArray(String[]::new), width));
        for (String[] c : cells) {
            w.println(line(c, width));
        }
        w.println(rows.size() > maxRows ? "(first " + maxRows + " rows; use --max-rows or --out for more)"
                : "(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    /**
     * A cell as text. A list (the microdata's multi-valued fields) is written as its items joined with {@code |}, as
     * the hotline's exports write them, rather than as Scala's {@code ArraySeq(...)}.
     */
    static String text(Object value) {
        if (value instanceof scala.collection.Iterable<?> items) {
            return items.mkString("|");
        }
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

    private static void write(Dataset<Row> result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (file.getFileName().toString().endsWith(".csv")) {
                try (BufferedWriter bw = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                        CSVPrinter p = new CSVPrinter(bw, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
                    p.printRecord((Object[]) result.columns());
                    Iterator<Row> it = result.toLocalIterator();
                    while (it.hasNext()) {
                        Row row = it.next();
                        Object[] values = new Object[row.length()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = ca.hotlinetrends.publish.SpreadsheetSafe.cell(row.isNullAt(i) ? null : text(row.get(i)));
                        }
                        p.printRecord(values);
                    }
                }
                return;
            }
            Path tmp = Files.createTempDirectory(parent, ".sql-out-");
            Path folder = tmp.resolve("data");
            result.coalesce(1).write().parquet(folder.toString());
            try (Stream<Path> parts = Files.list(folder)) {
                Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Spark wrote no Parquet file in " + folder));
                Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
