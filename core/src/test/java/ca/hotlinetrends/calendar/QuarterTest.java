package ca.hotlinetrends.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QuarterTest {

    @Test
    void parseAndPrint_roundTrip() {
        assertThat(Quarter.parse("2026Q3")).isEqualTo(new Quarter(2026, 3));
        assertThat(Quarter.parse("2026Q3").toString()).isEqualTo("2026Q3");
    }

    @Test
    void badText_isRejectedWithTheValue() {
        assertThatThrownBy(() -> Quarter.parse("2026-Q5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-Q5");
    }

    @Test
    void datesFallInTheirQuarter() {
        assertThat(Quarter.of(LocalDate.of(2019, 5, 1))).isEqualTo(new Quarter(2019, 2));
        assertThat(Quarter.of(LocalDate.of(2024, 12, 31))).isEqualTo(new Quarter(2024, 4));
        assertThat(new Quarter(2024, 1).lastDay()).isEqualTo(LocalDate.of(2024, 3, 31));
    }

    @Test
    void ranges_crossYears() {
        assertThat(new Quarter(2025, 3).through(new Quarter(2026, 2))).hasSize(4);
        assertThat(new Quarter(2025, 4).next()).isEqualTo(new Quarter(2026, 1));
        assertThat(new Quarter(2019, 1).quartersUntil(new Quarter(2026, 3))).isEqualTo(30);
    }
}
