package ca.hotlinetrends.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.ReportException;
import ca.hotlinetrends.reports.chart.ReleaseCharts;
import ca.hotlinetrends.reports.testing.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCertificateTest {

    private static ReleaseCertificate parse(String json) throws Exception {
        return ReleaseCertificate.parse(new ObjectMapper().readTree(json), "certificate.json");
    }

    @Test
    void fixtureCertificate_hasEverySection() {
        ReleaseCertificate c = Fixtures.release().certificate();
        assertThat(c.release()).isEqualTo("2026Q3");
        assertThat(c.tableProtection().minCellCount()).isEqualTo(5);
        assertThat(c.tableProtection().suppressedCells()).isPresent();
        assertThat(c.audit()).hasValueSatisfying(a -> {
            assertThat(a.passed()).isTrue();
            assertThat(a.narrowestFeasibleRange()).hasValue(6.0);
        });
        assertThat(c.anonymization()).hasValueSatisfying(a -> assertThat(a.k()).isEqualTo(11));
    }

    @Test
    void minimalCertificate_leavesOptionalSectionsEmpty() throws Exception {
        ReleaseCertificate c = parse("{\"release\":\"2026Q3\",\"table_protection\":{\"min_cell_count\":5}}");
        assertThat(c.audit()).isEmpty();
        assertThat(c.anonymization()).isEmpty();
        assertThat(c.tableProtection().cells()).isEmpty();
    }

    @Test
    void unboundedRange_isEmpty() throws Exception {
        ReleaseCertificate c = parse("{\"release\":\"2026Q3\",\"table_protection\":{\"min_cell_count\":5},"
                + "\"audit\":{\"passed\":true,\"narrowest_feasible_range\":\"unbounded\",\"linear_programs_solved\":3}}");
        assertThat(c.audit().orElseThrow().narrowestFeasibleRange()).isEmpty();
        assertThat(c.audit().orElseThrow().linearProgramsSolved()).hasValue(3);
    }

    @Test
    void withoutMinCellCount_isRejected() {
        assertThatThrownBy(() -> parse("{\"release\":\"2026Q3\",\"table_protection\":{}}"))
                .isInstanceOf(ReportException.class).hasMessageContaining("min_cell_count");
    }

    @Test
    void certificateOfAnotherRelease_isRejected(@TempDir Path tmp) {
        Path dir = Fixtures.copyRelease(tmp);
        assertThatThrownBy(() -> PublishedRelease.read(dir, Quarter.parse("2026Q2"), Fixtures.schemas(),
                ReleaseCharts.TABLES)).isInstanceOf(ReportException.class)
                .hasMessageContaining("certificate of release 2026Q3, not of 2026Q2");
    }
}
