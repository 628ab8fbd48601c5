// Shared first cell of the hotline-trends notebooks (`%load setup.jsh`, in the rapaio Java kernel that
// run-notebooks.sh installs with the project's classpath).
//
// Defines: warehouse, release, releaseDir (the published release the notebooks read), spark (a local Spark
// session), one temporary view per published table and microdata dataset (named after its folder), and the
// helpers about(), show(df), showRows(df, n), showSql(query), styled(chart), showChart(chart, name) and
// readJson(path). (What a %load prints does not reach the notebook: call about() to see what was loaded.)
//
// Settings, from the environment:
//   HOTLINE_WAREHOUSE     warehouse folder (default ../warehouse, i.e. the repository's when run from notebooks/)
//   HOTLINE_RELEASE       release quarter, e.g. 2026Q3 (default: the latest under <warehouse>/published/)
//   HOTLINE_SPARK_MASTER  Spark master (default local[2])
//   HOTLINE_CHART_DIR     if set, every chart shown is also written there as PNG
//
// Only published/ is read (the release's folder, and for the microdata the closed-year extracts of the releases up
// to it), never restricted/.

// java.util.* and java.io.* come with the kernel's own start-up imports. Importing java.util.* again would hide
// the kernel's display(...) from later snippets (a JShell quirk), so it is not repeated here.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.*;
import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;

String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
}

/** The latest release folder (YYYYQn) under published/, as the `sql` command picks it. */
String latestRelease(Path published) {
    if (!Files.isDirectory(published)) {
        throw new IllegalStateException("no published/ folder in " + published.getParent()
                + ": set HOTLINE_WAREHOUSE to a warehouse, or run bin/hotline-trends demo");
    }
    try (Stream<Path> dirs = Files.list(published)) {
        return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .filter(n -> n.matches("\\d{4}Q[1-4]")).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no release under " + published));
    } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + published, e);
    }
}

Path warehouse = Path.of(env("HOTLINE_WAREHOUSE", "../warehouse")).toAbsolutePath().normalize();
String release = Optional.ofNullable(env("HOTLINE_RELEASE", null)).orElseGet(() -> latestRelease(warehouse.resolve("published")));
Path releaseDir = warehouse.resolve("published").resolve(release);
if (!Files.isDirectory(releaseDir)) {
    throw new IllegalStateException("release " + release + " is not published: no folder " + releaseDir);
}

/**
 * A local session: UI off, bound to the loopback interface, UTC, as the pipeline's own sessions. Built, as theirs are,
 * from the classic session's builder: SparkSession.builder() first finds the implementation (classic or Connect)
 * through Scala runtime reflection, about a second of a cold kernel's first cell. It is the same SparkSession.
 */
