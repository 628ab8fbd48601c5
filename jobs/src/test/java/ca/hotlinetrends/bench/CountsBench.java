package ca.hotlinetrends.bench;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.spark.SparkSessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The peers of {@code run} for the benchmark (not a test): the same quarterly counts as the 14 count tables,
 * straight from the export CSVs with no validation and no protection, computed by (a) Spark (the floor: what the
 * pipeline cannot beat) and (b) DuckDB in one process through its JDBC driver (what an analyst might use instead).
 * Both run the same SQL, written from {@code schemas/tables/}: one GROUP BY per table on the export headers, the
 * quarter cut from the date text, multi-valued fields split on {@code |}, distinct cases counted for case tables.
 * Each engine reads the two CSVs once into memory (a cached DataFrame, a DuckDB table) and then runs the 14
 * queries; the timing covers both. Prints the median of {@code runs} timings of each (in this process, after the
 * JVM has started).
 * Usage: {@code CountsBench <export folder> <runs> spark|duckdb|both}. DuckDB's JDBC jar must be on the classpath.
 */
public final class CountsBench {

    private CountsBench() {}

    /** How the two engines spell the few things that differ. */
    record Dialect(char quote, String splitTemplate) {
        String q(String identifier) {
            return quote + identifier + quote;
        }

        /** One row per item of a {@code |}-separated field. */
        String explode(String column) {
            return String.format(splitTemplate, q(column));
        }
    }

    static final Dialect SPARK = new Dialect('`', "explode(split(%s, '[|]'))");
    static final Dialect DUCKDB = new Dialect('"', "unnest(string_split(%s, '|'))");

    /** The quarter of an ISO date held as text, e.g. {@code 2026Q3}. */
    static String quarter(String dateColumn) {
        String month = "substr(" + dateColumn + ", 6, 2)";
        return "concat(substr(" + dateColumn + ", 1, 4), CASE WHEN " + month + " <= '03' THEN 'Q1' WHEN " + month
                + " <= '06' THEN 'Q2' WHEN " + month + " <= '09' THEN 'Q3' ELSE 'Q4' END)";
    }

    /** One SQL query per count table, over views named {@code contacts} and {@code victims}. */
    static List<String> queries(SchemaRegistry schemas, Dialect d) {
        List<String> out = new ArrayList<>();
        for (TableSchema t : schemas.tables()) {
            if (!t.isCountTable()) {
                continue;
            }
            boolean cases = t.counts().equals("distinct case_ref");
            DatasetSchema source = schemas.dataset(cases ? "victims" : t.sourceDataset());
            String date = d.q(source.field(source.dateField()).exportHeader());
            String measure =
                    cases ? "count(DISTINCT " + d.q(source.field("case_ref").exportHeader()) + ")" : "count(*)";
            List<String> keys = new ArrayList<>();
            keys.add(quarter(date) + " AS q");
            String from = source.dataset();
            for (TableSchema.Dimension dim : t.categoryDimensions()) {
                FieldSpec f = source.field(dim.name());
                if (f.type() == FieldType.STRING_LIST) {
                    from = "(SELECT " + date + ", " + d.explode(f.exportHeader()) + " AS item FROM " + source.dataset()
                            + ") x";
                    keys.add("item");
                } else {
                    keys.add(d.q(f.exportHeader()));
                }
            }
            List<String> groupBy = new ArrayList<>();
            for (int i = 1; i <= keys.size(); i++) {
                groupBy.add(Integer.toString(i));
            }
            out.add("SELECT " + String.join(", ", keys) + ", " + measure + " AS n FROM " + from + " GROUP BY "
                    + String.join(", ", groupBy));
        }
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static void main(String[] args) throws SQLException {
        Path export = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String which = args.length > 2 ? args[2] : "both";
        SchemaRegistry schemas = SchemaRegistry.load();
        if (!which.equals("duckdb")) {
            SparkSession spark = SparkSessions.create(HotlineConfig.defaults().spark(), "counts bench");
            double[] t = new double[runs];
            long rows = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                for (String ds : List.of("contacts", "victims")) {
                    // Read once and kept in memory for the 14 queries, as an analyst would.
                    var df = spark.read()
                            .option("header", "true")
                            .csv(export.resolve(ds + ".csv").toString())
                            .cache();
                    df.count();
                    df.createOrReplaceTempView(ds);
                }
                rows = 0;
                for (String sql : queries(schemas, SPARK)) {
                    rows += spark.sql(sql).collectAsList().size();
                }
                t[r] = (System.nanoTime() - t0) / 1e9;
                spark.catalog().clearCache();
            }
            System.out.printf("spark_counts_median_seconds %.2f runs %d result_rows %d%n", median(t), runs, rows);
            spark.stop();
        }
        if (!which.equals("spark")) {
            double[] t = new double[runs];
            long rows = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                        Statement s = c.createStatement()) {
                    for (String ds : List.of("contacts", "victims")) {
                        s.execute("CREATE TABLE " + ds + " AS SELECT * FROM read_csv('"
                                + export.resolve(ds + ".csv").toString().replace("'", "''")
                                + "', header = true, all_varchar = true)");
                    }
                    rows = 0;
                    for (String sql : queries(schemas, DUCKDB)) {
                        try (ResultSet rs = s.executeQuery(sql)) {
                            while (rs.next()) {
                                rows++;
                            }
                        }
                    }
                }
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf("duckdb_counts_median_seconds %.2f runs %d result_rows %d%n", median(t), runs, rows);
        }
    }
}
