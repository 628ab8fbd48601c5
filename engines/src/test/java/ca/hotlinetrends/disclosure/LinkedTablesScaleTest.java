package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Ten years of quarterly cases by province (13 provinces and territories plus Canada, 40 quarters
 * plus an all-quarters row), linked to the yearly table (each year the sum of its quarters) and to
 * national totals: 742 cells and 233 relations, with the small provinces full of small counts. A scale case
 * (about 6 s): tagged {@code integration}, it runs in {@code ./mvnw verify}.
 */
@org.junit.jupiter.api.Tag("integration")
class LinkedTablesScaleTest {

    static final List<String> PROVINCES =
            List.of("NL", "PE", "NS", "NB", "QC", "ON", "MB", "SK", "AB", "BC", "YT", "NT", "NU");
    private static final double[] MEAN_PER_QUARTER = {2, 0.8, 4, 3, 15, 30, 5, 4, 10, 12, 0.5, 0.5, 0.4};

    /** The linked system for {@code years} years of synthetic counts drawn with a fixed seed. */
    static CellSystem quartersYearsAndNation(int years, long seed) {
        Random random = new Random(seed);
        List<String> quarters = new ArrayList<>();
        List<String> yearLabels = new ArrayList<>();
        long[][] quarterly = new long[years * 4][PROVINCES.size()];
        long[][] yearly = new long[years][PROVINCES.size()];
        long[][] national = new long[1][PROVINCES.size()];
        for (int q = 0; q < years * 4; q++) {
            quarters.add((2016 + q / 4) + "Q" + (q % 4 + 1));
            for (int p = 0; p < PROVINCES.size(); p++) {
                quarterly[q][p] = poisson(random, MEAN_PER_QUARTER[p]);
                yearly[q / 4][p] += quarterly[q][p];
                national[0][p] += quarterly[q][p];
            }
        }
        for (int y = 0; y < years; y++) {
            yearLabels.add(String.valueOf(2016 + y));
        }
        TwoWayTable byQuarter = TwoWayTable.builder("cases_by_quarter_province")
                .rows(quarters)
                .columns(PROVINCES)
                .values(quarterly)
                .rowTotals("CA")
                .columnTotals("ALL")
                .build();
        TwoWayTable byYear = TwoWayTable.builder("cases_by_year_province")
                .rows(yearLabels)
                .columns(PROVINCES)
                .values(yearly)
                .rowTotals("CA")
                .columnTotals("ALL")
                .build();
        TwoWayTable nation = TwoWayTable.builder("cases_national")
                .rows("ALL")
                .columns(PROVINCES)
                .values(national)
                .rowTotals("CA")
                .build();
        CellSystem.Builder builder = TwoWayTable.builderOf(byQuarter, byYear, nation);
        List<String> columns = new ArrayList<>(PROVINCES);
        columns.add("CA");
        for (int y = 0; y < years; y++) {
            for (String column : columns) {
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    parts.add("cases_by_quarter_province|" + quarters.get(4 * y + k) + "|" + column);
                }
                builder.sumOfParts("cases_by_year_province|" + yearLabels.get(y) + "|" + column, parts);
            }
        }
        for (String column : columns) {
            builder.sameCount("cases_national|ALL|" + column, "cases_by_year_province|ALL|" + column);
        }
        return builder.build();
    }

    private static long poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    @Test
    void fortyQuartersLinkedToYearsAndNation_areProtectedWithinAMinute() {
        CellSystem system = quartersYearsAndNation(10, 42);

        SuppressionResult result = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> new CellSuppressor(SuppressionConfig.defaults()).suppress(system));

        assertThat(system.cells()).hasSize(742);
        assertThat(result.primaryCount()).isGreaterThan(100);
        assertThat(result.publishable()).isTrue();
        assertThat(result.audit().narrowestRange()).isGreaterThanOrEqualTo(5.0);
    }
}
