package ca.hotlinetrends.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.awt.BasicStroke;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.IntervalCategoryDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each chart's data, read back from the dataset inside the JFreeChart, equals the published table: a
 * published cell is drawn with its value, a suppressed one is no value at all (and a bar chart marks it x).
 */
class ChartDataTest {

    private static final PublishedRelease RELEASE = Fixtures.release();
    private static final ChartTheme THEME = ChartTheme.standard();

    private static CategoryDataset data(ChartFigure f) {
        return ((CategoryPlot) f.chart().getPlot()).getDataset();
    }

    private static PublishedBarRenderer bars(ChartFigure f) {
        return (PublishedBarRenderer) ((CategoryPlot) f.chart().getPlot()).getRenderer();
    }

    /** The dataset value as the published table has it: the number, or null when suppressed or empty. */
    private static Double published(PublishedTable.Row row, String column) {
        OptionalDouble v = row.number(column);
        return v.isPresent() ? v.getAsDouble() : null;
    }

    /** JFreeChart's raw key lists, typed for assertions. */
    private static List<Object> keys(List<?> raw) {
        return new java.util.ArrayList<>(raw);
    }

    private static Double drawn(CategoryDataset data, String series, String category) {
        Number n = data.getValue(series, category);
        return n == null ? null : n.doubleValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void channelChart_drawsEveryPublishedQuarterOfEveryChannel(String lang) {
        Messages m = Fixtures.messages(lang);
        ChartFigure f = ContactsByChannelChart.build(RELEASE, m, THEME);
        CategoryDataset data = data(f);
        PublishedTable t = RELEASE.table("contacts_by_channel");
        List<Period> quarters = t.periods(Period.Type.QUARTER);
        List<Period> shown = quarters.subList(quarters.size() - 12, quarters.size());
        assertThat(keys(data.getColumnKeys()))
                .containsExactlyElementsOf(shown.stream().map(m::period).toList());
        assertThat(data.getRowCount()).isEqualTo(5);
        int suppressed = 0;
        for (Period q : shown) {
            for (String channel : List.of("PHONE", "TEXT", "CHAT", "EMAIL", "WEBFORM")) {
                PublishedTable.Row row = t.find(q.code(), channel).orElseThrow();
                assertThat(drawn(data, m.label("channel", channel), m.period(q)))
                        .as(q + " " + channel)
                        .isEqualTo(published(row, "contacts"));
                suppressed += row.published() ? 0 : 1;
            }
        }
        assertThat(suppressed)
                .as("the fixture has suppressed quarters in the window")
                .isGreaterThan(0);
        assertThat(keys(data.getRowKeys())).doesNotContain(m.dimensionLabel(t.schema(), "channel", "TOTAL"));
    }

    @Test
    void typeChart_highlightsLabourTrafficking() {
        Messages m = Fixtures.messages("en");
        ChartFigure f = CasesByTypeChart.build(RELEASE, m, THEME);
        CategoryDataset data = data(f);
        assertThat((Object) data.getRowKey(0)).isEqualTo("Labour trafficking");
        LineAndShapeRenderer r =
                (LineAndShapeRenderer) ((CategoryPlot) f.chart().getPlot()).getRenderer();
        assertThat(r.getSeriesPaint(0)).isEqualTo(ChartTheme.HIGHLIGHT);
        float labour = ((BasicStroke) r.getSeriesStroke(0)).getLineWidth();
        for (int i = 1; i < data.getRowCount(); i++) {
            assertThat(((BasicStroke) r.getSeriesStroke(i)).getLineWidth()).isLessThan(labour / 2);
            assertThat(r.getSeriesPaint(i)).isNotEqualTo(ChartTheme.HIGHLIGHT);
        }
        PublishedTable t = RELEASE.table("cases_by_trafficking_type");
        PublishedTable.Row q3 = t.find("2026Q3", "LABOUR").orElseThrow();
        assertThat(drawn(data, "Labour trafficking", "Q3 2026")).isEqualTo(published(q3, "cases"));
        assertThat(f.finding()).startsWith("Line chart highlighting labour trafficking.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void rateChart_drawsRatesIntervalsAndCountsOfTheLatestYear(String lang) {
        Messages m = Fixtures.messages(lang);
        ChartFigure f = ProvinceRateChart.build(RELEASE, m, THEME);
        IntervalCategoryDataset data = (IntervalCategoryDataset) data(f);
        PublishedTable t = RELEASE.table("rates_by_province");
        String series = m.get("chart.rate.series");
        assertThat(data.getColumnCount()).isEqualTo(14);
        assertThat((Object) data.getColumnKey(0)).isEqualTo("Canada");
        for (PublishedTable.Row row : t.rows()) {
            if (!row.period().code().equals("2025")) {
                continue;
            }
            String code = row.text("province_code");
            String label = code.equals("CA") ? "Canada" : m.label("province", code);
            int col = data.getColumnIndex(label);
            assertThat(drawn(data, series, label)).as(code).isEqualTo(published(row, "rate_per_100k"));
            Number lo = data.getStartValue(0, col);
            Number hi = data.getEndValue(0, col);
            assertThat(lo == null ? null : lo.doubleValue()).isEqualTo(published(row, "rate_ci_lower"));
            assertThat(hi == null ? null : hi.doubleValue()).isEqualTo(published(row, "rate_ci_upper"));
            assertThat(bars(f).markOf(series, label)).isEqualTo(row.published() ? null : "x");
        }
        List<?> annotations = ((CategoryPlot) f.chart().getPlot()).getAnnotations();
        List<String> counts = annotations.stream()
                .map(a -> ((CategoryTextAnnotation) a).getText())
                .toList();
        assertThat(counts)
                .contains(m.get(
                        "chart.rate.cases",
                        m.number(t.find("2025", "ON")
                                .orElseThrow()
                                .count("cases")
                                .getAsLong())));
        assertThat(counts).hasSize((int) t.rows().stream()
                .filter(r -> r.period().code().equals("2025"))
                .filter(PublishedTable.Row::published)
                .count());
    }

    @Test
    void tileMap_shadesPublishedRatesAndLeavesSuppressedTilesWithoutValue() {
        Messages m = Fixtures.messages("fr");
        ChartFigure f = ProvinceTileMap.build(RELEASE, m, THEME);
        XYZDataset data = (XYZDataset) ((XYPlot) f.chart().getPlot()).getDataset();
        List<String> provinces = Fixtures.schemas().codeList("province").codes();
        assertThat(data.getItemCount(0)).isEqualTo(13);
        PublishedTable t = RELEASE.table("rates_by_province");
        for (int i = 0; i < provinces.size(); i++) {
            PublishedTable.Row row = t.find("2025", provinces.get(i)).orElseThrow();
            double z = data.getZValue(0, i);
            if (row.published()) {
                assertThat(z).isEqualTo(row.number("rate_per_100k").getAsDouble());
            } else {
                assertThat(z).isNaN();
            }
        }
    }

    @Test
    void callerTypeChart_drawsCountsLargestFirstAndMarksSuppressedTypes() {
        Messages m = Fixtures.messages("en");
        ChartFigure f = CallerTypeChart.build(RELEASE, m, THEME);
        CategoryDataset data = data(f);
        PublishedTable t = RELEASE.table("contacts_by_caller_type");
        String series = m.tableUnit("contacts_by_caller_type");
        double previous = Double.MAX_VALUE;
        boolean gap = false;
        for (int c = 0; c < data.getColumnCount(); c++) {
            Number v = data.getValue(0, c);
            if (v == null) {
                gap = true;
                assertThat(bars(f).markOf(series, data.getColumnKey(c))).isEqualTo("x");
            } else {
                assertThat(gap).as("suppressed types come last").isFalse();
                assertThat(v.doubleValue()).isLessThanOrEqualTo(previous);
                previous = v.doubleValue();
            }
        }
        for (String code : Fixtures.schemas().codeList("caller_type").codes()) {
            PublishedTable.Row row = t.find("2025", code).orElseThrow();
            assertThat(drawn(data, series, m.label("caller_type", code))).isEqualTo(published(row, "contacts"));
        }
        assertThat(keys(data.getColumnKeys())).doesNotContain("Total");
        assertThat(f.table().rows()).anySatisfy(r -> assertThat(r).containsExactly("Government", "x"));
    }

    @Test
    void servicesChart_drawsSharesOfRecordsWithAnyService() {
        Messages m = Fixtures.messages("en");
        ChartFigure f = ServicesRequestedChart.build(RELEASE, m, THEME);
        CategoryDataset data = data(f);
        PublishedTable t = RELEASE.table("victims_by_services_requested");
        double any = t.find("2025", "ANY").orElseThrow().number("victims").getAsDouble();
        String series = m.tableUnit("victims_by_services_requested");
        for (String code : Fixtures.schemas().codeList("services_requested").codes()) {
            PublishedTable.Row row = t.find("2025", code).orElseThrow();
            Double expected = row.published() ? 100.0 * row.number("victims").getAsDouble() / any : null;
            assertThat(drawn(data, series, m.label("services_requested", code)))
                    .as(code)
                    .isEqualTo(expected);
        }
        assertThat(keys(data.getColumnKeys())).hasSize(10);
    }

    @Test
    void industryAndDemographicCharts_drawThePublishedCounts() {
        Messages m = Fixtures.messages("fr");
        CategoryDataset industry = data(IndustryChart.build(RELEASE, m, THEME));
        PublishedTable ti = RELEASE.table("victims_by_industry");
        for (String code : Fixtures.schemas().codeList("industry").codes()) {
            assertThat(drawn(industry, m.tableUnit("victims_by_industry"), m.label("industry", code)))
                    .isEqualTo(published(ti.find("2025", code).orElseThrow(), "victims"));
        }
        ChartFigure ga = GenderAgeChart.build(RELEASE, m, THEME);
        CategoryDataset data = data(ga);
        PublishedTable tg = RELEASE.table("victims_by_gender_and_age");
        int suppressed = 0;
        for (String g : Fixtures.schemas().codeList("gender").codes()) {
            for (String a : Fixtures.schemas().codeList("age_group").codes()) {
                PublishedTable.Row row = tg.find("2025", g, a).orElseThrow();
                String series = m.label("gender", g);
                String category = m.label("age_group", a);
                assertThat(drawn(data, series, category)).as(g + " " + a).isEqualTo(published(row, "victims"));
                if (!row.published()) {
                    suppressed++;
                    assertThat(bars(ga).markOf(series, category)).isEqualTo("x");
                }
            }
        }
        assertThat(suppressed).isGreaterThan(3);
    }

    @Test
    void changesChart_drawsYearOverYearChangesColouredBySignificance() {
        Messages m = Fixtures.messages("en");
        ChartFigure f = ChangesChart.build(RELEASE, m, THEME);
        CategoryDataset data = data(f);
        PublishedBarRenderer r = bars(f);
        PublishedTable t = RELEASE.table("changes_by_province");
        String series = m.get("chart.changes.series");
        for (String code : List.of("CA", "NS", "QC", "ON", "YT", "NT")) {
            PublishedTable.Row row = t.find("2026Q3", "year_over_year", code).orElseThrow();
            String label = code.equals("CA") ? "Canada" : m.label("province", code);
            assertThat(drawn(data, series, label)).as(code).isEqualTo(published(row, "percent_change"));
            if (row.published() && row.number("percent_change").isPresent()) {
                int col = data.getColumnIndex(label);
                assertThat(r.getItemPaint(0, col))
                        .isEqualTo(row.flag("significant").orElseThrow() ? ChartTheme.PRIMARY : ChartTheme.MUTED);
            }
        }
        assertThat(r.markOf(series, "Yukon")).isEqualTo("..");
        assertThat(r.markOf(series, "Northwest Territories")).isEqualTo("x");
        assertThat(f.finding()).contains("significantly in 1 of");
    }

    @Test
    void annualChart_drawsCanadaPerYearSince2019() {
        Messages m = Fixtures.messages("en");
        CategoryDataset data = data(AnnualCasesChart.build(RELEASE, m, THEME));
        assertThat(keys(data.getColumnKeys())).containsExactly("2019", "2020", "2021", "2022", "2023", "2024", "2025");
        PublishedTable t = RELEASE.table("cases_by_province");
        assertThat(drawn(data, "cases", "2025"))
                .isEqualTo(published(t.find("2025", "CA").orElseThrow(), "cases"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void everyChart_drawsNoValueForACellWithoutOne(String lang) {
        Map<String, ChartFigure> figures = ReleaseCharts.build(RELEASE, Fixtures.messages(lang), THEME);
        assertThat(figures).hasSize(10);
        int gaps = 0;
        for (ChartFigure f : figures.values()) {
            JFreeChart chart = f.chart();
            for (Map.Entry<ChartContent.Item, ChartContent.Source> e :
                    f.content().items().entrySet()) {
                ChartContent.Item item = e.getKey();
                Number v;
                if (chart.getPlot() instanceof CategoryPlot cp) {
                    CategoryDataset d = cp.getDataset(item.dataset());
                    int r = d.getRowIndex(item.series());
                    int c = d.getColumnIndex(item.category());
                    v = switch (item.part()) {
                        case VALUE -> d.getValue(r, c);
                        case START -> ((IntervalCategoryDataset) d).getStartValue(r, c);
                        case END -> ((IntervalCategoryDataset) d).getEndValue(r, c);
                    };
                } else {
                    XYZDataset d = (XYZDataset) ((XYPlot) chart.getPlot()).getDataset(item.dataset());
                    double z = d.getZValue(0, (Integer) item.category());
                    v = Double.isNaN(z) ? null : z;
                }
                boolean hasValue = e.getValue() instanceof ChartContent.Cell c
                        ? RELEASE.state(c.cell()) == PublishedRelease.CellState.PUBLISHED
                        : RELEASE.state(((ChartContent.Share) e.getValue()).part())
                                        == PublishedRelease.CellState.PUBLISHED
                                && RELEASE.state(((ChartContent.Share) e.getValue()).whole())
                                        == PublishedRelease.CellState.PUBLISHED;
                if (!hasValue) {
                    gaps++;
                }
                assertThat(v != null).as(f.id() + " " + item).isEqualTo(hasValue);
            }
        }
        assertThat(gaps).isGreaterThan(20);
    }
}
