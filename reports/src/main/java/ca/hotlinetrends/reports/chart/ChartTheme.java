package ca.hotlinetrends.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The one look of every chart: white background, no 3D, the Okabe-Ito colour-blind-safe palette,
 * DejaVu Sans (falling back to the JVM's SansSerif), sizes readable at 600 px wide. Applied to each chart
 * explicitly ({@link #apply}); never installed process-wide.
 *
 * @param width PNG width in pixels
 * @param height PNG height in pixels
 * @param fontFamily font family name
 */
public record ChartTheme(int width, int height, String fontFamily) {

    /** Okabe and Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies. */
    public static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000));

    public ChartTheme {
        if (width < 300 || height < 200) {
            throw new IllegalArgumentException("chart size must be at least 300 x 200. Provided value: " + width + " x " + height);
        }
    }

    /** 640 x 400 px in DejaVu Sans when the machine has it. */
    public static ChartTheme standard() {
        boolean dejavu = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains("DejaVu Sans");
        return new ChartTheme(640, 400, dejavu ? "DejaVu Sans" : Font.SANS_SERIF);
    }

    public Font font(int style, int size) {
        return new Font(fontFamily, style, size);
    }

    /** Applies the theme: title, source line, fonts, colours, no shadows or gradients. */
    public void apply(JFreeChart chart, String sourceLine) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(font(Font.BOLD, 16));
            chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(font(Font.PLAIN, 12));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
            chart.getLegend().setPosition(RectangleEdge.TOP);
            chart.getLegend().setHorizontalAlignment(HorizontalAlignment.LEFT);
        }
        TextTitle source = new TextTitle(sourceLine, font(Font.PLAIN, 11));
        source.setPosition(RectangleEdge.BOTTOM);
        source.setHorizontalAlignment(HorizontalAlignment.LEFT);
        source.setPaint(new Color(0x444444));
        chart.addSubtitle(source);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(new Color(0xDDDDDD));
            cp.setRangeGridlineStroke(new BasicStroke(1f));
            cp.getDomainAxis().setTickLabelFont(font(Font.PLAIN, 11));
            cp.getDomainAxis().setLabelFont(font(Font.PLAIN, 12));
            cp.getRangeAxis().setTickLabelFont(font(Font.PLAIN, 11));
            cp.getRangeAxis().setLabelFont(font(Font.PLAIN, 12));
            CategoryItemRenderer r = cp.getRenderer();
            for (int i = 0; i < PALETTE.size(); i++) {
                r.setSeriesPaint(i, PALETTE.get(i));
                r.setSeriesStroke(i, new BasicStroke(2.5f));
            }
            if (r instanceof org.jfree.chart.renderer.category.BarRenderer br) {
                br.setShadowVisible(false);
                br.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
            }
        }
    }
}
