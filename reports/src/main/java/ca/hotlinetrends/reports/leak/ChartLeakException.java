package ca.hotlinetrends.reports.leak;

import ca.hotlinetrends.reports.ReportException;

/**
 * A chart that would reveal a suppressed value, or draw a number that is not a published one. The message
 * names the chart and the cell, never a value. Nothing of the release is written when one is thrown.
 */
public final class ChartLeakException extends ReportException {

    private static final long serialVersionUID = 1L;

    private final String chart;

    public ChartLeakException(String chart, String message) {
        super("chart '" + chart + "' refused: " + message);
        this.chart = chart;
    }

    /** The id of the refused chart. */
    public String chart() {
        return chart;
    }
}
