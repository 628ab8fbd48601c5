package ca.hotlinetrends.trends;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.schema.Population;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.tables.TableBuilder;
import ca.hotlinetrends.trends.stats.BenjaminiHochberg;
import ca.hotlinetrends.trends.stats.MannKendall;
import ca.hotlinetrends.trends.stats.PoissonRate;
import ca.hotlinetrends.trends.stats.PoissonRateRatioTest;
import ca.hotlinetrends.trends.stats.PoissonTrend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rates, changes and trends computed from protected count tables, in plain Java. A
 * derived number follows its inputs: it is published only when every count it is computed from is published,
 * so no rate, change or slope lets anyone recover a suppressed count. Rows are in schema column order.
 */
public final class DerivedTables {

    /** Significance level for the Benjamini-Hochberg flags. */
    public static final double FDR_LEVEL = 0.05;
    /** Quarters in the trend window. */
    public static final int TREND_QUARTERS = 12;

    private DerivedTables() {}

    /** {@code rates_by_province}: per calendar year and province (and CA), the rate per 100,000 with its interval. */
    public static List<Object[]> rates(CountTable cases, Population population) {
        List<Object[]> rows = new ArrayList<>();
        for (CountTable.Cell c : cases.cells()) {
            Period p = Period.parse(c.key().get(0));
            if (p.type() != Period.Type.YEAR) {
                continue;
            }
            String province = c.key().get(1);
            Population.Figure pop =
                    province.equals("CA") ? population.canada(p.year()) : population.of(province, p.year());
            Long n = c.published();
            Double rate = null;
            Double lower = null;
            Double upper = null;
            if (n != null) {
                PoissonRate r = PoissonRate.per100k(n, pop.population());
                rate = r.rate();
                lower = r.interval().lower();
                upper = r.interval().upper();
            }
            rows.add(new Object[] {
                p.type().code(),
                p.code(),
                province,
                n,
                pop.population(),
                (long) pop.sourceYear(),
                rate,
                lower,
                upper,
                c.status().publicStatus().code()
            });
        }
        return rows;
    }

    /**
     * A changes table ({@code changes_by_province}, {@code changes_by_trafficking_type}): the release quarter
     * against the previous quarter and the same quarter a year earlier, for each code of the counts table's
     * dimension, with the exact conditional test of equal Poisson rates. The adjusted p-values are left empty:
     * {@link #adjustJointly} fills them across every changes table of the release.
     *
     * @param counts a protected count table keyed by [period, code]
     * @param codes the codes to compare, in order (including the total)
     */
    public static List<Object[]> changes(CountTable counts, Quarter release, List<String> codes) {
        Map<java.util.List<String>, CountTable.Cell> byKey = counts.byKey();
        List<Object[]> rows = new ArrayList<>();
        for (String comparison : List.of("quarter_over_quarter", "year_over_year")) {
            Quarter before = comparison.equals("quarter_over_quarter")
                    ? release.previous()
                    : new Quarter(release.year() - 1, release.number());
            for (String code : codes) {
                CountTable.Cell now = byKey.get(List.of(release.toString(), code));
                CountTable.Cell then = byKey.get(List.of(before.toString(), code));
                boolean published = now != null && then != null && now.published() != null && then.published() != null;
                Object[] row = new Object[] {
                    Period.Type.QUARTER.code(),
                    release.toString(),
                    comparison,
                    code,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    CellStatus.PUBLISHED.code()
                };
                if (published) {
                    long x1 = now.published();
                    long x2 = then.published();
                    row[4] = x1;
                    row[5] = x2;
                    row[6] = x2 == 0 ? null : 100.0 * (x1 - x2) / x2;
                    row[7] = PoissonRateRatioTest.of(x1, x2).pValue();
                } else {
                    row[10] = CellStatus.SUPPRESSED.code();
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Benjamini-Hochberg adjustment across every published comparison of the given changes tables (one family per
     * release), filling {@code p_adjusted} and {@code significant} at {@link #FDR_LEVEL}.
     */
    public static void adjustJointly(List<List<Object[]>> tables) {
        List<Object[]> tested = new ArrayList<>();
        for (List<Object[]> rows : tables) {
            for (Object[] row : rows) {
                if (row[7] != null) {
                    tested.add(row);
                }
            }
        }
        BenjaminiHochberg bh = BenjaminiHochberg.adjust(
                tested.stream().mapToDouble(r -> (Double) r[7]).toArray());
        for (int i = 0; i < tested.size(); i++) {
            tested.get(i)[8] = bh.adjustedPValue(i);
            tested.get(i)[9] = bh.adjustedPValue(i) <= FDR_LEVEL;
        }
    }

    /** {@code trend_by_province}: Poisson regression slope (percent per year) and Mann-Kendall over the last 12 quarters. */
    public static List<Object[]> trends(CountTable cases, Quarter release, List<String> provinces) {
        Map<java.util.List<String>, CountTable.Cell> byKey = cases.byKey();
        List<Quarter> window = new ArrayList<>();
        for (Quarter q = release;
                window.size() < TREND_QUARTERS && q.compareTo(TableBuilder.FIRST_QUARTER) >= 0;
                q = q.previous()) {
            window.add(0, q);
        }
        List<Object[]> rows = new ArrayList<>();
        for (String province : provinces) {
            double[] counts = new double[window.size()];
            String status = CellStatus.PUBLISHED.code();
            for (int i = 0; i < window.size(); i++) {
                CountTable.Cell c = byKey.get(List.of(window.get(i).toString(), province));
                if (c.published() == null) {
                    status = CellStatus.SUPPRESSED.code();
                    break;
                }
                counts[i] = c.published();
            }
            Object[] row = new Object[] {
                Period.Type.QUARTER.code(),
                release.toString(),
                province,
                (long) window.size(),
                null,
                null,
                null,
                null,
                status
            };
            if (status.equals(CellStatus.PUBLISHED.code()) && window.size() >= 3) {
                PoissonTrend fit = PoissonTrend.fit(counts);
                if (fit.hasEstimate()) {
                    row[4] = fit.annualPercentChange();
                    fit.annualPercentChangeInterval().ifPresent(ci -> {
                        row[5] = ci.lower();
                        row[6] = ci.upper();
                    });
                }
                row[7] = MannKendall.test(counts).pValue();
            }
            rows.add(row);
        }
        return rows;
    }
}
