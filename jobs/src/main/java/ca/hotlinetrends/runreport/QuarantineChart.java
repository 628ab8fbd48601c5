package ca.hotlinetrends.runreport;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.ingest.IngestTransform;
import ca.hotlinetrends.ingest.QuarantineReason;
import ca.hotlinetrends.reports.chart.ChartTheme;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * One dataset's quarantined records as stacked bars: one bar per quarter of the records' dates (every quarter from
 * the first to the last that has any, then {@code none}: no date of the hotline's years in the record as quarantined,
 * which includes every duplicate, kept as its reference only), one colour per
 * reason, in {@link QuarantineReason} order. A pure builder; the theme is applied to the chart it returns.
 */
final class QuarantineChart {

    /** Height in logical pixels at the theme's width. */
    static final int HEIGHT = 360;

    private QuarantineChart() {}

    /**
     * The quarters drawn, in order: every quarter from the first to the last of {@code byQuarter}, then
     * {@link IngestTransform#NO_QUARTER} when present; keys that are not quarters are drawn after it.
     */
    static List<String> quarters(Map<String, Map<String, Long>> byQuarter) {
        TreeSet<Quarter> present = new TreeSet<>();
        List<String> others = new ArrayList<>();
        for (String q : byQuarter.keySet()) {
            if (q.matches("[0-9]{4}Q[1-4]")) {
                present.add(Quarter.parse(q));
            } else {
                others.add(q);
            }
        }
        List<String> out = new ArrayList<>();
        if (!present.isEmpty()) {
            for (Quarter q = present.first(); q.compareTo(present.last()) <= 0; q = q.next()) {
                out.add(q.toString());
            }
        }
        others.sort((a, b) ->
                a.equals(IngestTransform.NO_QUARTER) ? -1 : b.equals(IngestTransform.NO_QUARTER) ? 1 : a.compareTo(b));
        out.addAll(others);
        return out;
    }

    /** The reasons present, in {@link QuarantineReason} order, then any unknown code alphabetically. */
    static List<String> reasons(Map<String, Map<String, Long>> byQuarter) {
        TreeSet<String> present = new TreeSet<>();
        byQuarter.values().forEach(r -> present.addAll(r.keySet()));
        List<String> out = new ArrayList<>();
        for (QuarantineReason r : QuarantineReason.values()) {
            if (present.remove(r.name())) {
                out.add(r.name());
            }
        }
        out.addAll(present);
        return out;
    }

    /**
     * A reason's colour, the same in every chart: the theme's palette in {@link QuarantineReason} order, then grey
     * (eight reasons, seven colours); a code that is no reason is grey too.
     */
    static java.awt.Paint colour(String reason, ChartTheme theme) {
        for (QuarantineReason r : QuarantineReason.values()) {
            if (r.name().equals(reason)) {
                return r.ordinal() < ChartTheme.PALETTE.size() ? theme.series(r.ordinal()) : ChartTheme.MUTED;
            }
        }
        return ChartTheme.MUTED;
    }

    /**
     * @param title the chart's title, or null for none (the page's heading names it)
     * @param byQuarter quarter to reason code to records (non-null, non-empty)
     * @param theme the theme (non-null)
     */
    static JFreeChart build(String title, Map<String, Map<String, Long>> byQuarter, ChartTheme theme) {
        Objects.requireNonNull(byQuarter, "byQuarter");
        Objects.requireNonNull(theme, "theme");
        if (byQuarter.isEmpty()) {
            throw new IllegalArgumentException(
                    "a quarantine chart needs at least one quarter. Provided value: " + byQuarter);
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> reasons = reasons(byQuarter);
        for (String reason : reasons) {
            for (String q : quarters(byQuarter)) {
                data.addValue(byQuarter.getOrDefault(q, Map.of()).getOrDefault(reason, 0L), reason, q);
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        for (int i = 0; i < reasons.size(); i++) {
            renderer.setSeriesPaint(i, colour(reasons.get(i), theme));
        }
        renderer.setMaximumBarWidth(0.06);
        NumberAxis records = new NumberAxis("records quarantined");
        records.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        org.jfree.chart.axis.CategoryAxis quarter =
                new org.jfree.chart.axis.CategoryAxis("quarter of the record's date");
        quarter.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        quarter.setCategoryMargin(0.15);
        CategoryPlot plot = new CategoryPlot(data, quarter, records, renderer);
        JFreeChart chart = new JFreeChart(title, theme.titleFont(), plot, true);
        theme.apply(
                chart,
                List.of(
                        "none: no date from the hotline's opening to the run date in the record as " + "quarantined",
                        "(missing, not a date, out of range, or a duplicate, kept as its reference only)"));
        quarter.setTickLabelFont(theme.font(Font.PLAIN, 10));
        return chart;
    }
}
