package ca.hotlinetrends.reports.testing;

import ca.hotlinetrends.reports.ReportRenderer;
import ca.hotlinetrends.reports.ReportResult;
import ca.hotlinetrends.reports.chart.ChartTheme;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies the fixture release into {@code args[0]} and renders it there in both languages, for
 * {@code reports/render-previews.sh}: {@code java -cp ... RenderFixtureRelease /tmp/previews-release}.
 */
public final class RenderFixtureRelease {

    private RenderFixtureRelease() {}

    public static void main(String[] args) {
        Path dir = Fixtures.copyRelease(Path.of(args[0]));
        ReportResult r = ReportRenderer.render(dir, Fixtures.RELEASE, List.of("en", "fr"), ChartTheme.standard());
        System.out.println(dir + ": " + r.charts().size() + " chart files, "
                + r.documents().size() + " documents");
    }
}
