package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.chart.ChartTheme;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.w3c.dom.Document;

/**
 * A figure as image bytes: PNG at twice the theme's size (sharp on high-density screens, shown at the theme's
 * width) for e-mail and web, and SVG for print. Both are deterministic: the same chart gives the same bytes
 * (Apache Batik's SVG generator with its identifiers numbered per figure and prefixed with the figure's name, and
 * no generator comment).
 */
public final class ChartFiles {

    /** PNG pixels per logical pixel. */
    public static final int PNG_SCALE = 2;

    private ChartFiles() {}

    /** The PNG bytes of a figure at {@link #PNG_SCALE} times the theme's width and the figure's height. */
    public static byte[] png(ChartFigure figure, ChartTheme theme) {
        return encodePng(draw(figure, theme), figure.id());
    }

    /**
     * The figure drawn at {@link #PNG_SCALE} times the theme's width and the figure's height, to be encoded by
     * {@link #encodePng}: the drawing uses Java2D's shared font caches, the encoding does not, so only the encoding
     * may be moved to another thread.
     */
    public static BufferedImage draw(ChartFigure figure, ChartTheme theme) {
        int w = theme.width() * PNG_SCALE;
        int h = figure.height() * PNG_SCALE;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g2.scale(PNG_SCALE, PNG_SCALE);
            figure.chart().draw(g2, new Rectangle2D.Double(0, 0, theme.width(), figure.height()));
        } finally {
            g2.dispose();
        }
        return image;
    }

    /**
     * A drawn image as PNG bytes, through ImageIO's PNG writer on a stream cached in memory (ImageIO's default
     * cache for an output stream is a temporary file).
     *
     * @param id names the image in an error message
     */
    public static byte[] encodePng(BufferedImage image, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Iterator<javax.imageio.ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in this JVM");
        }
        javax.imageio.ImageWriter writer = writers.next();
        try (javax.imageio.stream.ImageOutputStream stream =
                new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart " + id + " as PNG", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The SVG document of a figure at the theme's width and the figure's height, text as text (searchable, and read
     * by the leak check's tests).
     *
     * @param name a name unique within the document it may be inlined in (e.g. {@code rate-map-fr}), used as
     *     the prefix of the SVG's identifiers (clip paths, gradients) so that two inlined charts never share one
     */
    public static byte[] svg(ChartFigure figure, ChartTheme theme, String name) {
        return svg(figure.chart(), theme.width(), figure.height(), name);
    }

    /**
     * The SVG document of any chart at a given size, deterministic as {@link #svg(ChartFigure, ChartTheme, String)}.
     *
     * @param chart the chart (non-null)
     * @param width width in logical pixels
     * @param height height in logical pixels
     * @param name the prefix of the SVG's identifiers, unique within the document it may be inlined in
     */
    public static byte[] svg(org.jfree.chart.JFreeChart chart, int width, int height, String name) {
        java.util.Objects.requireNonNull(chart, "chart");
        Document document = GenericDOMImplementation.getDOMImplementation()
                .createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment(null);
        context.setPrecision(4);
        context.setEmbeddedFontsOn(false);
        String prefix = name.replaceAll("[^A-Za-z0-9]", "") + "-";
        context.setIDGenerator(new SVGIDGenerator() {
            @Override
            public String generateID(String kind) {
                return super.generateID(prefix + kind);
            }
        });
        SVGGraphics2D g2 = new SVGGraphics2D(context, false);
        g2.setSVGCanvasSize(new java.awt.Dimension(width, height));
        g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        StringWriter out = new StringWriter();
        try {
            g2.stream(out, true);
        } catch (org.apache.batik.svggen.SVGGraphics2DIOException e) {
            throw new UncheckedIOException("cannot write chart " + name + " as SVG", new IOException(e));
        } finally {
            g2.dispose();
        }
        // Batik names its definitions element genericDefs in every document: prefixed too, as inlined ids must differ.
        return out.toString()
                .replace("id=\"genericDefs\"", "id=\"" + prefix + "genericDefs\"")
                .getBytes(StandardCharsets.UTF_8);
    }
}
