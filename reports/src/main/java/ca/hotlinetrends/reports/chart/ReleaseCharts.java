package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Every chart of a release, in the order the policy brief shows them, and the tables they read. */
public final class ReleaseCharts {

    private static final List<Builder> BUILDERS = List.of(
            AnnualCasesChart::build,
            ProvinceRateChart::build,
            ProvinceTileMap::build,
            CasesByTypeChart::build,
            IndustryChart::build,
            GenderAgeChart::build,
            ServicesRequestedChart::build,
            ContactsByChannelChart::build,
            CallerTypeChart::build,
            ChangesChart::build);

    /** The published tables the charts (and the documents' headline figures) read. */
    public static final Set<String> TABLES = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
            AnnualCasesChart.TABLE,
            AnnualCasesChart.CONTACTS,
            AnnualCasesChart.RATES,
            ProvinceRateChart.TABLE,
            CasesByTypeChart.TABLE,
            IndustryChart.TABLE,
            GenderAgeChart.TABLE,
            ServicesRequestedChart.TABLE,
            ContactsByChannelChart.TABLE,
            CallerTypeChart.TABLE,
            ChangesChart.TABLE)));

    /** A chart builder: tables in, figure out. */
    @FunctionalInterface
    public interface Builder {
        ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme);
    }

    private ReleaseCharts() {}

    /** Builds every chart, by id in brief order. */
    public static Map<String, ChartFigure> build(PublishedRelease release, Messages m, ChartTheme theme) {
        Map<String, ChartFigure> figures = new LinkedHashMap<>();
        for (Builder b : BUILDERS) {
            ChartFigure f = b.build(release, m, theme);
            if (figures.put(f.id(), f) != null) {
                throw new IllegalStateException("two charts have the id " + f.id());
            }
        }
        return figures;
    }
}
