package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;

/** Potential victims by industry or venue for the latest complete year (from victims_by_industry). */
public final class IndustryChart {

    public static final String ID = "victims-by-industry";
    public static final String TABLE = "victims_by_industry";

    private IndustryChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        return CategoryBarsChart.build(ID, TABLE, "industry", false, "chart.industry.finding", release, m, theme);
    }
}
