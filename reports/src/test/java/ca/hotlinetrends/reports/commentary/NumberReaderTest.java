package ca.hotlinetrends.reports.commentary;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.reports.commentary.NumberReader.Kind;
import ca.hotlinetrends.reports.commentary.NumberReader.Quoted;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberReaderTest {

    private static final NumberReader EN = NumberReader.of("en");
    private static final NumberReader FR = NumberReader.of("fr");

    private static List<String> values(List<Quoted> qs) {
        return qs.stream()
                .map(q -> switch (q.kind()) {
                    case NUMBER -> q.value().toPlainString() + (q.percent() ? "%" : "");
                    case QUARTER -> "quarter " + q.quarter();
                    case UNREADABLE -> "unreadable " + q.written();
                })
                .toList();
    }

    @Test
    void english_readsGroupsDecimalsPercentagesAndSigns() {
        assertThat(values(EN.read("1,473 contacts, up 16.0% (12.5 %), down -3, then −4.25 and +7; 1234567.")))
                .containsExactly("1473", "16.0%", "12.5%", "3", "4.25", "7", "1234567");
        assertThat(EN.read("down -3").get(0).written()).isEqualTo("-3");
    }

    @Test
    void french_readsSpaceNoBreakAndNarrowNoBreakGroupsAndCommaDecimals() {
        assertThat(values(FR.read("1 473 contacts, 1\u00A0234 et 12\u202F345, soit 16,0 % ou 12,5\u00A0%; -3.")))
                .containsExactly("1473", "1234", "12345", "16.0%", "12.5%", "3");
    }

    @Test
    void theOtherLanguagesNotation_isUnreadable() {
        assertThat(values(EN.read("a rate of 12,5 here"))).containsExactly("unreadable 12,5");
        assertThat(values(FR.read("un taux de 12.5 ici"))).containsExactly("unreadable 12.5");
        // A comma that ends a clause is not a decimal separator.
        assertThat(values(FR.read("en 2025, 345 appels"))).containsExactly("2025", "345");
    }

    @Test
    void quarters_areReadInTheirUsualForms() {
        assertThat(values(EN.read("2026Q3, Q3 2026, Q1 to Q3 2026, the 3rd quarter")))
                .containsExactly("quarter 2026Q3", "quarter 2026Q3", "quarter Q1", "quarter 2026Q3", "quarter Q3");
        assertThat(values(FR.read("T3 2026, du T1 au T3 2026, le 3e trimestre, le 1er trimestre, le 2ᵉ trimestre")))
                .containsExactly(
                        "quarter 2026Q3", "quarter Q1", "quarter 2026Q3", "quarter Q3", "quarter Q1", "quarter Q2");
        // Not quarters: Q5, an ordinal that is not a quarter, a quarter letter inside a word.
        assertThat(values(EN.read("Q5, the 3rd caller, IQ3"))).containsExactly("5", "3", "3");
    }

    @Test
    void yearForm_isFourBareDigits() {
        assertThat(EN.read("in 2025").get(0).yearForm()).isTrue();
        assertThat(EN.read("2,025 calls").get(0).yearForm()).isFalse();
        assertThat(EN.read("2025%").get(0).yearForm()).isFalse();
        assertThat(EN.read("2025.0").get(0).yearForm()).isFalse();
    }

    @Test
    void digitsInsideWords_andOtherNumberCharacters_areRead() {
        assertThat(values(EN.read("Bill C-36 and H1N1"))).containsExactly("36", "1", "1");
        assertThat(values(EN.read("x³, ½, Ⅲ, ３")))
                .containsExactly("unreadable ³", "unreadable ½", "unreadable Ⅲ", "unreadable ３");
    }

    @Test
    void decimals_keepTheScaleAsWritten() {
        Quoted q = EN.read("12.50").get(0);
        assertThat(q.kind()).isEqualTo(Kind.NUMBER);
        assertThat(q.decimals()).isEqualTo(2);
        assertThat(q.value()).isEqualByComparingTo(new BigDecimal("12.5"));
    }
}
