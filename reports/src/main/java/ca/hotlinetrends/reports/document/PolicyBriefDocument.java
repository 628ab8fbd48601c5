package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.chart.DataTable;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy brief, a PDF of several pages rendered from XHTML: headline figures, the annual series, the
 * provinces and territories with rates and intervals, forms of trafficking and industries, demographics and
 * callers, significant changes, and the methods-and-confidentiality appendix from the certificate. Every
 * chart is followed by its data table (suppressed cells read x).
 */
public final class PolicyBriefDocument {

    static final String TEMPLATE = "brief.ftlx";

    /**
     * A section: its bundle key ({@code brief.section.<key>.title} and {@code .intro}) and its figures' ids.
     *
     * @param key bundle key part
     * @param figures figure ids in order
     */
    public record Section(String key, List<String> figures) {
        public Section {
            figures = List.copyOf(figures);
        }
    }

    private PolicyBriefDocument() {}

    /** The XHTML of the brief. */
    public static String xhtml(
            PublishedRelease release,
            Messages m,
            ChartTheme theme,
            List<Section> sections,
            Map<String, ChartFigure> figures) {
        return xhtml(release, m, theme, sections, figures, Optional.empty());
    }

    /**
     * The XHTML of the brief with a highlights section after the headline figures.
     *
     * @param highlights the checked note of this language as an XHTML fragment (printed as is); empty for none
     */
    public static String xhtml(
            PublishedRelease release,
            Messages m,
            ChartTheme theme,
            List<Section> sections,
            Map<String, ChartFigure> figures,
            Optional<String> highlights) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("release", m.quarter(release.release()));
        model.put("headlines", HeadlineFigures.rows(release, m));
        model.put("canadaRate", HeadlineFigures.canadaRate(release, m));
        highlights.ifPresent(html -> model.put("highlights", html));
        Quarter q = release.release();
        model.put(
                "yearToDateLabel",
                q.number() == 4 ? m.get("text.not.applicable") : m.period(Period.yearToDate(q.year(), q.number())));
        model.put("yearLabel", m.period(Period.year(q.number() == 4 ? q.year() : q.year() - 1)));
        model.put("minCellCount", Integer.toString(release.minCellCount()));
        model.put("maxSuppressed", Integer.toString(release.minCellCount() - 1));
        model.put("revisions", Appendix.revisions(release, m));
        List<Map<String, Object>> sectionModels = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("key", s.key());
            List<Map<String, Object>> fs = new ArrayList<>();
            for (String id : s.figures()) {
                ChartFigure f = figures.get(id);
                if (f == null) {
                    throw new IllegalArgumentException(
                            "brief section " + s.key() + " names figure " + id + ", which was not built");
                }
                fs.add(figure(f, theme));
            }
            sm.put("figures", fs);
            sectionModels.add(sm);
        }
        model.put("sections", sectionModels);
        model.put("appendix", Appendix.rows(release, m));
        return new Templates().render(TEMPLATE, model, m);
    }

    /** The PDF bytes of the brief; dated the first day after the release quarter, with a fixed ID. */
    public static byte[] pdf(
            PublishedRelease release,
            Messages m,
            ChartTheme theme,
            List<Section> sections,
            Map<String, ChartFigure> figures) {
        return pdf(release, m, theme, sections, figures, Optional.empty());
    }

    /** The PDF bytes of the brief with its highlights (see {@link #xhtml(PublishedRelease, Messages, ChartTheme, List, Map, Optional)}). */
    public static byte[] pdf(
            PublishedRelease release,
            Messages m,
            ChartTheme theme,
            List<Section> sections,
            Map<String, ChartFigure> figures,
            Optional<String> highlights) {
        String xhtml = xhtml(release, m, theme, sections, figures, highlights);
        Quarter q = release.release();
        ZonedDateTime date = ZonedDateTime.of(q.next().firstDay(), LocalTime.MIDNIGHT, ZoneOffset.UTC);
        return PdfDocument.render(
                xhtml,
                figures,
                theme.width(),
                date,
                "hotline-trends/" + q + "/policy-brief/" + m.language(),
                m.get("brief.title") + " " + m.quarter(q),
                m.language());
    }

    private static Map<String, Object> figure(ChartFigure f, ChartTheme theme) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("id", f.id());
        fm.put("width", Integer.toString(theme.width()));
        fm.put("height", Integer.toString(f.height()));
        fm.put("alt", f.finding());
        DataTable t = f.table();
        fm.put("caption", t.caption());
        fm.put("header", t.header());
        fm.put("rows", t.rows());
        return fm;
    }
}
