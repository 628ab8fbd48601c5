package ca.hotlinetrends.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Paint;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look of every chart: white background, no 3D, no shadows or gradients, the Okabe-Ito
 * colour-blind-safe palette, DejaVu Sans, sizes readable at 600 px wide, the title top left and the source
 * line at the bottom. Applied to each chart explicitly by its builder ({@link #apply}); never installed
 * process-wide ({@code ChartFactory.setChartTheme} is not used).
 *
 * @param width chart width in logical pixels (a PNG is written at twice this size for sharp screens)
 * @param height default chart height in logical pixels (a builder may ask for more rows)
 * @param fontFamily font family name; DejaVu Sans on every machine that renders releases
 */
public record ChartTheme(int width, int height, String fontFamily) {

    /**
     * Okabe and Ito (2008), "Color Universal Design (CUD): how to make figures and presentations that are
     * friendly to colorblind people": blue, orange, bluish green, reddish purple, sky blue, vermillion, black.
     * Yellow is left out: it is unreadable as a line or text on white.
     */
    public static final List<Color> PALETTE = List.of(
            new Color(0x0072B2),
            new Color(0xE69F00),
            new Color(0x009E73),
            new Color(0xCC79A7),
            new Color(0x56B4E9),
            new Color(0xD55E00),
            new Color(0x000000));
    /** Okabe-Ito blue: the colour of a single series. */
    public static final Color PRIMARY = new Color(0x0072B2);
    /** Okabe-Ito vermillion: the series the reader should follow. */
    public static final Color HIGHLIGHT = new Color(0xD55E00);
    /** Grey for context series and non-significant values. */
    public static final Color MUTED = new Color(0xA6A6A6);
    /** Text colour. */
    public static final Color INK = new Color(0x222222);
    /** Secondary text colour (source line, footnotes, suppression marks). */
    public static final Color SECONDARY_INK = new Color(0x555555);
    /** Grid lines. */
    public static final Color GRID = new Color(0xDDDDDD);
    /** The family every machine that renders releases has (Debian fonts-dejavu-core). */
    public static final String DEJAVU_SANS = "DejaVu Sans";

    public ChartTheme {
        if (width < 300 || height < 200) {
            throw new IllegalArgumentException(
                    "chart size must be at least 300 x 200. Provided value: " + width + " x " + height);
        }
        Objects.requireNonNull(fontFamily, "fontFamily");
    }

    /**
     * 600 x 380 px in DejaVu Sans.
     *
     * @throws IllegalStateException when the machine lacks DejaVu Sans (install fonts-dejavu-core): another
     *     font would change every chart and break byte-identical re-renders across machines
     */
    public static ChartTheme standard() {
        boolean dejavu = Arrays.asList(
                        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(DEJAVU_SANS);
        if (!dejavu) {
            throw new IllegalStateException("the font " + DEJAVU_SANS + " is not installed; install fonts-dejavu-core");
        }
        return new ChartTheme(600, 380, DEJAVU_SANS);
    }

    public Font font(int style, int size) {
        return new Font(fontFamily, style, size);
    }

    /** The font of chart titles. */
    public Font titleFont() {
        return font(Font.BOLD, 16);
    }

    /** The font of marks drawn in place of a value ({@code x}, {@code ..}). */
    public Font markFont() {
        return font(Font.BOLD, 13);
    }

    /** The font of numbers written on the plot. */
    public Font labelFont() {
        return font(Font.PLAIN, 12);
    }

    /** The colour of series {@code i} (cycling through the palette). */
    public Paint series(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /**
     * Applies the theme: fonts, colours, the title top left, the legend under it and the footer lines (the
     * source line, then the footnotes for the marks used) at the bottom.
     *
     * @param chart the chart (non-null)
     * @param footer lines under the plot, in reading order (non-null)
     */
    public void apply(JFreeChart chart, List<String> footer) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(footer, "footer");
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 6, 12));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(titleFont());
            chart.getTitle().setPaint(INK);
            chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
            chart.getTitle().setMargin(0, 0, 6, 0);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(font(Font.PLAIN, 12));
            legend.setItemPaint(INK);
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.TOP);
            legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
            legend.setMargin(0, 0, 4, 0);
        }
        for (int i = footer.size() - 1; i >= 0; i--) {
            // Bottom subtitles stack upwards: the first one added is the lowest.
            TextTitle t = new TextTitle(footer.get(i), font(Font.PLAIN, 11));
            t.setPosition(RectangleEdge.BOTTOM);
            t.setHorizontalAlignment(HorizontalAlignment.LEFT);
            t.setPaint(SECONDARY_INK);
            t.setMargin(2, 0, 0, 0);
            chart.addSubtitle(t);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setNoDataMessageFont(font(Font.PLAIN, 12));
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlineStroke(new BasicStroke(1f));
            cp.setDomainGridlinesVisible(false);
            cp.setAxisOffset(RectangleInsets.ZERO_INSETS);
            style(cp.getDomainAxis());
            style(cp.getRangeAxis());
            cp.getDomainAxis().setAxisLineVisible(true);
            for (int i = 0; i < cp.getRendererCount(); i++) {
                if (cp.getRenderer(i) instanceof BarRenderer br) {
                    br.setShadowVisible(false);
                    br.setBarPainter(new StandardBarPainter());
                    br.setDrawBarOutline(false);
                }
            }
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(GRID);
            xp.setDomainGridlinePaint(GRID);
            xp.setAxisOffset(RectangleInsets.ZERO_INSETS);
            style(xp.getDomainAxis());
            style(xp.getRangeAxis());
        }
    }

    private void style(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setTickLabelFont(font(Font.PLAIN, 12));
        axis.setTickLabelPaint(INK);
        axis.setLabelFont(font(Font.PLAIN, 12));
        axis.setLabelPaint(SECONDARY_INK);
        axis.setAxisLinePaint(MUTED);
        axis.setTickMarkPaint(MUTED);
        if (axis instanceof ValueAxis va) {
            va.setAxisLineVisible(false);
            va.setTickMarksVisible(false);
        }
        if (axis instanceof CategoryAxis ca) {
            ca.setTickMarksVisible(false);
        }
    }
}
