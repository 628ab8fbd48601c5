package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.reports.chart.ChartFigure;
import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfBoxOutputDevice;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.DefaultObjectDrawerFactory;
import com.openhtmltopdf.util.XRLog;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * XHTML to PDF with openhtmltopdf on PDFBox: DejaVu Sans embedded (so accents render and the text is the
 * same on every machine), charts drawn as vector graphics from their JFreeChart through
 * {@code <object type="application/x-chart" data-chart="id">}, and a stable file: the creation and
 * modification dates and the document ID are fixed by the caller, so the same content gives the same bytes.
 */
final class PdfDocument {

    private static final Logger LOG = Logger.getLogger(PdfDocument.class.getName());

    /** The object type that draws a chart figure. */
    static final String CHART_OBJECT = "application/x-chart";
    /** Where Debian's fonts-dejavu-core puts DejaVu Sans. */
    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");

    static {
        // Some of openhtmltopdf's messages bypass the per-run diagnostic consumer below and go to its own global
        // loggers, which print INFO lines (timings, font loading) to stderr: keep only warnings and worse there.
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
    }

    private PdfDocument() {}

    /**
     * @param xhtml a well-formed XHTML document
     * @param charts the figures its chart objects name, by {@code data-chart}
     * @param chartWidth the logical width charts are drawn at (their fonts keep their size relative to it)
     * @param created the document date (creation and modification)
     * @param documentId a stable identity, e.g. {@code hotline-trends/2026Q3/brief/en}; its MD5 is the PDF /ID
     * @param title the document title for its metadata
     * @param language the document language (en or fr) for its metadata
     */
    static byte[] render(
            String xhtml,
            Map<String, ChartFigure> charts,
            int chartWidth,
            ZonedDateTime created,
            String documentId,
            String title,
            String language) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(xhtml, null);
        builder.withProducer("hotline-trends");
        // This run's messages go to our logger, warnings and worse only, not to openhtmltopdf's global one.
        builder.withDiagnosticConsumer(d -> {
            if (d.getLevel().intValue() >= Level.WARNING.intValue()) {
                LOG.log(d.getLevel(), d.getFormattedMessage(), d.getError());
            }
        });
        for (Object[] font : List.of(
                new Object[] {"DejaVuSans.ttf", 400, BaseRendererBuilder.FontStyle.NORMAL},
                new Object[] {"DejaVuSans-Bold.ttf", 700, BaseRendererBuilder.FontStyle.NORMAL},
                new Object[] {"DejaVuSans-Oblique.ttf", 400, BaseRendererBuilder.FontStyle.ITALIC},
                new Object[] {"DejaVuSans-BoldOblique.ttf", 700, BaseRendererBuilder.FontStyle.ITALIC})) {
            File file = DEJAVU.resolve((String) font[0]).toFile();
            if (!file.isFile()) {
                throw new IllegalStateException("the font " + file + " is missing; install fonts-dejavu-core");
            }
            builder.useFont(file, "DejaVu Sans", (Integer) font[1], (BaseRendererBuilder.FontStyle) font[2], true);
        }
        DefaultObjectDrawerFactory objects = new DefaultObjectDrawerFactory();
        objects.registerDrawer(CHART_OBJECT, chartDrawer(charts, chartWidth));
        builder.useObjectDrawerFactory(objects);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            try (PDDocument pdf = renderer.createPDFKeepOpen()) {
                stabilise(pdf, created, documentId, title, language);
                pdf.save(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF " + documentId, e);
        }
        return out.toByteArray();
    }

    private static FSObjectDrawer chartDrawer(Map<String, ChartFigure> charts, int chartWidth) {
        return (element, x, y, width, height, device, context, dotsPerPixel) -> {
            String id = element.getAttribute("data-chart");
            ChartFigure figure = charts.get(id);
            if (figure == null) {
                throw new IllegalStateException("the document names chart '" + id + "', which was not built");
            }
            float w = (float) (width / dotsPerPixel);
            float h = (float) (height / dotsPerPixel);
            ((PdfBoxOutputDevice) device).drawWithGraphics((float) x, (float) y, w, h, g2 -> {
                double scale = w / chartWidth;
                g2.scale(scale, scale);
                figure.chart().draw(g2, new Rectangle2D.Double(0, 0, chartWidth, h / scale));
            });
            return null;
        };
    }

    private static void stabilise(
            PDDocument pdf, ZonedDateTime created, String documentId, String title, String language) {
        PDDocumentInformation info = new PDDocumentInformation();
        Calendar date = GregorianCalendar.from(created.withZoneSameInstant(ZoneOffset.UTC));
        date.setTimeZone(TimeZone.getTimeZone("UTC"));
        info.setCreationDate(date);
        info.setModificationDate(date);
        info.setTitle(title);
        info.setProducer("hotline-trends");
        info.setCreator("hotline-trends reports");
        pdf.setDocumentInformation(info);
        pdf.getDocumentCatalog().setLanguage(language);
        byte[] id = md5(documentId);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
        pdf.setDocumentId(0L);
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }
}
