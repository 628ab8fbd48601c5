package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.TableSchema;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The change in cases from the same quarter a year earlier, by province or territory and for Canada (from
 * changes_by_province, comparison year_over_year, the release quarter). Changes that are significant after the
 * Benjamini-Hochberg adjustment are blue, the others grey, as the legend says. A suppressed change is an
 * {@code x}; a change from zero, {@code ..}.
 */
public final class ChangesChart {

    public static final String ID = "changes-by-province";
    public static final String TABLE = "changes_by_province";
    /** The comparison drawn, a code of schemas/codes/comparison.csv. */
    public static final String YEAR_OVER_YEAR = "year_over_year";

    private ChangesChart() {}

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
        TableSchema.Dimension dim = table.dimension("province_code");
        Quarter q = release.release();
        Quarter before = new Quarter(q.year() - 1, q.number());
        List<String> codes = new ArrayList<>();
        codes.add(dim.totalCode());
        codes.addAll(release.schemas().codeList(dim.codes()).codes());

        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        PublishedBarRenderer renderer = ChartSupport.barRenderer(theme);
        PublishedItems items = new PublishedItems(release, 0, data, content, renderer);
        String series = m.get("chart.changes.series");
        List<List<String>> rows = new ArrayList<>();
        int significant = 0;
        int published = 0;
        for (String code : codes) {
            String label = m.dimensionLabel(table.schema(), "province_code", code);
            CellRef change = table.cell("percent_change", q.toString(), YEAR_OVER_YEAR, code);
            Double v = items.add(series, label, change);
            Optional<Boolean> sig =
                    table.find(q.toString(), YEAR_OVER_YEAR, code).flatMap(r -> r.flag("significant"));
            if (v != null) {
                boolean s = sig.orElse(false);
                renderer.categoryPaint(label, s ? ChartTheme.PRIMARY : ChartTheme.MUTED);
                if (!code.equals(dim.totalCode())) {
                    published++;
                    significant += s ? 1 : 0;
                }
            }
            rows.add(List.of(
                    label,
                    ChartSupport.formatted(m, release, table.cell("cases", q.toString(), YEAR_OVER_YEAR, code), 0),
                    ChartSupport.formatted(
                            m, release, table.cell("cases_before", q.toString(), YEAR_OVER_YEAR, code), 0),
                    ChartSupport.formatted(m, release, change, 1),
                    ChartSupport.formatted(m, release, table.cell("p_adjusted", q.toString(), YEAR_OVER_YEAR, code), 3),
                    sig.isPresent()
                            ? m.get(sig.get() ? "table.yes" : "table.no")
                            : ChartSupport.formatted(
                                    m, release, table.cell("significant", q.toString(), YEAR_OVER_YEAR, code), 0)));
        }
        CategoryPlot plot = ChartSupport.categoryPlot(
                data, renderer, m.get("chart.changes.axis"), PlotOrientation.HORIZONTAL, m, 0);
        plot.getRangeAxis().setLowerMargin(0.3);
        plot.getRangeAxis().setUpperMargin(0.3);
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(ChartTheme.SECONDARY_INK);
        ChartSupport.valueLabels(renderer, m.percentFormat(1, true), PlotOrientation.HORIZONTAL, theme);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(legendItem(m.get("chart.changes.significant"), ChartTheme.PRIMARY, theme));
        legend.add(legendItem(m.get("chart.changes.not.significant"), ChartTheme.MUTED, theme));
        plot.setFixedLegendItems(legend);
        String title = m.get("chart.changes.title", m.quarter(q), m.quarter(before));
        JFreeChart chart = ChartSupport.chart(
                title,
                plot,
                true,
                theme,
                ChartSupport.footer(m, release, items.anySuppressed(), items.anyNotAvailable()));
        DataTable dataTable = new DataTable(
                title,
                List.of(
                        m.get("table.province"),
                        m.quarter(q),
                        m.quarter(before),
                        m.get("table.percent.change"),
                        m.get("table.p.adjusted"),
                        m.get("table.significant")),
                rows);
        CellRef canadaChange = table.cell("percent_change", q.toString(), YEAR_OVER_YEAR, dim.totalCode());
        String canada = release.state(canadaChange) == PublishedRelease.CellState.PUBLISHED
                ? m.signedPercent(release.value(canadaChange), 1)
                : ChartSupport.formatted(m, release, canadaChange, 1);
        String finding = m.get(
                "chart.changes.finding",
                m.quarter(q),
                m.quarter(before),
                Integer.toString(significant),
                Integer.toString(published),
                canada);
        return new ChartFigure(ID, chart, 520, content.build(), dataTable, finding);
    }

    private static LegendItem legendItem(String label, Paint paint, ChartTheme theme) {
        LegendItem item = new LegendItem(label, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), paint);
        item.setLabelFont(theme.font(Font.PLAIN, 11));
        return item;
    }
}