SparkSession startSpark() {
    return org.apache.spark.sql.classic.SparkSession.builder()
            .appName("hotline-trends notebook")
            .master(env("HOTLINE_SPARK_MASTER", "local[2]"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
}

SparkSession spark = startSpark();

/** Registers every Parquet folder under releaseDir/kind/ as a view; returns the view names. */
List<String> registerViews(String kind) {
    Path folder = releaseDir.resolve(kind);
    if (!Files.isDirectory(folder)) {
        return List.of();
    }
    try (Stream<Path> dirs = Files.list(folder)) {
        List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .filter(n -> n.matches("[a-z][a-z0-9_]*")).sorted().toList();
        for (String name : names) {
            spark.read().parquet(folder.resolve(name).toString()).createOrReplaceTempView(name);
        }
        return names;
    } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
    }
}

List<String> tables = registerViews("tables");

/**
 * Registers each record-level dataset as a view over every folder that holds its records as of the release, as the
 * `sql` command does: with closed-year extracts each year's records are published once, in the first release after
 * the year ends, so the records up to a release are those of every such extract up to it (SqlSandbox.recordFolders).
 */
List<String> registerRecordViews() {
    Map<String, List<String>> folders = ca.hotlinetrends.publish.SqlSandbox.recordFolders(
            new ca.hotlinetrends.warehouse.Warehouse(warehouse), ca.hotlinetrends.calendar.Quarter.parse(release));
    for (Map.Entry<String, List<String>> f : folders.entrySet()) {
        spark.read().option("mergeSchema", "true").parquet(f.getValue().toArray(new String[0]))
                .createOrReplaceTempView(f.getKey());
    }
    return new ArrayList<>(folders.keySet());
}

List<String> datasets = registerRecordViews();

String escapeHtml(Object value) {
    return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
}

/** A cell as shown: NULL (a suppressed or undefined number in Parquet), arrays as [a, b], doubles to 4 significant digits. */
String cellHtml(Object value) {
    if (value == null) {
        return "<span style=\"color:#999\">NULL</span>";
    }
    if (value instanceof scala.collection.Iterable<?> items) {
        List<String> parts = new ArrayList<>();
        scala.jdk.javaapi.CollectionConverters.asJava(items).forEach(item -> parts.add(escapeHtml(item)));
        return "[" + String.join(", ", parts) + "]";
    }
    if (value instanceof Double d) {
        return d.isNaN() || d.isInfinite() ? d.toString() : String.format(Locale.ROOT, "%.4g", d);
    }
    return escapeHtml(value);
}

// (JShell resolves overloads declared in separate snippets poorly, hence one name per helper.)

/** Shows up to maxRows rows of a Dataset as an HTML table. */
void showRows(Dataset<Row> df, int maxRows) {
    String[] columns = df.columns();
    List<Row> rows = df.limit(maxRows + 1).collectAsList();
    StringBuilder html = new StringBuilder("<table><thead><tr>");
    for (String c : columns) {
        html.append("<th>").append(escapeHtml(c)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (Row row : rows.subList(0, Math.min(maxRows, rows.size()))) {
        html.append("<tr>");
        for (int i = 0; i < columns.length; i++) {
            Object v = row.get(i);
            String align = v instanceof Number ? "right" : "left";
            html.append("<td style=\"text-align:").append(align).append("\">").append(cellHtml(v)).append("</td>");
        }
        html.append("</tr>");
    }
    html.append("</tbody></table>");
    if (rows.size() > maxRows) {
        html.append("<p>first ").append(maxRows).append(" rows shown</p>");
    }
    display("text/html", html.toString());
}

/** Shows up to 60 rows of a Dataset as an HTML table. */
void show(Dataset<Row> df) {
    showRows(df, 60);
}

/** Runs a Spark SQL query over the views and shows up to 60 rows of the result. */
void showSql(String query) {
    showRows(spark.sql(query), 60);
}

/** The Okabe-Ito colours: told apart with the common colour-vision deficiencies. */
Color[] palette = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

/** The notebooks' chart style, applied to one chart: white background, light grid, palette, flat bars. */
JFreeChart styled(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    AbstractRenderer renderer = null;
    if (chart.getPlot() instanceof XYPlot xy) {
        xy.setBackgroundPaint(Color.WHITE);
        xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
        xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        renderer = (AbstractRenderer) xy.getRenderer();
    } else if (chart.getPlot() instanceof CategoryPlot category) {
        category.setBackgroundPaint(Color.WHITE);
        category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (category.getRenderer() instanceof BarRenderer bars) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
        }
        renderer = (AbstractRenderer) category.getRenderer();
    }
    if (renderer != null) {
        for (int i = 0; i < palette.length; i++) {
            renderer.setSeriesPaint(i, palette[i]);
        }
    }
    return chart;
}

/** Renders a chart to PNG and shows it (and writes it to HOTLINE_CHART_DIR/<name>.png when that is set). */
void showChart(JFreeChart chart, String name) {
    try {
        byte[] png = ChartUtils.encodeAsPNG(chart.createBufferedImage(860, 480));
        String dir = env("HOTLINE_CHART_DIR", null);
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), png);
        }
        display("image/png", Base64.getEncoder().encodeToString(png));
    } catch (IOException e) {
        throw new UncheckedIOException("cannot render chart " + name, e);
    }
}

JsonNode readJson(Path file) {
    try {
        return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
    }
}

/** Prints which warehouse, release, views and Spark the notebook uses. */
void about() {
    System.out.println("warehouse " + warehouse);
    System.out.println("release   " + release + (Files.exists(releaseDir.resolve("_RELEASE_COMPLETE")) ? ""
            : " (no _RELEASE_COMPLETE marker: a stage was re-run in place)"));
    System.out.println("tables    " + String.join(", ", tables));
    System.out.println("microdata " + String.join(", ", datasets));
    System.out.println("Spark     " + spark.version() + " on " + spark.sparkContext().master() + ", Java " + System.getProperty("java.version"));
}
