package ca.hotlinetrends.reports.leak;

import ca.hotlinetrends.reports.chart.ChartContent;
import ca.hotlinetrends.reports.chart.ChartContent.Item;
import ca.hotlinetrends.reports.chart.ChartContent.Part;
import ca.hotlinetrends.reports.chart.ChartContent.Source;
import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedRelease.CellState;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.StackedAreaRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.IntervalCategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * Checks a finished chart, independently of the builder that made it, before anything is rendered: no
 * element may show or reveal a suppressed value.
 *
 * <p>The rules, applied to what the chart's datasets, renderers and annotations actually hold:
 * <ol>
 * <li>Every drawn number (a bar, a point, an interval bound, a tile's shade, an item label) is the published
 * value of the cell its builder declared, or a share of two published cells. A value drawn for a
 * suppressed cell, as itself or as zero, is refused, and so is a number that comes from no published cell
 * (e.g. a total minus the published parts).</li>
 * <li>A stack (stacked bars or areas) with a suppressed segment is refused when the whole it stacks up to is
 * published: the stack's height and the published total give the segment by subtraction. The whole is the
 * segment's cell with the stacked dimension set to its total code.</li>
 * <li>A text on the plot that contains a digit must be declared, and every cell it states published.</li>
 * <li>Item labels may only print the item's own value.</li>
 * </ol>
 * This is the chart-side counterpart of the table protection: the tables themselves are protected by the
 * pipeline (cell suppression and its audit); these rules make sure a chart adds no way to undo it. Stateless.
 */
public final class LeakCheck {

    private static final double TOLERANCE = 1e-9;

    private LeakCheck() {}

    /** Verifies a built figure. */
    public static void verify(ChartFigure figure, PublishedRelease release) {
        verify(figure.id(), figure.chart(), figure.content(), release);
    }

    /**
     * @param chartId the chart's name for messages (non-null)
     * @param chart the finished chart (non-null)
     * @param content what its builder declared it shows (non-null)
     * @param release the published release it was built from (non-null)
     * @throws ChartLeakException naming the chart and the cell when a rule is broken
     */
    public static void verify(String chartId, JFreeChart chart, ChartContent content, PublishedRelease release) {
        Objects.requireNonNull(chartId, "chartId");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(release, "release");
        Plot plot = chart.getPlot();
        List<Object> annotations = new ArrayList<>();
        if (plot instanceof CategoryPlot cp) {
            for (int d = 0; d < cp.getDatasetCount(); d++) {
                CategoryDataset data = cp.getDataset(d);
                if (data != null) {
                    checkCategoryDataset(chartId, d, data, cp.getRendererForDataset(data), content, release);
                }
            }
            annotations.addAll((List<?>) cp.getAnnotations());
        } else if (plot instanceof XYPlot xp) {
            for (int d = 0; d < xp.getDatasetCount(); d++) {
                XYDataset data = xp.getDataset(d);
                if (data != null) {
                    checkXYDataset(chartId, d, data, xp.getRendererForDataset(data), content, release);
                }
            }
            annotations.addAll((List<?>) xp.getAnnotations());
        } else if (plot != null) {
            throw new ChartLeakException(
                    chartId,
                    "the leak check does not know plots of type "
                            + plot.getClass().getSimpleName());
        }
        for (Object a : annotations) {
            String text = a instanceof CategoryTextAnnotation c
                    ? c.getText()
                    : a instanceof XYTextAnnotation x ? x.getText() : null;
            if (text != null) {
                checkText(chartId, text, content, release);
            }
        }
    }

    private static void checkCategoryDataset(
            String chartId,
            int d,
            CategoryDataset data,
            CategoryItemRenderer renderer,
            ChartContent content,
            PublishedRelease release) {
        IntervalCategoryDataset intervals = data instanceof IntervalCategoryDataset i ? i : null;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Comparable<?> series = data.getRowKey(r);
                Comparable<?> category = data.getColumnKey(c);
                checkValue(chartId, new Item(d, series, category, Part.VALUE), data.getValue(r, c), content, release);
                if (intervals != null) {
                    checkValue(
                            chartId,
                            new Item(d, series, category, Part.START),
                            intervals.getStartValue(r, c),
                            content,
                            release);
                    checkValue(
                            chartId,
                            new Item(d, series, category, Part.END),
                            intervals.getEndValue(r, c),
                            content,
                            release);
                }
                if (renderer != null && renderer.isItemLabelVisible(r, c)) {
                    CategoryItemLabelGenerator g = renderer.getItemLabelGenerator(r, c);
                    if (g != null && g.getClass() != StandardCategoryItemLabelGenerator.class) {
                        throw new ChartLeakException(
                                chartId,
                                "item labels of series '" + series
                                        + "' may print numbers other than the item's own value");
                    }
                }
            }
        }
        if (renderer instanceof StackedBarRenderer || renderer instanceof StackedAreaRenderer) {
            checkStacks(chartId, d, data, content, release);
        }
    }

    private static void checkXYDataset(
            String chartId,
            int d,
            XYDataset data,
            XYItemRenderer renderer,
            ChartContent content,
            PublishedRelease release) {
        if (renderer != null && renderer.getClass().getSimpleName().startsWith("Stacked")) {
            throw new ChartLeakException(
                    chartId, "stacked XY renderers are not checked for leaks; use a category plot");
        }
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                Number v = data instanceof XYZDataset z ? z.getZ(s, i) : data.getY(s, i);
                checkValue(chartId, new Item(d, data.getSeriesKey(s), i, Part.VALUE), v, content, release);
            }
        }
    }

    private static void checkValue(
            String chartId, Item item, Number drawn, ChartContent content, PublishedRelease release) {
        if (drawn == null || Double.isNaN(drawn.doubleValue())) {
            return;
        }
        Source source = content.source(item)
                .orElseThrow(
                        () -> new ChartLeakException(
                                chartId,
                                "it draws a value at " + where(item)
                                        + " that is not declared as a published cell; a number computed "
                                        + "from published ones (e.g. a total minus its published parts) can reveal suppressed cells"));
        double v = drawn.doubleValue();
        if (source instanceof ChartContent.Cell cell) {
            double published = publishedValue(chartId, item, cell.cell(), release);
            if (!close(v, published)) {
                throw new ChartLeakException(
                        chartId,
                        "it draws a value at " + where(item) + " that differs from the published value of "
                                + cell.cell());
            }
        } else if (source instanceof ChartContent.Share share) {
            double part = publishedValue(chartId, item, share.part(), release);
            double whole = publishedValue(chartId, item, share.whole(), release);
            if (whole <= 0 || !close(v, 100.0 * part / whole)) {
                throw new ChartLeakException(
                        chartId,
                        "it draws a share at " + where(item) + " that is not " + share.part() + " as a percentage of "
                                + share.whole());
            }
        }
    }

    private static double publishedValue(String chartId, Item item, CellRef cell, PublishedRelease release) {
        CellState state = release.state(cell);
        return switch (state) {
            case PUBLISHED -> release.value(cell);
            case SUPPRESSED ->
                throw new ChartLeakException(
                        chartId,
                        "it draws suppressed cell " + cell + " as a value at " + where(item)
                                + "; a suppressed cell must be a gap or an x");
            case NOT_AVAILABLE ->
                throw new ChartLeakException(
                        chartId,
                        "it draws a value at " + where(item) + " for cell " + cell + ", which has no published value");
            case ABSENT ->
                throw new ChartLeakException(
                        chartId,
                        "it draws a value at " + where(item) + " for cell " + cell
                                + ", which is not in the published table");
        };
    }

    /** Rule 2: a stack with a suppressed segment must not stack up to a published whole. */
    private static void checkStacks(
            String chartId, int d, CategoryDataset data, ChartContent content, PublishedRelease release) {
        for (int c = 0; c < data.getColumnCount(); c++) {
            List<CellRef> segments = new ArrayList<>();
            for (int r = 0; r < data.getRowCount(); r++) {
                content.source(new Item(d, data.getRowKey(r), data.getColumnKey(c), Part.VALUE))
                        .filter(s -> s instanceof ChartContent.Cell)
                        .map(s -> ((ChartContent.Cell) s).cell())
                        .ifPresent(segments::add);
            }
            for (CellRef segment : segments) {
                if (release.state(segment) != CellState.SUPPRESSED) {
                    continue;
                }
                TableSchema schema = release.schema(segment.table());
                for (TableSchema.Dimension dim : schema.categoryDimensions()) {
                    boolean stackedAlong = segments.size() == 1
                            || segments.stream()
                                    .anyMatch(o -> !o.equals(segment)
                                            && !Objects.equals(
                                                    o.key().get(dim.name()),
                                                    segment.key().get(dim.name())));
                    if (!dim.total()
                            || !stackedAlong
                            || dim.totalCode().equals(segment.key().get(dim.name()))) {
                        continue;
                    }
                    CellRef whole = segment.with(dim.name(), dim.totalCode());
                    if (release.state(whole) == CellState.PUBLISHED) {
                        throw new ChartLeakException(
                                chartId,
                                "its stack at '" + data.getColumnKey(c)
                                        + "' has the suppressed segment " + segment + " while the stack's whole "
                                        + whole
                                        + " is published; the stack's height would reveal the segment by subtraction");
                    }
                }
            }
        }
    }

    /** Rule 3: a text with a digit must be declared and state published cells only. */
    private static void checkText(String chartId, String text, ChartContent content, PublishedRelease release) {
        if (text.chars().noneMatch(Character::isDigit)) {
            return;
        }
        List<CellRef> cells = content.label(text)
                .orElseThrow(() -> new ChartLeakException(
                        chartId, "a text on the plot states a number that is not declared as a published cell"));
        for (CellRef cell : cells) {
            if (release.state(cell) != CellState.PUBLISHED) {
                throw new ChartLeakException(
                        chartId, "a text on the plot states cell " + cell + ", which has no published value");
            }
        }
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.abs(b));
    }

    private static String where(Item item) {
        return "series '" + item.series() + "', category '" + item.category() + "'"
                + (item.part() == Part.VALUE
                        ? ""
                        : " (" + item.part().name().toLowerCase(Locale.ROOT) + " of interval)");
    }
}
