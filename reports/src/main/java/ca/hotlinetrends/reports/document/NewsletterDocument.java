package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The quarterly newsletter, an e-mail-friendly HTML page (inline CSS, tables for layout, 640 px wide, no
 * scripts): the headline numbers of the quarter with their changes, a few charts as PNG images whose
 * alternative text states their main finding, and a short methods-and-confidentiality box.
 */
public final class NewsletterDocument {

    /** The template, shared by both languages. */
    static final String TEMPLATE = "newsletter.ftlh";

    private NewsletterDocument() {}

    /**
     * @param figures the figures to show, in order, already checked for leaks
     * @param chartSource the image address of a figure, relative to the newsletter
     */
    public static String render(
            PublishedRelease release,
            Messages m,
            ChartTheme theme,
            List<ChartFigure> figures,
            Function<ChartFigure, String> chartSource) {
        return render(release, m, theme, figures, chartSource, Optional.empty());
    }

    /**
     * As {@link #render(PublishedRelease, Messages, ChartTheme, List, Function)}, with staff commentary under the
     * headline figures.
     *
     * @param commentary the checked note of this language as an HTML fragment (printed as is); empty for none
     */
    public static String render(
            PublishedRelease release,
            Messages m,
            ChartTheme theme,
            List<ChartFigure> figures,
            Function<ChartFigure, String> chartSource,
            Optional<String> commentary) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("release", m.quarter(release.release()));
        model.put("headlines", HeadlineFigures.rows(release, m));
        commentary.ifPresent(html -> model.put("commentary", html));
        List<Map<String, String>> charts = new ArrayList<>();
        for (ChartFigure f : figures) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("src", chartSource.apply(f));
            c.put("alt", f.finding());
            c.put("width", Integer.toString(theme.width()));
            c.put("height", Integer.toString(f.height()));
            charts.add(c);
        }
        model.put("charts", charts);
        model.put("minCellCount", Integer.toString(release.minCellCount()));
        model.put("maxSuppressed", Integer.toString(release.minCellCount() - 1));
        model.put("suppressedCells", Appendix.suppressedCells(release, m));
        model.put("audit", Appendix.auditResult(release, m));
        model.put("revisions", Appendix.revisions(release, m));
        return new Templates().render(TEMPLATE, model, m);
    }
}
