package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedRelease.CellState;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Horizontal bars of a national one-dimension count table for the latest complete year, largest first,
 * suppressed categories last with an {@code x}. Either the counts, or (for a multi-valued table) each
 * category's share of the records with any information ({@code ANY}), whose shares add up to more than 100%.
 * The total is not drawn.
 */
final class CategoryBarsChart {

    private CategoryBarsChart() {}

    /**
     * @param id figure id
     * @param tableName a count table with periods and one category dimension
     * @param dimension that dimension
     * @param shares true to draw each category as a share of the dimension's total
     * @param findingKey the bundle key of the finding: {0} period, {1} top label, {2} its value
     */
    static ChartFigure build(
            String id,
            String tableName,
            String dimension,
            boolean shares,
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
        Period year = ChartSupport.latestYear(table, release.release());
        CellRef total = table.cell(measure, year.code(), dim.totalCode());
        List<String> codes =
                new ArrayList<>(release.schemas().codeList(dim.codes()).codes());
        codes.sort(Comparator.comparingDouble((String c) -> {
            CellRef cell = table.cell(measure, year.code(), c);
            return release.state(cell) == CellState.PUBLISHED ? -release.value(cell) : 1.0;
        }));

        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        PublishedBarRenderer renderer = ChartSupport.barRenderer(theme);
        PublishedItems items = new PublishedItems(release, 0, data, content, renderer);
        String series = m.tableUnit(tableName);
        List<List<String>> rows = new ArrayList<>();
        String top = null;
        String topValue = null;
        for (String code : codes) {
            String label = m.label(dim.codes(), code);
            CellRef cell = table.cell(measure, year.code(), code);
            Double v = shares ? items.addShare(series, label, cell, total) : items.add(series, label, cell);
            if (v != null && top == null) {
                top = label;
                topValue = shares ? m.percent(v, 1) : m.number(Math.round(v));
            }
            List<String> row = new ArrayList<>(List.of(label, ChartSupport.formatted(m, release, cell, 0)));
            if (shares) {
                row.add(ChartSupport.formattedShare(m, release, cell, total));
            }
            rows.add(row);
        }
        List<String> totalRow = new ArrayList<>(List.of(
                m.dimensionLabel(table.schema(), dimension, dim.totalCode()),
                ChartSupport.formatted(m, release, total, 0)));
        if (shares) {
            totalRow.add(
                    CellStatus.NOT_AVAILABLE.equals(ChartSupport.formatted(m, release, total, 0))
                            ? CellStatus.NOT_AVAILABLE
                            : m.decimal(100.0, 1));
        }
        rows.add(totalRow);

        String axis = shares ? m.get("chart.axis.share.any") : ChartSupport.unitLabel(m, tableName);
        CategoryPlot plot =
                ChartSupport.categoryPlot(data, renderer, axis, PlotOrientation.HORIZONTAL, m, shares ? 1 : 0);
        plot.getDomainAxis().setTickLabelFont(ChartSupport.categoryFont(theme));
        plot.getRangeAxis().setUpperMargin(0.14);
        ChartSupport.valueLabels(
                renderer, shares ? m.percentFormat(1, false) : m.integerFormat(), PlotOrientation.HORIZONTAL, theme);
        String title = ChartSupport.title(m, tableName, year);
        JFreeChart chart = ChartSupport.chart(
                title,
                plot,
                false,
                theme,
                ChartSupport.footer(m, release, items.anySuppressed(), items.anyNotAvailable()));
        List<String> header = new ArrayList<>(List.of(m.get("table.category"), ChartSupport.unitLabel(m, tableName)));
        if (shares) {
            header.add(m.get("table.share.any"));
        }
        String finding = top == null
                ? m.get("chart.finding.none", m.period(year))
                : m.get(findingKey, m.period(year), top, topValue);
        int height = Math.max(theme.height(), 150 + 30 * codes.size());
        return new ChartFigure(id, chart, height, content.build(), new DataTable(title, header, rows), finding);
    }
}
