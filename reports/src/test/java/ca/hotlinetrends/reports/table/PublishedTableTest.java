package ca.hotlinetrends.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.ReportException;
import ca.hotlinetrends.reports.testing.Fixtures;
import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.TableSchema;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedTableTest {

    private static final String HEADER = "period_type,period,channel,contacts,status\n";

    private static PublishedTable parse(String csv) throws IOException {
        TableSchema schema = Fixtures.schemas().table("contacts_by_channel");
        Map<String, CodeList> lists = new LinkedHashMap<>();
        Fixtures.schemas().codeLists().forEach(c -> lists.put(c.name(), c));
        return PublishedTable.parse(schema, lists, new StringReader(csv), "test.csv");
    }

    @Test
    void fixtureTable_readsCountsSuppressedCellsAndFootnotes() {
        PublishedTable t = Fixtures.release().table("contacts_by_channel");
        assertThat(t.footnotes()).singleElement().asString().startsWith("x: suppressed");
        PublishedTable.Row email = t.find("2024Q1", "EMAIL").orElseThrow();
        assertThat(email.suppressed("contacts")).isTrue();
        assertThat(email.count("contacts")).isEmpty();
        assertThat(email.published()).isFalse();
        assertThat(t.find("2026Q3", "TOTAL").orElseThrow().count("contacts")).hasValue(1161);
        assertThat(t.periods(Period.Type.YEAR))
                .extracting(Period::code)
                .containsExactly("2019", "2020", "2021", "2022", "2023", "2024", "2025");
        assertThat(t.periods(Period.Type.YEAR_TO_DATE))
                .last()
                .extracting(Period::code)
                .isEqualTo("2026Q1-Q3");
    }

    @Test
    void cellReference_namesTableKeyAndColumn() {
        PublishedTable t = Fixtures.release().table("contacts_by_channel");
        CellRef c = t.cell("contacts", "2026Q3", "PHONE");
        assertThat(c).hasToString("contacts_by_channel[period=2026Q3, channel=PHONE].contacts");
        assertThat(t.find(c)).isPresent();
        assertThat(c.with("channel", "TOTAL").key()).containsEntry("channel", "TOTAL");
    }

    @Test
    void headerOtherThanTheSchemasColumns_isRejected() {
        assertThatThrownBy(() -> parse("period_type,period,contacts,channel,status\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("header must be exactly the schema's columns");
    }

    @Test
    void suppressedRowCarryingANumber_isRejected() {
        assertThatThrownBy(() -> parse(HEADER + "quarter,2026Q3,EMAIL,3,suppressed\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("column contacts of a suppressed row must read x")
                .hasMessageNotContaining(",3,");
    }

    @Test
    void publishedRowReadingX_isRejected() {
        assertThatThrownBy(() -> parse(HEADER + "quarter,2026Q3,EMAIL,x,published\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("reads x in a row whose status is published");
    }

    @Test
    void unknownCode_isRejected() {
        assertThatThrownBy(() -> parse(HEADER + "quarter,2026Q3,FAX,12,published\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("channel must be a code of channel");
    }

    @Test
    void periodOfAnotherType_isRejected() {
        assertThatThrownBy(() -> parse(HEADER + "year,2026Q3,EMAIL,12,published\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("is not of period_type year");
    }

    @Test
    void formattedNumber_isRejected() {
        assertThatThrownBy(() -> parse(HEADER + "quarter,2026Q3,EMAIL,\"1,234\",published\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("must be an unformatted long");
    }

    @Test
    void unknownStatus_isRejected() {
        assertThatThrownBy(() -> parse(HEADER + "quarter,2026Q3,EMAIL,12,rounded\n"))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("status must be a cell_status code");
    }

    @Test
    void rollUpCode_isAccepted() throws IOException {
        TableSchema schema = Fixtures.schemas().table("cases_by_province_and_type");
        Map<String, CodeList> lists = new LinkedHashMap<>();
        Fixtures.schemas().codeLists().forEach(c -> lists.put(c.name(), c));
        PublishedTable t = PublishedTable.parse(
                schema,
                lists,
                new StringReader("period_type,period,province_code,trafficking_type,cases,status\n"
                        + "year,2025,TERRITORIES,LABOUR,x,suppressed\n"),
                "t.csv");
        assertThat(t.find("2025", "TERRITORIES", "LABOUR")).isPresent();
    }
}
