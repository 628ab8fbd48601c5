import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The peer of {@code sql} in bench/small.sh: a bare JVM that opens DuckDB through its JDBC driver, makes a view of
 * one published Parquet dataset and prints the answer to one query. Compiled by the script; not part of the jar.
 * Usage: java -cp duckdb_jdbc.jar:. DuckDbQuery VIEW PARQUET_GLOB SQL
 */
public final class DuckDbQuery {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("CREATE VIEW " + args[0] + " AS SELECT * FROM read_parquet('" + args[1] + "')");
            try (ResultSet r = s.executeQuery(args[2])) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        line.append(i > 1 ? "\t" : "").append(r.getString(i));
                    }
                    System.out.println(line);
                }
            }
        }
    }
}
