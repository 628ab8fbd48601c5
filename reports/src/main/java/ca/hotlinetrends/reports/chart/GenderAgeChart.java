package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Potential victims by age group (categories) and gender (bars side by side, never stacked) for the latest
 * complete year, national (from victims_by_gender_and_age). Each suppressed cell is an {@code x} at the base
 * of its bar's place. Totals are in the data table only.
 */
public final class GenderAgeChart {

    public static final String ID = "victims-by-gender-and-age";
    public static final String TABLE = "victims_by_gender_and_age";

    private GenderAgeChart() {}

    /**
     * @param release the published release (non-null; must include {@value #TABLE})
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(theme, "theme");
        PublishedTable table = release.table(TABLE);
        TableSchema.Dimension gender = table.dimension("gender");
        TableSchema.Dimension age = table.dimension("age_group");
        String measure = table.schema().measureColumn();
        Period year = ChartSupport.latestYear(table, release.release());
        List<String> genders = release.schemas().codeList(gender.codes()).codes();
        List<String> ages = release.schemas().codeList(age.codes()).codes();

        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        PublishedBarRenderer renderer = ChartSupport.barRenderer(theme);
        PublishedItems items = new PublishedItems(release, 0, data, content, renderer);
        String topGender = null;
        String topAge = null;
        double top = -1;
        for (int g = 0; g < genders.size(); g++) {
            renderer.setSeriesPaint(g, theme.series(g));
            for (String a : ages) {
                Double v = items.add(
                        m.label(gender.codes(), genders.get(g)),
                        m.label(age.codes(), a),
                        table.cell(measure, year.code(), genders.get(g), a));
                if (v != null && v > top) {
                    top = v;
                    topGender = genders.get(g);
                    topAge = a;
                }
            }
        }
        List<String> header = new ArrayList<>();
        header.add(m.get("table.age.group"));
        genders.forEach(g -> header.add(m.label(gender.codes(), g)));
        header.add(m.dimensionLabel(table.schema(), "gender", gender.totalCode()));
        List<List<String>> rows = new ArrayList<>();
        List<String> allAges = new ArrayList<>(ages);
        allAges.add(age.totalCode());
        for (String a : allAges) {
            List<String> row = new ArrayList<>();
            row.add(m.dimensionLabel(table.schema(), "age_group", a));
            for (String g : genders) {
                row.add(ChartSupport.formatted(m, release, table.cell(measure, year.code(), g, a), 0));
            }
            row.add(ChartSupport.formatted(m, release, table.cell(measure, year.code(), gender.totalCode(), a), 0));
            rows.add(row);
        }
        CategoryPlot plot = ChartSupport.categoryPlot(
                data, renderer, ChartSupport.unitLabel(m, TABLE), PlotOrientation.VERTICAL, m, 0);
        renderer.setItemMargin(0.03);
        renderer.setMaximumBarWidth(0.05);
        String title = ChartSupport.title(m, TABLE, year);
        JFreeChart chart = ChartSupport.chart(
                title,
                plot,
                true,
                theme,
                ChartSupport.footer(m, release, items.anySuppressed(), items.anyNotAvailable()));
        String finding = topGender == null
                ? m.get("chart.finding.none", m.period(year))
                : m.get(
                        "chart.demographics.finding",
                        m.period(year),
                        m.label(gender.codes(), topGender),
                        m.label(age.codes(), topAge),
                        m.number(Math.round(top)));
        return new ChartFigure(ID, chart, 420, content.build(), new DataTable(title, header, rows), finding);
    }
}
