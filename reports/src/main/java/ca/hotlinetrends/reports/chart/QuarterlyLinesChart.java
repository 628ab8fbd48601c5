package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.TableSchema;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DatasetUtils;

/**
 * Lines of one count per quarter over the last 12 quarters, one line per code of a dimension (its total left
 * out, so no line is the sum of the others). A suppressed quarter is a gap in its line, never a zero; every
 * published point has a marker, so a point between two gaps still shows. One code may be highlighted: drawn
 * first, thick and in vermillion, the others thin, so the reader can follow it.
 */
final class QuarterlyLinesChart {

    /** Okabe-Ito blue, sky blue and bluish green, then grey: context lines that stay behind the highlight. */
    private static final List<java.awt.Color> CONTEXT =
            List.of(ChartTheme.PALETTE.get(0), ChartTheme.PALETTE.get(4), ChartTheme.PALETTE.get(2), ChartTheme.MUTED);

    private QuarterlyLinesChart() {}

    /**
     * @param id the figure id
     * @param tableName a count table with quarters and one category dimension
     * @param dimension that dimension
     * @param highlight the code to highlight, or null
     * @param findingKey bundle key of the alternative text
     */
    static ChartFigure build(
            String id,
            String tableName,
            String dimension,
            String highlight,
            String findingKey,
            PublishedRelease release,
            Messages m,
            ChartTheme theme) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(theme, "theme");
        PublishedTable table = release.table(tableName);
        TableSchema.Dimension dim = table.dimension(dimension);
        String measure = table.schema().measureColumn();
        List<String> codes =
                new ArrayList<>(release.schemas().codeList(dim.codes()).codes());
        if (highlight != null) {
            if (!codes.remove(highlight)) {
                throw new IllegalArgumentException("code list " + dim.codes() + " has no code " + highlight);
            }
            codes.add(0, highlight);
        }
        List<Period> quarters = ChartSupport.lastQuarters(table, release.release(), ChartSupport.QUARTERS_SHOWN);

        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        PublishedItems items = new PublishedItems(release, 0, data, content, null);
        List<String> header = new ArrayList<>();
        header.add(m.get("table.period"));
        for (String code : codes) {
            String label = m.label(dim.codes(), code);
            header.add(label);
            for (Period q : quarters) {
                items.add(label, m.period(q), table.cell(measure, q.code(), code));
            }
        }
        header.add(m.dimensionLabel(table.schema(), dimension, dim.totalCode()));
        List<List<String>> rows = new ArrayList<>();
        for (Period q : quarters) {
            List<String> row = new ArrayList<>();
            row.add(m.period(q));
            for (String code : codes) {
                row.add(ChartSupport.formatted(m, release, table.cell(measure, q.code(), code), 0));
            }
            row.add(ChartSupport.formatted(m, release, table.cell(measure, q.code(), dim.totalCode()), 0));
            rows.add(row);
        }

        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < codes.size(); i++) {
            boolean strong = highlight == null || i == 0;
            renderer.setSeriesPaint(
                    i,
                    highlight == null
                            ? theme.series(i)
                            : i == 0 ? ChartTheme.HIGHLIGHT : CONTEXT.get((i - 1) % CONTEXT.size()));
            float width = highlight == null ? 2.2f : strong ? 3.8f : 1.4f;
            renderer.setSeriesStroke(i, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double r = strong ? 3.8 : 2.2;
            renderer.setSeriesShape(i, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        }
        CategoryAxis domain = new CategoryAxis(null);
        domain.setMaximumCategoryLabelLines(2);
        domain.setLowerMargin(0.02);
        domain.setUpperMargin(0.02);
        NumberAxis range = new NumberAxis(ChartSupport.unitLabel(m, tableName));
        range.setStandardTickUnits(NumberAxis.createIntegerTickUnits(m.locale()));
        range.setNumberFormatOverride(m.decimalFormat(0));
        range.setAutoRangeIncludesZero(true);
        range.setUpperMargin(0.08);
        ChartSupport.tidyTicks(range, DatasetUtils.findRangeBounds(data), m.decimalFormat(0), true);
        CategoryPlot plot = new CategoryPlot(data, domain, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setInsets(new RectangleInsets(4, 4, 4, 8));
        String title = ChartSupport.title(m, tableName, quarters.get(0), quarters.get(quarters.size() - 1));
        JFreeChart chart = ChartSupport.chart(
                title, plot, true, theme, ChartSupport.footer(m, release, items.anySuppressed(), false));
        chart.getLegend().setItemFont(theme.font(Font.PLAIN, 12));

        Period last = quarters.get(quarters.size() - 1);
        String finding = finding(findingKey, highlight, codes, dim, table, measure, last, release, m);
        return new ChartFigure(id, chart, theme.height(), content.build(), new DataTable(title, header, rows), finding);
    }

    private static String finding(
            String key,
            String highlight,
            List<String> codes,
            TableSchema.Dimension dim,
            PublishedTable table,
            String measure,
            Period last,
            PublishedRelease release,
            Messages m) {
        String total = ChartSupport.formatted(m, release, table.cell(measure, last.code(), dim.totalCode()), 0);
        if (highlight != null) {
            CellRef now = table.cell(measure, last.code(), highlight);
            Period yearBefore = Period.parse((last.year() - 1) + "Q" + last.lastQuarter());
            CellRef before = table.cell(measure, yearBefore.code(), highlight);
            return m.get(
                    key,
                    m.label(dim.codes(), highlight),
                    ChartSupport.formatted(m, release, now, 0),
                    m.period(last),
                    ChartSupport.formatted(m, release, before, 0),
                    m.period(yearBefore),
                    total);
        }
        String top = null;
        double topValue = -1;
        for (String code : codes) {
            CellRef c = table.cell(measure, last.code(), code);
            if (release.state(c) == PublishedRelease.CellState.PUBLISHED && release.value(c) > topValue) {
                topValue = release.value(c);
                top = code;
            }
        }
        if (top == null) {
            return m.get(key + ".none", m.period(last), total);
        }
        return m.get(key, m.label(dim.codes(), top), m.number(Math.round(topValue)), m.period(last), total);
    }
}
