package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records-against-tables check on hand-made records: what certainly falls in a suppressed cell, and what may. */
class JointCheckTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final Quarter RELEASE = new Quarter(2026, 3);

    private static TableSchema table(String name) {
        return SCHEMAS.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void recordsThatKeepTheYear_giveBackTheSuppressedCellTheyFallIn() {
        TableSchema t = table("victims_by_recruiter_relation");
        JointCheck.Cell cell = new JointCheck.Cell("c", "year", "2019", List.of("RECRUITER_AGENCY"));
        List<JointCheck.Group> keptYear = List.of(new JointCheck.Group("2019", List.of("RECRUITER_AGENCY"), 4),
                new JointCheck.Group("*", List.of("RECRUITER_AGENCY"), 30));
        List<JointCheck.Group> periodHidden = List.of(new JointCheck.Group("*", List.of("RECRUITER_AGENCY"), 34));

        assertThat(JointCheck.check(t, SCHEMAS, RELEASE, List.of(cell), keptYear, 0, 5))
                .containsExactly(new JointCheck.Narrowed("c", 4, 34));
        assertThat(JointCheck.check(t, SCHEMAS, RELEASE, List.of(cell), periodHidden, 0, 5)).isEmpty();
        // Only 3 records could fall in it and none is suppressed whole: the range [0, 3] is too narrow.
        assertThat(JointCheck.check(t, SCHEMAS, RELEASE, List.of(cell),
                List.of(new JointCheck.Group("*", List.of("RECRUITER_AGENCY"), 3)), 0, 5)).hasSize(1);
        assertThat(JointCheck.check(t, SCHEMAS, RELEASE, List.of(cell),
                List.of(new JointCheck.Group("*", List.of("RECRUITER_AGENCY"), 3)), 2, 5)).isEmpty();
    }

    @Test
    void generalisedOrBlankedValues_mayFallInACellButNeverCertainly() {
        TableSchema t = table("victims_by_gender_and_age");
        JointCheck.Cell cell = new JointCheck.Cell("c", "year", "2025", List.of("MAN", "UNDER_18"));
        List<JointCheck.Group> groups = List.of(
                new JointCheck.Group("2025", List.of("MAN_OR_DIVERSE", "UNDER_18"), 12),
                new JointCheck.Group("2025", List.of("*", "UNDER_18"), 11),
                new JointCheck.Group("2025", List.of("WOMAN", "UNDER_18"), 40));
        assertThat(JointCheck.check(t, SCHEMAS, RELEASE, List.of(cell), groups, 0, 5)).isEmpty();
        // The same records with the quarter kept fall certainly in the year's cell.
        List<JointCheck.Group> exact = List.of(new JointCheck.Group("2025Q2", List.of("MAN", "UNDER_18"), 11));
        assertThat(JointCheck.check(t, SCHEMAS, RELEASE, List.of(cell), exact, 0, 5)).hasSize(1);
    }

    @Test
    void theReleasesYearToDate_isTheRecordsYear() {
        assertThat(JointCheck.coverage("year_to_date", "2026Q1-Q3", RELEASE)).containsExactlyInAnyOrder("2026Q1",
                "2026Q2", "2026Q3");
        assertThat(JointCheck.coverage("year_to_date", "2025Q1-Q3", RELEASE)).isNull();
        assertThat(JointCheck.coverage("2026", RELEASE)).hasSize(3);
        assertThat(JointCheck.coverage("2025H2", RELEASE)).containsExactlyInAnyOrder("2025Q3", "2025Q4");
    }
}
