package ca.hotlinetrends.reports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ReportRenderer#render} wrote.
 *
 * @param release the release quarter, e.g. 2026Q3
 * @param charts chart files (PNG and SVG per chart and language) under {@code <releaseDir>/charts/}
 * @param documents newsletters (HTML) and policy briefs (PDF) under {@code <releaseDir>/reports/}
 * @param site the release site's pages: {@code <releaseDir>/index*.html} and {@code <releaseDir>/site/}
 */
public record ReportResult(String release, List<Path> charts, List<Path> documents, List<Path> site) {

    public ReportResult {
        Objects.requireNonNull(release, "release");
        charts = List.copyOf(charts);
        documents = List.copyOf(documents);
        site = List.copyOf(site);
    }
}
