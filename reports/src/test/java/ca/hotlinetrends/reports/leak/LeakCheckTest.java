package ca.hotlinetrends.reports.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.reports.chart.ChartContent;
import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.chart.ReleaseCharts;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Planted leaking charts are refused with the chart and the cell named; the real charts pass. The fixture's
 * 2024Q1 contacts by channel have e-mail and web form suppressed while the total is published.
 */
class LeakCheckTest {

    private static final PublishedRelease RELEASE = Fixtures.release();
    private static final PublishedTable CHANNELS = RELEASE.table("contacts_by_channel");
    private static final String QUARTER = "2024Q1";
    private static final List<String> CHANNEL_CODES = List.of("PHONE", "TEXT", "CHAT", "EMAIL", "WEBFORM");

    private static CellRef cell(String channel) {
        return CHANNELS.cell("contacts", QUARTER, channel);
    }

    private static JFreeChart chart(DefaultCategoryDataset data, CategoryItemRenderer renderer) {
        return new JFreeChart(new CategoryPlot(data, new CategoryAxis(), new NumberAxis(), renderer));
    }

    @Test
    void fixtureShape_hasTheSuppressedSegmentsThePlantsNeed() {
        assertThat(RELEASE.state(cell("EMAIL"))).isEqualTo(PublishedRelease.CellState.SUPPRESSED);
        assertThat(RELEASE.state(cell("TOTAL"))).isEqualTo(PublishedRelease.CellState.PUBLISHED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void everyChartOfTheRelease_passes(String lang) {
        for (ChartFigure f : ReleaseCharts.build(RELEASE, Fixtures.messages(lang), ChartTheme.standard())
                .values()) {
            assertThatCode(() -> LeakCheck.verify(f, RELEASE)).as(f.id()).doesNotThrowAnyException();
        }
    }

    @Test
    void stackedBarWithASuppressedSegmentAndAPublishedTotal_isRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        for (String c : CHANNEL_CODES) {
            boolean published = RELEASE.state(cell(c)) == PublishedRelease.CellState.PUBLISHED;
            data.addValue(published ? RELEASE.value(cell(c)) : null, c, QUARTER);
            content.value(0, c, QUARTER, cell(c));
        }
        JFreeChart chart = chart(data, new StackedBarRenderer());
        assertThatThrownBy(() -> LeakCheck.verify("planted-stack", chart, content.build(), RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("chart 'planted-stack' refused")
                .hasMessageContaining("suppressed segment contacts_by_channel[period=2024Q1, channel=EMAIL].contacts")
                .hasMessageContaining("contacts_by_channel[period=2024Q1, channel=TOTAL].contacts is published")
                .satisfies(e -> assertThat(((ChartLeakException) e).chart()).isEqualTo("planted-stack"));
    }

    @Test
    void sameSegmentsSideBySide_pass() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        for (String c : CHANNEL_CODES) {
            boolean published = RELEASE.state(cell(c)) == PublishedRelease.CellState.PUBLISHED;
            data.addValue(published ? RELEASE.value(cell(c)) : null, c, QUARTER);
            content.value(0, c, QUARTER, cell(c));
        }
        assertThatCode(() -> LeakCheck.verify("side-by-side", chart(data, new BarRenderer()), content.build(), RELEASE))
                .doesNotThrowAnyException();
    }

    @Test
    void suppressedCellDrawnAsZero_isRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(0, "contacts", "EMAIL");
        ChartContent content = ChartContent.builder()
                .value(0, "contacts", "EMAIL", cell("EMAIL"))
                .build();
        assertThatThrownBy(() -> LeakCheck.verify("planted-zero", chart(data, new BarRenderer()), content, RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("chart 'planted-zero'")
                .hasMessageContaining(
                        "draws suppressed cell contacts_by_channel[period=2024Q1, channel=EMAIL].contacts");
    }

    @Test
    void remainderOfAPublishedTotal_isRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ChartContent.Builder content = ChartContent.builder();
        double rest = RELEASE.value(cell("TOTAL"));
        for (String c : List.of("PHONE", "TEXT", "CHAT")) {
            data.addValue(RELEASE.value(cell(c)), "contacts", c);
            content.value(0, "contacts", c, cell(c));
            rest -= RELEASE.value(cell(c));
        }
        data.addValue(rest, "contacts", "E-mail and web form");
        assertThatThrownBy(() ->
                        LeakCheck.verify("planted-remainder", chart(data, new BarRenderer()), content.build(), RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("category 'E-mail and web form'")
                .hasMessageContaining("not declared as a published cell")
                .hasMessageNotContaining(Long.toString(Math.round(rest)));
    }

    @Test
    void shareOfAPublishedTotalForASuppressedPart_isRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(1.2, "share", "EMAIL");
        ChartContent content = ChartContent.builder()
                .share(0, "share", "EMAIL", cell("EMAIL"), cell("TOTAL"))
                .build();
        assertThatThrownBy(() -> LeakCheck.verify("planted-share", chart(data, new BarRenderer()), content, RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("suppressed cell contacts_by_channel[period=2024Q1, channel=EMAIL].contacts");
    }

    @Test
    void valueOtherThanThePublishedOne_isRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(RELEASE.value(cell("PHONE")) + 1, "contacts", "PHONE");
        ChartContent content = ChartContent.builder()
                .value(0, "contacts", "PHONE", cell("PHONE"))
                .build();
        assertThatThrownBy(() -> LeakCheck.verify("planted-off", chart(data, new BarRenderer()), content, RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("differs from the published value");
    }

    @Test
    void dataLabelStatingASuppressedCell_isRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(null, "contacts", "EMAIL");
        JFreeChart chart = chart(data, new BarRenderer());
        ((CategoryPlot) chart.getPlot()).addAnnotation(new CategoryTextAnnotation("n = 3", "EMAIL", 0));
        ChartContent declared = ChartContent.builder()
                .value(0, "contacts", "EMAIL", cell("EMAIL"))
                .label("n = 3", cell("EMAIL"))
                .build();
        assertThatThrownBy(() -> LeakCheck.verify("planted-label", chart, declared, RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("states cell " + "contacts_by_channel[period=2024Q1, channel=EMAIL].contacts");
        ChartContent undeclared = ChartContent.builder()
                .value(0, "contacts", "EMAIL", cell("EMAIL"))
                .build();
        assertThatThrownBy(() -> LeakCheck.verify("planted-label", chart, undeclared, RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("not declared as a published cell");
    }

    @Test
    void itemLabelsPrintingSomethingElse_areRefused() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(RELEASE.value(cell("PHONE")), "contacts", "PHONE");
        BarRenderer renderer = new BarRenderer();
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            private static final long serialVersionUID = 1L;
        });
        ChartContent content = ChartContent.builder()
                .value(0, "contacts", "PHONE", cell("PHONE"))
                .build();
        assertThatThrownBy(() -> LeakCheck.verify("planted-item-label", chart(data, renderer), content, RELEASE))
                .isInstanceOf(ChartLeakException.class)
                .hasMessageContaining("item labels");
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0")));
        assertThatCode(() -> LeakCheck.verify("plain-item-label", chart(data, renderer), content, RELEASE))
                .doesNotThrowAnyException();
    }
}
