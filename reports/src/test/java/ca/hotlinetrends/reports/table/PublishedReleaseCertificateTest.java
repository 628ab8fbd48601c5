package ca.hotlinetrends.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.reports.ReportException;
import ca.hotlinetrends.reports.chart.ReleaseCharts;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports read a release's certificate through the contract's reader, and only the release they were asked for. */
class PublishedReleaseCertificateTest {

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
    void certificateOfAnotherRelease_isRejected(@TempDir Path tmp) {
        Path dir = Fixtures.copyRelease(tmp);
        assertThatThrownBy(() ->
                        PublishedRelease.read(dir, Quarter.parse("2026Q2"), Fixtures.schemas(), ReleaseCharts.TABLES))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("certificate of release 2026Q3, not of 2026Q2");
    }
}
