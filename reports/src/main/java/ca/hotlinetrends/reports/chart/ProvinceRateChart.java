package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.axis.CategoryAnchor;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.ui.TextAnchor;

/**
 * Cases per 100,000 population by province or territory for the latest complete calendar year, Canada first,
 * with the exact 95% confidence interval of each rate as whiskers and the number of cases written after it
 * (from rates_by_province). A suppressed province has no bar, no whisker and no count: an {@code x}.
 */
public final class ProvinceRateChart {

    public static final String ID = "rates-by-province";
    public static final String TABLE = "rates_by_province";
    static final String PROVINCE = "province_code";

    private ProvinceRateChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(theme, "theme");
        PublishedTable table = release.table(TABLE);
        TableSchema.Dimension dim = table.dimension(PROVINCE);
        Period year = ChartSupport.latestYear(table, release.release());
        List<String> codes = new ArrayList<>();
        codes.add(dim.totalCode());
        codes.addAll(release.schemas().codeList(dim.codes()).codes());

        IntervalValueDataset data = new IntervalValueDataset();
        ChartContent.Builder content = ChartContent.builder();
        PublishedBarRenderer renderer = ChartSupport.barRenderer(theme);
        PublishedItems items = new PublishedItems(release, 0, data, content, renderer);
        String series = m.get("chart.rate.series");
        List<List<String>> rows = new ArrayList<>();
        List<CategoryTextAnnotation> counts = new ArrayList<>();
        double offset = 0.015
                * table.rows().stream()
                        .filter(r -> r.period().equals(year))
                        .mapToDouble(r -> r.number("rate_ci_upper").orElse(0))
                        .max()
                        .orElse(0);
        for (String code : codes) {
            String label = m.dimensionLabel(table.schema(), PROVINCE, code);
            CellRef rate = table.cell("rate_per_100k", year.code(), code);
            CellRef lower = table.cell("rate_ci_lower", year.code(), code);
            CellRef upper = table.cell("rate_ci_upper", year.code(), code);
            CellRef cases = table.cell("cases", year.code(), code);
            Double value = items.addWithInterval(series, label, rate, lower, upper);
            if (value != null && release.state(cases) == PublishedRelease.CellState.PUBLISHED) {
                String text = m.get("chart.rate.cases", m.number(Math.round(release.value(cases))));
                content.label(text, cases);
                double at = release.state(upper) == PublishedRelease.CellState.PUBLISHED ? release.value(upper) : value;
                CategoryTextAnnotation a = new CategoryTextAnnotation(text, label, at + offset);
                a.setCategoryAnchor(CategoryAnchor.MIDDLE);
                a.setTextAnchor(TextAnchor.CENTER_LEFT);
                a.setFont(theme.labelFont());
                a.setPaint(ChartTheme.SECONDARY_INK);
                counts.add(a);
            }
            if (code.equals(dim.totalCode())) {
                renderer.categoryPaint(label, ChartTheme.INK);
            }
            rows.add(List.of(
                    label,
                    ChartSupport.formatted(m, release, cases, 0),
                    m.number(table.find(year.code(), code)
                            .map(r -> r.count("population").orElse(0))
                            .orElse(0L)),
                    ChartSupport.formatted(m, release, rate, 1),
                    ChartSupport.formatted(m, release, lower, 1),
                    ChartSupport.formatted(m, release, upper, 1)));
        }
        String unit = ChartSupport.unitLabel(m, TABLE);
        CategoryPlot plot = ChartSupport.categoryPlot(data, renderer, unit, PlotOrientation.HORIZONTAL, m, 1);
        plot.getRangeAxis().setUpperMargin(0.22);
        counts.forEach(a -> plot.addAnnotation(a, false));
        String title = ChartSupport.title(m, TABLE, year);
        List<String> footer = new ArrayList<>();
        footer.add(m.get("chart.rate.interval"));
        footer.addAll(ChartSupport.footer(m, release, items.anySuppressed(), false));
        JFreeChart chart = ChartSupport.chart(title, plot, false, theme, footer);
        DataTable dataTable = new DataTable(
                title,
                List.of(
                        m.get("table.province"),
                        m.get("table.cases"),
                        m.get("table.population"),
                        m.get("table.rate"),
                        m.get("table.ci.lower"),
                        m.get("table.ci.upper")),
                rows);
        return new ChartFigure(
                ID,
                chart,
                520,
                content.build(),
                dataTable,
                finding("chart.rate.finding", table, year, codes, release, m));
    }

    /**
     * The sentence naming the province or territory with the highest published rate and the rate of Canada.
     *
     * @param key bundle key; {@code key.none} when no provincial rate is published
     * @param codes the total code first, then the provinces and territories
     */
    static String finding(
            String key, PublishedTable table, Period year, List<String> codes, PublishedRelease release, Messages m) {
        String top = null;
        double topRate = -1;
        for (String code : codes.subList(1, codes.size())) {
            CellRef rate = table.cell("rate_per_100k", year.code(), code);
            if (release.state(rate) == PublishedRelease.CellState.PUBLISHED && release.value(rate) > topRate) {
                topRate = release.value(rate);
                top = code;
            }
        }
        String canada = ChartSupport.formatted(m, release, table.cell("rate_per_100k", year.code(), codes.get(0)), 1);
        if (top == null) {
            return m.get(key + ".none", m.period(year), canada);
        }
        return m.get(
                key, m.period(year), m.dimensionLabel(table.schema(), PROVINCE, top), m.decimal(topRate, 1), canada);
    }
}
