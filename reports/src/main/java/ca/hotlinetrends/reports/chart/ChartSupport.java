package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.category.CategoryDataset;

/** What the chart builders share: periods shown, titles, footers, axes and number formats. */
final class ChartSupport {

    /** Quarterly charts show the last three years. */
    static final int QUARTERS_SHOWN = 12;

    private ChartSupport() {}

    /** The last {@code n} quarters of a table up to the release, in order. */
    static List<Period> lastQuarters(PublishedTable table, Quarter release, int n) {
        List<Period> quarters = table.periods(Period.Type.QUARTER).stream()
                .filter(p -> p.year() < release.year()
                        || (p.year() == release.year() && p.lastQuarter() <= release.number()))
                .toList();
        if (quarters.isEmpty()) {
            throw new IllegalArgumentException("table " + table.name() + " has no quarter up to " + release);
        }
        return quarters.subList(Math.max(0, quarters.size() - n), quarters.size());
    }

    /** The latest complete calendar year of a table at the release. */
    static Period latestYear(PublishedTable table, Quarter release) {
        int last = release.number() == 4 ? release.year() : release.year() - 1;
        Optional<Period> year = table.periods(Period.Type.YEAR).stream()
                .filter(p -> p.year() <= last)
                .reduce((a, b) -> b);
        return year.orElseThrow(() -> new IllegalArgumentException(
                "table " + table.name() + " has no complete calendar year up to " + release));
    }

    /** The calendar years of a table from {@code first} to the latest complete one. */
    static List<Period> years(PublishedTable table, Quarter release, int first) {
        int last = latestYear(table, release).year();
        return table.periods(Period.Type.YEAR).stream()
                .filter(p -> p.year() >= first && p.year() <= last)
                .toList();
    }

    /** The source line and the footnotes of the marks a chart uses. */
    static List<String> footer(Messages m, PublishedRelease release, boolean suppressed, boolean notAvailable) {
        List<String> lines = new ArrayList<>();
        if (suppressed) {
            lines.add(m.get("footnote.suppressed"));
        }
        if (notAvailable) {
            lines.add(m.get("footnote.not.available"));
        }
        lines.add(m.get("chart.source", Integer.toString(release.minCellCount())));
        return lines;
    }

    /** A cell for a table: a number in the language's format, {@code x} or {@code ..}. */
    static String formatted(Messages m, PublishedRelease release, CellRef cell, int decimals) {
        return switch (release.state(cell)) {
            case PUBLISHED ->
                decimals == 0 ? m.number(Math.round(release.value(cell))) : m.decimal(release.value(cell), decimals);
            case SUPPRESSED -> CellStatus.MARK;
            default -> CellStatus.NOT_AVAILABLE;
        };
    }

    /** A share for a table, {@code x} when the part is suppressed, {@code ..} when it cannot be computed. */
    static String formattedShare(Messages m, PublishedRelease release, CellRef part, CellRef whole) {
        if (release.state(part) == PublishedRelease.CellState.SUPPRESSED) {
            return CellStatus.MARK;
        }
        if (release.state(part) != PublishedRelease.CellState.PUBLISHED
                || release.state(whole) != PublishedRelease.CellState.PUBLISHED
                || release.value(whole) <= 0) {
            return release.state(whole) == PublishedRelease.CellState.SUPPRESSED
                    ? CellStatus.MARK
                    : CellStatus.NOT_AVAILABLE;
        }
        return m.decimal(100.0 * release.value(part) / release.value(whole), 1);
    }

    /** "Title, period" with the table title from the schema. */
    static String title(Messages m, String table, Period period) {
        return m.get("chart.title.period", m.tableTitle(table), m.period(period));
    }

    /** "Title, first to last" with the table title from the schema. */
    static String title(Messages m, String table, Period first, Period last) {
        return m.get("chart.title.range", m.tableTitle(table), m.period(first), m.period(last));
    }

