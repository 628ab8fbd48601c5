package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;

/** Contacts by caller type for the latest complete year (from contacts_by_caller_type). */
public final class CallerTypeChart {

    public static final String ID = "contacts-by-caller-type";
    public static final String TABLE = "contacts_by_caller_type";

    private CallerTypeChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        return CategoryBarsChart.build(ID, TABLE, "caller_type", false, "chart.caller.finding", release, m, theme);
    }
}
