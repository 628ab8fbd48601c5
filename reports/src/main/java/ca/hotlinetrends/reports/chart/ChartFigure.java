package ca.hotlinetrends.reports.chart;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * A built chart with what goes around it: its file name stem, its height at the theme's width, where each
 * drawn value comes from (for the leak check), its data table and a sentence stating its main finding (the
 * image's alternative text).
 *
 * @param id file name stem, e.g. {@code contacts-by-channel}
 * @param chart the chart
 * @param height height in logical pixels at the theme's width
 * @param content the source of every drawn value
 * @param table the chart's numbers as a table
 * @param finding the main finding in one sentence, in the chart's language
 */
public record ChartFigure(
        String id, JFreeChart chart, int height, ChartContent content, DataTable table, String finding) {

    public ChartFigure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(finding, "finding");
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "chart id must be lower-case letters, digits and dashes. Provided value: " + id);
        }
        if (height < 200) {
            throw new IllegalArgumentException("chart height must be at least 200 px. Provided value: " + height);
        }
    }
}
