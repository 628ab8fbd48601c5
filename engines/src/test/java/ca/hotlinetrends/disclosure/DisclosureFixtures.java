package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tiny named linked-table fixtures shared by the disclosure tests. */
final class DisclosureFixtures {

    static final List<String> PROVINCES = List.of("NL", "PE", "NS", "ON");
    static final List<String> CASE_TYPES = List.of("labour", "sexual", "other");

    private DisclosureFixtures() {}

    /** 3 x 3 cases table with row, column and grand totals; only {@code r1|c1} (2) is small. */
    static TwoWayTable threeByThreeWithOneSmallCell() {
        return TwoWayTable.builder("cases")
                .rows("r1", "r2", "r3")
                .columns("c1", "c2", "c3")
                .values(new long[][] {{2, 10, 12}, {8, 15, 20}, {9, 11, 30}})
                .rowTotals("T")
                .columnTotals("ALL")
                .build();
    }

    /** A case type x province table of one period, with a Canada column and an all-types row. */
    static TwoWayTable caseTypeByProvince(String tableId, long[][] values) {
        return TwoWayTable.builder(tableId)
                .rows(CASE_TYPES)
                .columns(PROVINCES)
                .values(values)
                .rowTotals("CA")
                .columnTotals("ALL")
                .build();
    }

    /** Sectors of a one-way table of cases, with their values. */
    static final List<String> SECTORS = List.of(
            "ESCORT",
            "ILLICIT_MASSAGE",
            "RESIDENTIAL",
            "DOMESTIC_WORK",
            "AGRICULTURE",
            "CONSTRUCTION",
            "HOSPITALITY",
            "FOOD_SERVICE",
            "MANUFACTURING",
            "OTHER",
            "UNKNOWN");

    private static final long[] SECTOR_COUNTS = {78, 30, 62, 6, 6, 3, 6, 4, 1, 28, 41};

    /**
     * One-way table of cases by sector with its total {@code t|TOTAL} (265): three small counts,
     * {@code t|CONSTRUCTION} (3), {@code t|FOOD_SERVICE} (4) and {@code t|MANUFACTURING} (1), which
     * appear in the same single relation, so their attacker LPs have identical columns.
     */
    static CellSystem sectorsWithThreeSmallCounts() {
        return sectors(SECTOR_COUNTS);
    }

    /** The sector table with other counts (one per sector, in {@link #SECTORS} order). */
    static CellSystem sectors(long[] counts) {
        CellSystem.Builder builder = CellSystem.builder();
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (int k = 0; k < SECTORS.size(); k++) {
            parts.add("t|" + SECTORS.get(k));
            builder.addCell(parts.get(k), counts[k]);
            total += counts[k];
        }
        return builder.addCell("t|TOTAL", total).sumOfParts("t|TOTAL", parts).build();
    }

    /** {@code later = earlier + period} for every cell (interior and totals) of same-shaped tables. */
    static void linkByDifference(
            CellSystem.Builder builder, TwoWayTable later, TwoWayTable earlier, TwoWayTable period) {
        List<Cell> laterCells = later.cells();
        for (int k = 0; k < laterCells.size(); k++) {
            builder.sumOfParts(
                    laterCells.get(k).id(),
                    earlier.cells().get(k).id(),
                    period.cells().get(k).id());
        }
    }

    /**
     * Year-to-date Q2 published last release (ledger-fixed), Q3 and year-to-date Q3 this release,
     * linked by {@code ytdQ3 = ytdQ2 + q3}. The Q3 cell {@code sexual|PE} is 2.
     */
    static CellSystem differencingAcrossReleases() {
        long[][] ytdQ2 = {{20, 7, 15, 40}, {12, 9, 11, 35}, {8, 6, 10, 22}};
        long[][] q3 = {{9, 6, 8, 21}, {7, 2, 9, 18}, {6, 5, 7, 12}};
        long[][] ytdQ3 = new long[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                ytdQ3[r][c] = ytdQ2[r][c] + q3[r][c];
            }
        }
        TwoWayTable earlier = caseTypeByProvince("cases_ytd|2026Q2", ytdQ2);
        TwoWayTable period = caseTypeByProvince("cases_quarter|2026Q3", q3);
        TwoWayTable later = caseTypeByProvince("cases_ytd|2026Q3", ytdQ3);
        CellSystem.Builder builder = TwoWayTable.builderOf(earlier, period, later);
        linkByDifference(builder, later, earlier, period);
        Set<String> published = new HashSet<>();
        earlier.cells().forEach(cell -> published.add(cell.id()));
        return builder.ledger(new ReleaseLedger(published, Set.of())).build();
    }

    /** Every cell id of a table except one. */
    static Set<String> allIdsExcept(TwoWayTable table, String excluded) {
        Set<String> ids = new HashSet<>();
        for (Cell cell : table.cells()) {
            if (!cell.id().equals(excluded)) {
                ids.add(cell.id());
            }
        }
        return ids;
    }

    /** Ids of the suppressed cells of a result. */
    static List<String> suppressedIds(SuppressionResult result) {
        List<String> ids = new ArrayList<>();
        result.statuses().forEach((id, status) -> {
            if (status.suppressed()) {
                ids.add(id);
            }
        });
        return ids;
    }
}
