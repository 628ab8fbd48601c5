package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTVFAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.internal.SessionState;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The published tables and microdata datasets of one release as Spark SQL temporary views, for researchers.
 *
 * <p>Contract: only {@code published/<release>/} is reachable. Each statement is parsed with Spark's own parser
 * and accepted only if it is a read-only query whose relations are the registered views (or its own CTEs): any
 * command (DDL, DML, {@code SET}, {@code ADD JAR}, {@code LOAD DATA}, ...), table-valued function
 * ({@code read_files}, ...), qualified name ({@code parquet.`/path`}, {@code db.table}) or other name is refused
 * before anything runs. After analysis a second, independent check requires every leaf of the plan to be a
 * Parquet relation under the release folder or an inline value. The views live in an isolated session (own
 * temporary views and SQL configuration, SQL on files and SQL scripting off), so they do not leak into the
 * caller's session. Not thread-safe.
 */
public final class PublishedCatalog {

    /** A view: its name, the folder it reads and whether it is a table or a microdata dataset. */
    public record View(String name, String kind, Path folder) {
    }

    private static final String NAME = "[a-z][a-z0-9_]*";

    private final SparkSession session;
    private final Quarter release;
    private final Path releaseDir;
    private final Map<String, View> views;

    private PublishedCatalog(SparkSession session, Quarter release, Path releaseDir, Map<String, View> views) {
        this.session = session;
        this.release = release;
        this.releaseDir = releaseDir;
        this.views = views;
    }

    /** The latest release under {@code published/}, or an {@link IllegalArgumentException} when there is none. */
    public static Quarter latestRelease(Warehouse warehouse) {
        List<Quarter> releases = warehouse.publishedReleases();
        if (releases.isEmpty()) {
            throw new IllegalArgumentException("no release published under " + warehouse.published());
        }
        return releases.get(releases.size() - 1);
    }

    /**
     * Registers every table ({@code tables/<table>/}) and dataset ({@code microdata/<dataset>/}) of the release as a
     * view in a new session that shares {@code spark}'s context.
     */
    public static PublishedCatalog open(SparkSession spark, Warehouse warehouse, Quarter release) {
        Path releaseDir = warehouse.release(release);
        if (!Files.isDirectory(releaseDir)) {
            throw new IllegalArgumentException("release " + release + " is not published: no folder " + releaseDir);
        }
        Map<String, View> views = new TreeMap<>();
        addViews(views, releaseDir.resolve("tables"), "table");
        addViews(views, releaseDir.resolve("microdata"), "dataset");
        if (views.isEmpty()) {
            throw new IllegalArgumentException("release " + release + " has no table or dataset under " + releaseDir);
        }
        SparkSession session = spark.newSession();
        session.conf().set("spark.sql.runSQLOnFiles", "false");
        session.conf().set("spark.sql.scripting.enabled", "false");
        for (View v : views.values()) {
            session.read().parquet(v.folder().toString()).createOrReplaceTempView(v.name());
        }
        return new PublishedCatalog(session, release, releaseDir, views);
    }

