package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The published tables and microdata datasets of one release as views of an in-memory DuckDB database, for
 * researchers' read-only queries.
 *
 * <p>Two independent fences. First, {@link #query} accepts a statement only if its syntax tree, obtained from
 * DuckDB's parser without executing anything, passes {@link SqlAllowList}. Second, before the first statement the
 * database is locked down: external access off except for the release folder ({@code allowed_directories}),
 * extensions neither installed nor loaded, the configuration locked; so even a statement the check missed can
 * read nothing but the release and write nothing anywhere. Views are defined over the release's Parquet files
 * only, and, where its record-level extracts are closed-year ones, over the extracts of the releases before it
 * (each record is in one of them; their {@code microdata/} folders are then allowed too); nothing under {@code
 * restricted/}, {@code ledger/} or another release's tables is opened. Not thread-safe; close it.
 */
public final class SqlSandbox implements AutoCloseable {

    /** A view: its name, whether it is a table or a microdata dataset, and its columns (name to DuckDB type). */
    public record View(String name, String kind, Map<String, String> columns) {}

    /** A result: column names and types, and the rows read (values as JDBC gives them). */
    public record Result(List<String> columns, List<String> types, List<Object[]> rows, boolean more) {}

    private static final String NAME = "[a-z][a-z0-9_]*";

    private final Connection connection;
    private final Quarter release;
    private final Map<String, View> views;
    private final Path tempDir;

    private SqlSandbox(Connection connection, Quarter release, Map<String, View> views, Path tempDir) {
        this.connection = connection;
        this.release = release;
        this.views = views;
        this.tempDir = tempDir;
    }

    /** The latest release under {@code published/}, or an {@link IllegalArgumentException} when there is none. */
    public static Quarter latestRelease(Warehouse warehouse) {
        List<Quarter> releases = warehouse.publishedReleases();
        if (releases.isEmpty()) {
            throw new IllegalArgumentException("no release published under " + warehouse.published());
        }
        return releases.get(releases.size() - 1);
    }

    /** Opens a sandbox over every table and dataset of {@code release}. */
    public static SqlSandbox open(Warehouse warehouse, Quarter release) {
        Path releaseDir = warehouse.release(release).toAbsolutePath().normalize();
        if (!Files.isDirectory(releaseDir)) {
            throw new IllegalArgumentException("release " + release + " is not published: no folder " + releaseDir);
        }
        Map<String, List<String>> folders = new TreeMap<>();
        Map<String, String> kinds = new TreeMap<>();
        addFolders(folders, kinds, releaseDir.resolve("tables"), "table");
        List<String> allowed = new ArrayList<>();
        allowed.add(releaseDir + "/");
        for (Map.Entry<String, List<String>> r :
                recordFolders(warehouse, release).entrySet()) {
            if (folders.put(r.getKey(), r.getValue()) != null) {
                throw new IllegalStateException("a table and a dataset are both named " + r.getKey());
            }
            kinds.put(r.getKey(), "dataset");
            r.getValue().stream()
                    .filter(folder -> !folder.startsWith(releaseDir + "/"))
                    .forEach(folder -> allowed.add(folder + "/"));
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("release " + release + " has no table or dataset under " + releaseDir);
        }
        Path temp = null;
        Connection c = null;
        try {
            temp = Files.createTempDirectory("hotline-sql-");
            c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, List<String>> f : folders.entrySet()) {
                    List<String> globs = f.getValue().stream()
                            .map(folder -> literal(folder + "/*.parquet"))
                            .toList();
                    s.execute("CREATE VIEW " + f.getKey() + " AS SELECT * FROM read_parquet("
                            + (globs.size() == 1
                                    ? globs.get(0) + ", hive_partitioning = false"
                                    : "[" + String.join(", ", globs)
                                            + "], hive_partitioning = false, union_by_name = true")
                            + ")");
                }
                s.execute("SET temp_directory = " + literal(temp.toString()));
                s.execute("SET allowed_directories = ["
                        + allowed.stream().map(SqlSandbox::literal).collect(Collectors.joining(", ")) + "]");
                s.execute("SET enable_external_access = false");
                s.execute("SET autoinstall_known_extensions = false");
                s.execute("SET autoload_known_extensions = false");
                s.execute("SET lock_configuration = true");
            }
            Map<String, View> views = new TreeMap<>();
            for (String name : folders.keySet()) {
                Map<String, String> columns = new java.util.LinkedHashMap<>();
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("DESCRIBE " + name)) {
                    while (r.next()) {
                        columns.put(r.getString("column_name"), r.getString("column_type"));
                    }
                }
                views.put(name, new View(name, kinds.get(name), columns));
            }
            return new SqlSandbox(c, release, views, temp);
        } catch (SQLException | IOException e) {
            closeQuietly(c);
            deleteQuietly(temp);
            throw new IllegalStateException("cannot open release " + release + " for queries: " + e.getMessage(), e);
        }
    }

    /**
     * Per record-level dataset (by name), the folders of Parquet files that together hold its records as of {@code
     * release}: those of every closed-year extract up to it ({@link #closedYearRecords}), or else the release's own
     * {@code microdata/<dataset>/}. What the {@code sql} views read, and the notebooks' views too ({@code
     * notebooks/setup.jsh}), so that both count the same records.
     */
    public static Map<String, List<String>> recordFolders(Warehouse warehouse, Quarter release) {
        Map<String, List<String>> records = closedYearRecords(warehouse, release);
        if (records.isEmpty()) {
            Map<String, String> kinds = new TreeMap<>();
            addFolders(
                    records,
                    kinds,
                    warehouse.release(release).toAbsolutePath().normalize().resolve("microdata"),
                    "dataset");
        }
        return records;
    }

    /**
     * Per dataset, the record folders that together hold its records as of {@code release} when the release's
     * extracts are closed-year ones (or it published none): each year's records are published once, in the first
     * release after the year ends, so the records up to a release are those of every closed-year extract published
     * up to it, each record once. Empty when the release published a cumulative extract (every record up to it, in
     * its own folder) or no release up to it published a closed-year one.
     */
    static Map<String, List<String>> closedYearRecords(Warehouse warehouse, Quarter release) {
        Map<String, List<String>> out = new TreeMap<>();
        List<MicrodataLinks.Extract> own = MicrodataLinks.extracts(warehouse.release(release));
        if (own.stream().anyMatch(x -> x.years() == null)) {
            return out;
        }
        for (Quarter q : warehouse.publishedReleases()) {
            if (q.compareTo(release) > 0) {
                continue;
            }
            for (MicrodataLinks.Extract x : MicrodataLinks.extracts(warehouse.release(q))) {
                if (x.years() == null || !x.dataset().matches(NAME) || !hasParquet(x.dir())) {
                    continue;
                }
                out.computeIfAbsent(x.dataset(), k -> new ArrayList<>())
                        .add(x.dir().toAbsolutePath().normalize().toString());
            }
        }
        return out;
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void addFolders(
            Map<String, List<String>> folders, Map<String, String> kinds, Path folder, String kind) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = d.getFileName().toString();
                if (!name.matches(NAME)) {
                    continue;
                }
                if (!hasParquet(d)) {
                    continue;
                }
                if (folders.put(name, List.of(d.toAbsolutePath().normalize().toString())) != null) {
                    throw new IllegalStateException("a table and a dataset are both named " + name);
                }
                kinds.put(name, kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** A SQL string literal. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    public Quarter release() {
        return release;
    }

    public List<View> views() {
        return List.copyOf(views.values());
    }

    /** The view of that name (any case), or an {@link IllegalArgumentException} naming close matches. */
    public View view(String name) {
        View v = views.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new IllegalArgumentException("no view " + name + " in release " + release
                    + SqlAllowList.closeMatches(name.toLowerCase(Locale.ROOT), views.keySet()));
        }
        return v;
    }

    /**
     * Checks a statement against {@link SqlAllowList}, then runs it and reads at most {@code maxRows} rows (all
     * when negative). Throws {@link IllegalArgumentException} when the statement is refused or is not valid SQL.
     */
    public Result query(String sql, int maxRows) {
        check(sql);
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData m = r.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                columns.add(m.getColumnLabel(i));
                types.add(m.getColumnTypeName(i));
            }
            List<Object[]> rows = new ArrayList<>();
            boolean more = false;
            while (r.next()) {
                if (maxRows >= 0 && rows.size() == maxRows) {
                    more = true;
                    break;
                }
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    Object v = r.getObject(i + 1);
                    row[i] = v instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : v;
                }
                rows.add(row);
            }
            return new Result(columns, types, rows, more);
        } catch (SQLException e) {
            throw new IllegalArgumentException("SQL error: " + firstLine(e.getMessage()), e);
        }
    }

    /** Parses without executing and applies the allow-list. */
    void check(String sql) {
        JsonNode tree;
        try (PreparedStatement p = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
            p.setString(1, sql);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                tree = RunManifest.json().readTree(r.getString(1));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalArgumentException("SQL error: the statement cannot be parsed", e);
        }
        SqlAllowList.check(tree, views.keySet());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() {
        closeQuietly(connection);
        deleteQuietly(tempDir);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing to do: the database is in memory
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile());
        }
    }

    /** The view names, for messages. */
    public Set<String> viewNames() {
        return views.keySet();
    }
}
