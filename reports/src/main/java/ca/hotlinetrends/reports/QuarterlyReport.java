package ca.hotlinetrends.reports;

import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.chart.QuarterlyCountChart;
import ca.hotlinetrends.reports.table.PublishedTable;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Renders the quarterly newsletter (HTML, e-mail friendly: inline CSS, no scripts) and its charts from a
 * published release folder only. Deterministic: the same published tables give the same files.
 */
public final class QuarterlyReport {

    /** What was rendered. */
    public record Result(List<Path> charts, List<Path> documents) {
        public Result {
            charts = List.copyOf(charts);
            documents = List.copyOf(documents);
        }
    }

    private static final String CASES_TABLE = "cases_by_quarter_province";
    private static final int QUARTERS_SHOWN = 12;

    private QuarterlyReport() {
    }

    /**
     * @param releaseDir {@code published/<release>/}
     * @param release the release quarter, e.g. 2026Q3
     * @param languages {@code en} and/or {@code fr}
     * @param minCellCount the minimum cell count, for the source line and methods box
     */
    public static Result render(Path releaseDir, String release, List<String> languages, int minCellCount,
            ChartTheme theme) {
        PublishedTable cases = PublishedTable.read(releaseDir, CASES_TABLE);
        List<Map<String, String>> canada = cases.where(Map.of("province_code", "CA")).stream()
                .filter(r -> r.get("reference_quarter").compareTo(release) <= 0)
                .sorted((a, b) -> a.get("reference_quarter").compareTo(b.get("reference_quarter"))).toList();
        List<Map<String, String>> shown = canada.subList(Math.max(0, canada.size() - QUARTERS_SHOWN), canada.size());
        List<Path> charts = new ArrayList<>();
        List<Path> docs = new ArrayList<>();
        try {
            Files.createDirectories(releaseDir.resolve("charts"));
            Files.createDirectories(releaseDir.resolve("reports"));
            for (String lang : languages) {
                Messages m = Messages.of(lang);
                List<QuarterlyCountChart.Bar> bars = new ArrayList<>();
                for (Map<String, String> r : shown) {
                    bars.add(new QuarterlyCountChart.Bar(m.quarter(r.get("reference_quarter")),
                            PublishedTable.count(r, "cases")));
                }
                JFreeChart chart = QuarterlyCountChart.build(m.get("chart.cases.title"), m.get("chart.cases.axis"), bars,
                        m.get("chart.source", minCellCount), theme);
                String chartName = "cases-by-quarter-" + lang + ".png";
                Path png = releaseDir.resolve("charts").resolve(chartName);
                ChartUtils.saveChartAsPNG(png.toFile(), chart, theme.width(), theme.height());
                charts.add(png);

                Map<String, Object> model = new LinkedHashMap<>();
                model.put("lang", lang);
                model.put("title", m.get("newsletter.title"));
                model.put("subtitle", m.get("newsletter.subtitle", m.quarter(release)));
                model.put("headlineLabel", m.get("newsletter.headline"));
                Map<String, String> current = shown.isEmpty() ? null : shown.get(shown.size() - 1);
                model.put("headline", current == null ? m.get("newsletter.not.available")
                        : formatted(m, PublishedTable.count(current, "cases")));
                model.put("changeQuarterLabel", m.get("newsletter.change.quarter"));
                model.put("changeQuarter", change(m, shown, 1));
                model.put("changeYearLabel", m.get("newsletter.change.year"));
                model.put("changeYear", change(m, shown, 4));
                model.put("chart", "../charts/" + chartName);
                model.put("chartAlt", m.get("chart.cases.alt", shown.size(),
                        current == null ? m.get("newsletter.not.available")
                                : formatted(m, PublishedTable.count(current, "cases")), m.quarter(release)));
                model.put("footnote", m.get("chart.suppressed.footnote"));
                model.put("methodsTitle", m.get("methods.title"));
                model.put("methodsBody", m.get("methods.body", minCellCount - 1));
                Path html = releaseDir.resolve("reports").resolve("newsletter-" + lang + ".html");
                try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
                    template("newsletter.ftlh").process(model, w);
                }
                docs.add(html);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of release " + release, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("newsletter template failed: " + e.getMessage(), e);
        }
        return new Result(charts, docs);
    }

    private static String formatted(Messages m, OptionalLong v) {
        return v.isPresent() ? m.number(v.getAsLong()) : m.get("newsletter.suppressed");
    }

    /** Percent change from {@code lag} quarters back; not shown when either count is suppressed or zero. */
    private static String change(Messages m, List<Map<String, String>> series, int lag) {
        if (series.size() <= lag) {
            return m.get("newsletter.not.available");
        }
        OptionalLong now = PublishedTable.count(series.get(series.size() - 1), "cases");
        OptionalLong then = PublishedTable.count(series.get(series.size() - 1 - lag), "cases");
        if (now.isEmpty() || then.isEmpty() || then.getAsLong() == 0) {
            return m.get("newsletter.not.available");
        }
        double pct = 100.0 * (now.getAsLong() - then.getAsLong()) / then.getAsLong();
        return (pct > 0 ? "+" : "") + m.decimal(pct, 1) + " %";
    }

    private static Template template(String name) throws IOException {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(QuarterlyReport.class, "/ca/hotlinetrends/reports/templates");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg.getTemplate(name);
    }
}
