package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;

/** Contacts per quarter by channel over the last 12 quarters, one line per channel (from contacts_by_channel). */
public final class ContactsByChannelChart {

    public static final String ID = "contacts-by-channel";
    public static final String TABLE = "contacts_by_channel";

    private ContactsByChannelChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        return QuarterlyLinesChart.build(ID, TABLE, "channel", null, "chart.channel.finding", release, m, theme);
    }
}
