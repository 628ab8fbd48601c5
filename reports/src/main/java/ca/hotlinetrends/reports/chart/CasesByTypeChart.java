package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;

/**
 * Cases per quarter by form of trafficking over the last 12 quarters (from cases_by_trafficking_type), with
 * labour trafficking highlighted: its line is drawn first, thick and in vermillion; the other forms are thin.
 */
public final class CasesByTypeChart {

    public static final String ID = "cases-by-trafficking-type";
    public static final String TABLE = "cases_by_trafficking_type";
    /** The code of labour trafficking in schemas/codes/trafficking_type.csv. */
    public static final String LABOUR = "LABOUR";

    private CasesByTypeChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        return QuarterlyLinesChart.build(
                ID, TABLE, "trafficking_type", LABOUR, "chart.type.finding", release, m, theme);
    }
}
