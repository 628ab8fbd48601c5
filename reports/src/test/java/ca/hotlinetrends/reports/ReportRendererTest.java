package ca.hotlinetrends.reports;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererTest {

    @TempDir
    Path tmp;

    @Test
    void rendersChartsAndDocumentsInBothLanguages() throws Exception {
        Path dir = Fixtures.copyRelease(tmp);
        ReportResult r = ReportRenderer.render(dir, Fixtures.RELEASE, List.of("en", "fr"), ChartTheme.standard());
        assertThat(r.documents()).hasSize(4);
        for (Path p : r.documents()) {
            assertThat(Files.size(p)).isPositive();
        }
        Files.createDirectories(Path.of("/tmp/preview"));
        for (Path p : r.charts()) { Files.copy(p, Path.of("/tmp/preview").resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING); }
        for (Path p : r.documents()) { Files.copy(p, Path.of("/tmp/preview").resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING); }
    }
}
