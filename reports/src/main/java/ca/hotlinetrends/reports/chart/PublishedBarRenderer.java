package ca.hotlinetrends.reports.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.IntervalCategoryDataset;
import org.jfree.data.general.DatasetUtils;

/**
 * Bars for published cells. An item without a value (a suppressed or unavailable cell) gets no bar; when
 * the builder gave it a mark ({@code x} for suppressed, {@code ..} for not available) the mark is written at
 * the bar's base, so the gap is never read as zero. Items of an {@link IntervalCategoryDataset} get
 * whiskers from the start to the end of their interval. Optional per-category colours (e.g. significant
 * changes) override the series colour.
 */
public class PublishedBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;

    private final Map<List<Comparable<?>>, String> marks = new HashMap<>();
    private final Map<Comparable<?>, Paint> categoryPaints = new HashMap<>();
    private final Font markFont;
    private final Paint markPaint;

    public PublishedBarRenderer(Font markFont, Paint markPaint) {
        this.markFont = markFont;
        this.markPaint = markPaint;
    }

    /** Writes {@code mark} in place of the item's bar. */
    public void mark(Comparable<?> series, Comparable<?> category, String mark) {
        marks.put(List.of(series, category), mark);
    }

    /** The mark of an item, or null. */
    public String markOf(Comparable<?> series, Comparable<?> category) {
        return marks.get(List.of(series, category));
    }

    /** Paints every bar of a category in {@code paint}. */
    public void categoryPaint(Comparable<?> category, Paint paint) {
        categoryPaints.put(category, paint);
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        if (!categoryPaints.isEmpty() && getPlot() != null) {
            CategoryDataset data = getPlot().getDataset(getPlot().getIndexOf(this));
            if (data != null) {
                Paint p = categoryPaints.get(data.getColumnKey(column));
                if (p != null) {
                    return p;
                }
            }
        }
        return super.getItemPaint(row, column);
    }

    @Override
    public Range findRangeBounds(CategoryDataset dataset) {
        if (dataset instanceof IntervalCategoryDataset) {
            Range r = DatasetUtils.findRangeBounds(dataset, true);
            return r == null ? null : Range.expandToInclude(r, 0.0);
        }
        return super.findRangeBounds(dataset);
    }

    @Override
    public void drawItem(
            Graphics2D g2,
            CategoryItemRendererState state,
            Rectangle2D dataArea,
            CategoryPlot plot,
            CategoryAxis domainAxis,
            ValueAxis rangeAxis,
            CategoryDataset dataset,
            int row,
            int column,
            int pass) {
        int visibleRow = state.getVisibleSeriesIndex(row);
        if (visibleRow < 0) {
            return;
        }
        Number value = dataset.getValue(row, column);
        PlotOrientation orientation = plot.getOrientation();
        double w0 = calculateBarW0(plot, orientation, dataArea, domainAxis, state, visibleRow, column);
        double middle = w0 + state.getBarWidth() / 2.0;
        if (value == null) {
            String mark = marks.get(List.of(dataset.getRowKey(row), dataset.getColumnKey(column)));
            if (mark != null) {
                double base = rangeAxis.valueToJava2D(0.0, dataArea, plot.getRangeAxisEdge());
                g2.setFont(markFont);
                g2.setPaint(markPaint);
                if (orientation == PlotOrientation.HORIZONTAL) {
                    TextUtils.drawAlignedString(mark, g2, (float) (base + 4), (float) middle, TextAnchor.CENTER_LEFT);
                } else {
                    TextUtils.drawAlignedString(mark, g2, (float) middle, (float) (base - 3), TextAnchor.BOTTOM_CENTER);
                }
            }
            return;
        }
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (dataset instanceof IntervalCategoryDataset intervals) {
            Number start = intervals.getStartValue(row, column);
            Number end = intervals.getEndValue(row, column);
            if (start != null && end != null) {
                drawWhisker(
                        g2,
                        dataArea,
                        plot,
                        rangeAxis,
                        orientation,
                        middle,
                        state.getBarWidth(),
                        start.doubleValue(),
                        end.doubleValue());
            }
        }
    }

    private void drawWhisker(
            Graphics2D g2,
            Rectangle2D dataArea,
            CategoryPlot plot,
            ValueAxis rangeAxis,
            PlotOrientation orientation,
            double middle,
            double barWidth,
            double start,
            double end) {
        double a = rangeAxis.valueToJava2D(start, dataArea, plot.getRangeAxisEdge());
        double b = rangeAxis.valueToJava2D(end, dataArea, plot.getRangeAxisEdge());
        double cap = Math.min(5.0, barWidth * 0.3);
        g2.setPaint(ChartTheme.INK);
        g2.setStroke(new BasicStroke(1.2f));
        if (orientation == PlotOrientation.HORIZONTAL) {
            g2.draw(new Line2D.Double(a, middle, b, middle));
            g2.draw(new Line2D.Double(a, middle - cap, a, middle + cap));
            g2.draw(new Line2D.Double(b, middle - cap, b, middle + cap));
        } else {
            g2.draw(new Line2D.Double(middle, a, middle, b));
            g2.draw(new Line2D.Double(middle - cap, a, middle + cap, a));
            g2.draw(new Line2D.Double(middle - cap, b, middle + cap, b));
        }
    }
}