    private static void addViews(Map<String, View> views, Path folder, String kind) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = d.getFileName().toString();
                if (!name.matches(NAME)) {
                    continue;
                }
                View previous = views.put(name, new View(name, kind, d));
                if (previous != null) {
                    throw new IllegalStateException("a table and a dataset are both named " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    public Quarter release() {
        return release;
    }

    public List<View> views() {
        return List.copyOf(views.values());
    }

    /** The isolated session holding the views. */
    public SparkSession session() {
        return session;
    }

    /**
     * Checks and plans a statement. Throws {@link IllegalArgumentException} when the statement is refused or is
     * not valid SQL (its message says which); runtime errors surface when the result is collected.
     */
    public Dataset<Row> query(String sql) {
        SessionState state = ((org.apache.spark.sql.classic.SparkSession) session).sessionState();
        try {
            LogicalPlan parsed = state.sqlParser().parsePlan(sql);
            checkParsed(parsed);
            // Analysed without running anything (commands would run eagerly in session.sql), then checked again.
            checkAnalyzed(state.executePlan(parsed, CommandExecutionMode.SKIP()).analyzed());
            return session.sql(sql);
        } catch (Exception e) {
            throw sqlError(e);
        }
    }

    /** Turns Spark's SQL errors (parse, analysis, runtime) into a bad-usage error with Spark's message. */
    public static RuntimeException sqlError(Exception e) {
        if (e instanceof IllegalArgumentException iae) {
            return iae;
        }
        Throwable t = e;
        while (t != null) {
            if (t instanceof SparkThrowable || t instanceof AnalysisException) {
                return new IllegalArgumentException("SQL error: " + t.getMessage(), e);
            }
            t = t.getCause();
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }

    private void checkParsed(LogicalPlan root) {
        Set<String> ctes = new HashSet<>();
        visit(root, p -> {
            if (p instanceof UnresolvedWith w) {
                for (Tuple3<String, ?, ?> cte : CollectionConverters.asJava(w.cteRelations())) {
                    ctes.add(cte._1().toLowerCase(Locale.ROOT));
                }
            }
        });
        visit(root, p -> {
            String type = p.getClass().getSimpleName();
            if (p instanceof Command || p instanceof InsertIntoStatement || type.endsWith("Command")
                    || type.endsWith("Statement") || type.startsWith("Compound") || type.startsWith("Insert")) {
                throw refused("only read-only queries (SELECT, WITH, VALUES) are allowed, not " + type);
            }
            if (p instanceof UnresolvedTableValuedFunction || p instanceof UnresolvedTVFAliases) {
                throw refused("table functions (read_files, range, ...) are not allowed; query the views: " + names());
            }
            if (p instanceof UnresolvedRelation r) {
                List<String> parts = CollectionConverters.asJava(r.multipartIdentifier());
                String name = String.join(".", parts);
                if (parts.size() != 1 || !(views.containsKey(parts.get(0).toLowerCase(Locale.ROOT))
                        || ctes.contains(parts.get(0).toLowerCase(Locale.ROOT)))) {
                    throw refused("only the tables and datasets of release " + release + " can be queried, not "
                            + name + " (paths, files and other catalogs are not reachable); views: " + names());
                }
            }
        });
    }

    private void checkAnalyzed(LogicalPlan analyzed) {
        visit(analyzed, p -> {
            if (p instanceof Command) {
                throw refused("only read-only queries are allowed, not " + p.nodeName());
            }
            if (!p.children().isEmpty()) {
                return;
            }
            if (p instanceof LogicalRelation lr && lr.relation() instanceof HadoopFsRelation fs) {
                for (org.apache.hadoop.fs.Path root : CollectionConverters.asJava(fs.location().rootPaths())) {
                    Path local = Paths.get(root.toUri().getPath()).toAbsolutePath().normalize();
                    if (!local.startsWith(releaseDir)) {
                        throw refused("the query reads outside release " + release);
                    }
                }
                return;
            }
            if (p instanceof LocalRelation || p instanceof OneRowRelation || p instanceof CTERelationRef) {
                return;
            }
            throw refused("the query reads a source that is not a view of release " + release + ": " + p.nodeName());
        });
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("refused: " + why);
    }

    private String names() {
        return String.join(", ", views.keySet());
    }

    /** Every node of a plan: children, inner children (CTE bodies, view plans) and subquery plans. */
    private static void visit(LogicalPlan plan, Consumer<LogicalPlan> f) {
        List<LogicalPlan> todo = new ArrayList<>();
        todo.add(plan);
        while (!todo.isEmpty()) {
            LogicalPlan p = todo.remove(todo.size() - 1);
            f.accept(p);
            for (Object c : CollectionConverters.asJava(p.children())) {
                todo.add((LogicalPlan) c);
            }
            for (Object c : CollectionConverters.asJava(p.innerChildren())) {
                if (c instanceof LogicalPlan lp) {
                    todo.add(lp);
                }
            }
            for (Object c : CollectionConverters.asJava(p.subqueries())) {
                if (c instanceof LogicalPlan lp) {
                    todo.add(lp);
                }
            }
            if (p instanceof UnresolvedWith w) {
                for (Tuple3<String, ?, ?> cte : CollectionConverters.asJava(w.cteRelations())) {
                    if (cte._2() instanceof LogicalPlan lp) {
                        todo.add(lp);
                    }
                }
            }
        }
    }
}
