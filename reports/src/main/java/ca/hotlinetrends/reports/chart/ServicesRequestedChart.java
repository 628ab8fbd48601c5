package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;

/**
 * Services requested for the latest complete year, each as a share of the potential victims with any
 * information on services ({@code ANY}); several may be requested, so the shares add up to more than 100%
 * (from victims_by_services_requested).
 */
public final class ServicesRequestedChart {

    public static final String ID = "services-requested";
    public static final String TABLE = "victims_by_services_requested";

    private ServicesRequestedChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        return CategoryBarsChart.build(
                ID, TABLE, "services_requested", true, "chart.services.finding", release, m, theme);
    }
}