    /** The unit of a table, capitalised for an axis label. */
    static String unitLabel(Messages m, String table) {
        return m.tableUnitCapitalised(table);
    }

    /** A category plot with the theme's axes: counts (or {@code decimals} digits) on the range axis. */
    static CategoryPlot categoryPlot(
            CategoryDataset data,
            PublishedBarRenderer renderer,
            String rangeLabel,
            PlotOrientation orientation,
            Messages m,
            int decimals) {
        CategoryAxis domain = new CategoryAxis(null);
        domain.setMaximumCategoryLabelLines(2);
        domain.setCategoryMargin(orientation == PlotOrientation.HORIZONTAL ? 0.25 : 0.2);
        domain.setLowerMargin(0.02);
        domain.setUpperMargin(0.02);
        if (orientation == PlotOrientation.HORIZONTAL) {
            domain.setMaximumCategoryLabelWidthRatio(0.42f);
        }
        NumberAxis range = new NumberAxis(rangeLabel);
        range.setStandardTickUnits(
                decimals == 0
                        ? NumberAxis.createIntegerTickUnits(m.locale())
                        : NumberAxis.createStandardTickUnits(m.locale()));
        range.setNumberFormatOverride(m.decimalFormat(decimals));
        range.setUpperMargin(0.08);
        CategoryPlot plot = new CategoryPlot(data, domain, range, renderer);
        plot.setOrientation(orientation);
        if (orientation == PlotOrientation.HORIZONTAL) {
            plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        }
        tidyTicks(range, renderer.findRangeBounds(data), m.decimalFormat(decimals), decimals == 0);
        plot.setInsets(new RectangleInsets(4, 4, 4, 8));
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        return plot;
    }

    /**
     * About five ticks at a round step (1, 2, 2.5 or 5 times a power of ten; whole steps for counts), instead of
     * JFreeChart's densest fit.
     */
    static void tidyTicks(NumberAxis axis, Range bounds, NumberFormat format, boolean whole) {
        if (bounds == null) {
            return;
        }
        double span = Math.max(bounds.getUpperBound(), 0) - Math.min(bounds.getLowerBound(), 0);
        if (!(span > 0)) {
            return;
        }
        double target = span / 5;
        double power = Math.pow(10, Math.floor(Math.log10(target)));
        double step = 10 * power;
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * power >= target && (!whole || m * power == Math.rint(m * power))) {
                step = m * power;
                break;
            }
        }
        axis.setTickUnit(new NumberTickUnit(whole ? Math.max(1, Math.round(step)) : step, format));
    }

    /** Writes each bar's value after it, in {@code format}; gaps get no label. */
    static void valueLabels(
            PublishedBarRenderer renderer, NumberFormat format, PlotOrientation orientation, ChartTheme theme) {
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(theme.labelFont());
        renderer.setDefaultItemLabelPaint(ChartTheme.INK);
        if (orientation == PlotOrientation.HORIZONTAL) {
            renderer.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
            renderer.setDefaultNegativeItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE9, TextAnchor.CENTER_RIGHT));
        } else {
            renderer.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
            renderer.setDefaultNegativeItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER));
        }
    }

    /** The chart with the theme applied. */
    static JFreeChart chart(String title, Plot plot, boolean legend, ChartTheme theme, List<String> footer) {
        JFreeChart chart = new JFreeChart(title, theme.titleFont(), plot, legend);
        theme.apply(chart, footer);
        return chart;
    }

    /** The bar renderer with the theme's marks. */
    static PublishedBarRenderer barRenderer(ChartTheme theme) {
        PublishedBarRenderer r = new PublishedBarRenderer(theme.markFont(), ChartTheme.SECONDARY_INK);
        r.setSeriesPaint(0, ChartTheme.PRIMARY);
        return r;
    }

    /** The font of the category labels of horizontal bar charts. */
    static Font categoryFont(ChartTheme theme) {
        return theme.font(Font.PLAIN, 12);
    }
}
