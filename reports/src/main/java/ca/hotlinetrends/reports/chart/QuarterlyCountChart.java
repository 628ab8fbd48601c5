package ca.hotlinetrends.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A bar chart of one count per quarter. A suppressed quarter is drawn as a gap with an {@code x} above the
 * axis, never as zero or as a value. Pure builder: data in, chart out; no files.
 */
public final class QuarterlyCountChart {

    /** One bar: its axis label and its published value (empty when suppressed). */
    public record Bar(String label, OptionalLong value) {
        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    private QuarterlyCountChart() {
    }

    /**
     * @param title chart title (non-null)
     * @param axisLabel range axis label with the unit (non-null)
     * @param bars the bars in order (non-empty)
     * @param sourceLine the source and confidentiality line printed under the chart (non-null)
     * @param theme the theme to apply (non-null)
     */
    public static JFreeChart build(String title, String axisLabel, List<Bar> bars, String sourceLine, ChartTheme theme) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(axisLabel, "axisLabel");
        Objects.requireNonNull(sourceLine, "sourceLine");
        Objects.requireNonNull(theme, "theme");
        if (bars == null || bars.isEmpty()) {
            throw new IllegalArgumentException("a quarterly chart needs at least one bar");
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar b : bars) {
            data.addValue(b.value().isPresent() ? (Number) b.value().getAsLong() : null, axisLabel, b.label());
        }
        CategoryAxis domain = new CategoryAxis();
        domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis range = new NumberAxis(axisLabel);
        range.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        BarRenderer renderer = new BarRenderer();
        renderer.setItemMargin(0.05);
        CategoryPlot plot = new CategoryPlot(data, domain, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(title, theme.font(Font.BOLD, 16), plot, false);
        theme.apply(chart, sourceLine);
        for (Bar b : bars) {
            if (b.value().isEmpty()) {
                CategoryTextAnnotation x = new CategoryTextAnnotation("x", b.label(), 0.0);
                x.setFont(theme.font(Font.BOLD, 13));
                x.setPaint(Color.DARK_GRAY);
                x.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(x);
            }
        }
        return chart;
    }
}
