package ca.hotlinetrends.reports.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.testing.Fixtures;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final Messages EN = Fixtures.messages("en");
    private static final Messages FR = Fixtures.messages("fr");

    /** Any no-break space (U+00A0, U+202F) as a plain space, to compare with readable literals. */
    private static String plain(String s) {
        return s.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    @Test
    void frenchNumbers_useSpaceGroupingAndDecimalComma() {
        assertThat(plain(FR.number(1234))).isEqualTo("1 234");
        assertThat(plain(FR.decimal(1234.5, 1))).isEqualTo("1 234,5");
        assertThat(plain(FR.percent(12.5, 1))).isEqualTo("12,5 %");
        assertThat(plain(FR.signedPercent(-3.04, 1))).isEqualTo("\u22123,0 %");
        assertThat(FR.percent(12.5, 1)).contains("\u00a0%");
        assertThat(plain(FR.decimalFormat(1).format(-1234.5))).isEqualTo("\u22121 234,5");
    }

    @Test
    void englishNumbers_useCommaGroupingAndDecimalPoint() {
        assertThat(EN.number(1234)).isEqualTo("1,234");
        assertThat(EN.decimal(1234.5, 1)).isEqualTo("1,234.5");
        assertThat(EN.percent(12.5, 1)).isEqualTo("12.5%");
        assertThat(EN.signedPercent(33.333, 1)).isEqualTo("+33.3%");
        assertThat(EN.signedPercent(-0.01, 1)).isEqualTo("0.0%");
        assertThat(EN.percentFormat(1, true).format(-54.29)).isEqualTo("\u221254.3%");
    }

    @Test
    void quartersAndPeriods_inBothLanguages() {
        assertThat(EN.quarter(new Quarter(2026, 3))).isEqualTo("Q3 2026");
        assertThat(FR.quarter(new Quarter(2026, 3))).isEqualTo("T3 2026");
        assertThat(EN.period(Period.parse("2026Q1-Q3"))).isEqualTo("Q1 to Q3 2026");
        assertThat(FR.period(Period.parse("2026Q1-Q3"))).isEqualTo("T1 à T3 2026");
        assertThat(FR.period(Period.parse("2025"))).isEqualTo("2025");
    }

    @Test
    void labels_comeFromTheSchemas() {
        assertThat(FR.label("province", "PE")).isEqualTo("Île-du-Prince-Édouard");
        assertThat(EN.label("trafficking_type", "LABOUR")).isEqualTo("Labour trafficking");
        assertThat(FR.tableTitle("rates_by_province"))
                .isEqualTo("Cas pour 100 000 habitants par province ou territoire");
        var schema = Fixtures.schemas().table("cases_by_province_and_type");
        assertThat(FR.dimensionLabel(schema, "province_code", "TERRITORIES")).isEqualTo("Territoires");
        assertThat(EN.dimensionLabel(schema, "province_code", "CA")).isEqualTo("Canada");
        assertThat(FR.dimensionLabel(schema, "trafficking_type", "TOTAL")).isEqualTo("Total");
    }

    @Test
    void apostrophes_areKeptInFrench() {
        assertThat(FR.get("chart.source", "5"))
                .isEqualTo(
                        "Source\u00a0: contacts avec la ligne d'urgence, dépersonnalisés; nombres inférieurs à 5 supprimés");
        assertThat(EN.get("chart.source", "5"))
                .isEqualTo("Source: hotline contacts, de-identified; counts under 5 suppressed");
    }

    @Test
    void missingKey_failsInsteadOfFallingBack() {
        assertThatThrownBy(() -> FR.get("no.such.key"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing fr translation for 'no.such.key'");
    }

    @Test
    void otherLanguage_isRejected() {
        assertThatThrownBy(() -> Messages.of("de", Fixtures.schemas()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Provided value: de");
    }
}
