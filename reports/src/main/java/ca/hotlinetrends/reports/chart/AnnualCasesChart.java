package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Cases per calendar year in Canada since 2019 (from cases_by_province), with contacts and the rate per
 * 100,000 population in the data table (from contacts_by_channel and rates_by_province).
 */
public final class AnnualCasesChart {

    public static final String ID = "cases-per-year";
    public static final String TABLE = "cases_by_province";
    static final String CONTACTS = "contacts_by_channel";
    static final String RATES = "rates_by_province";
    /** The first year of the annual series. */
    public static final int FIRST_YEAR = 2019;

    private AnnualCasesChart() {}

    /**
     * @param release the published release (non-null; must include cases_by_province, contacts_by_channel and
     *     rates_by_province)
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(theme, "theme");
        PublishedTable cases = release.table(TABLE);
        PublishedTable contacts = release.table(CONTACTS);
        PublishedTable rates = release.table(RATES);
        String canada = cases.dimension("province_code").totalCode();
        String allChannels = contacts.dimension("channel").totalCode();
        List<Period> years = ChartSupport.years(cases, release.release(), FIRST_YEAR);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        PublishedBarRenderer renderer = ChartSupport.barRenderer(theme);
        PublishedItems items = new PublishedItems(release, 0, data, content, renderer);
        String series = m.tableUnit(TABLE);
        List<List<String>> rows = new ArrayList<>();
        for (Period y : years) {
            CellRef c = cases.cell(cases.schema().measureColumn(), y.code(), canada);
            items.add(series, m.period(y), c);
            rows.add(List.of(
                    m.period(y),
                    ChartSupport.formatted(
                            m, release, contacts.cell(contacts.schema().measureColumn(), y.code(), allChannels), 0),
                    ChartSupport.formatted(m, release, c, 0),
                    ChartSupport.formatted(m, release, rates.cell("rate_per_100k", y.code(), canada), 1)));
        }
        CategoryPlot plot = ChartSupport.categoryPlot(
                data, renderer, ChartSupport.unitLabel(m, TABLE), PlotOrientation.VERTICAL, m, 0);
        renderer.setMaximumBarWidth(0.09);
        plot.getRangeAxis().setUpperMargin(0.1);
        ChartSupport.valueLabels(renderer, m.integerFormat(), PlotOrientation.VERTICAL, theme);
        String title = m.get("chart.annual.title", m.period(years.get(0)), m.period(years.get(years.size() - 1)));
        JFreeChart chart = ChartSupport.chart(
                title, plot, false, theme, ChartSupport.footer(m, release, items.anySuppressed(), false));
        DataTable table = new DataTable(
                title,
                List.of(
                        m.get("table.year"),
                        ChartSupport.unitLabel(m, CONTACTS),
                        ChartSupport.unitLabel(m, TABLE),
                        m.get("table.rate")),
                rows);
        Period last = years.get(years.size() - 1);
        Period first = years.get(0);
        String finding = m.get(
                "chart.annual.finding",
                ChartSupport.formatted(m, release, cases.cell(cases.schema().measureColumn(), last.code(), canada), 0),
                m.period(last),
                ChartSupport.formatted(m, release, cases.cell(cases.schema().measureColumn(), first.code(), canada), 0),
                m.period(first));
        return new ChartFigure(ID, chart, theme.height(), content.build(), table, finding);
    }
}
