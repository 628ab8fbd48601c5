package ca.hotlinetrends.disclosure;

import static ca.hotlinetrends.disclosure.DisclosureFixtures.allIdsExcept;
import static ca.hotlinetrends.disclosure.DisclosureFixtures.threeByThreeWithOneSmallCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CellSuppressorTest {

    private static final SuppressionConfig STRICT = SuppressionConfig.defaults();
    private static final SuppressionConfig PRIMARY_ONLY =
            SuppressionConfig.builder().complementarySuppression(false).build();

    @Test
    void singleSmallCell_withoutComplements_isExactlyRecoveredByTheAudit() {
        CellSystem system =
                TwoWayTable.builderOf(threeByThreeWithOneSmallCell()).build();

        SuppressionResult result = new CellSuppressor(PRIMARY_ONLY).suppress(system);

        CellAudit leak = result.audit().cell("cases|r1|c1");
        assertThat(leak.lower()).isEqualTo(2.0);
        assertThat(leak.upper()).isEqualTo(2.0);
        assertThat(leak.exactlyDisclosed()).isTrue();
        assertThat(result.audit().narrowestRange()).isZero();
        assertThat(result.publishable()).isFalse();
        assertThat(result.unprotectedCellIds()).containsExactly("cases|r1|c1");
        assertThat(result.secondaryCount()).isZero();
        assertThatThrownBy(result::requirePublishable)
                .isInstanceOf(UnprotectedCellsException.class)
                .hasMessageContaining("cases|r1|c1");
    }

    @Test
    void singleSmallCell_withComplements_isProtectedByAtLeastARectangle() {
        CellSystem system =
                TwoWayTable.builderOf(threeByThreeWithOneSmallCell()).build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.publishable()).isTrue();
        assertThat(result.audit().passed()).isTrue();
        assertThat(result.primaryCount()).isEqualTo(1);
        assertThat(result.secondaryCount()).isGreaterThanOrEqualTo(3);
        assertThat(result.audit().cell("cases|r1|c1").width()).isGreaterThanOrEqualTo(5.0);
        assertThat(result.status("cases|r1|c1")).isEqualTo(SuppressionStatus.SUPPRESSED_PRIMARY);
    }

    @Test
    void singleSmallCell_complementsFormTheCheapestRectangle() {
        CellSystem system =
                TwoWayTable.builderOf(threeByThreeWithOneSmallCell()).build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        // Candidate rectangles through (r1, c1): the one via r3 and c2 costs 10 + 9 + 11 + 3 cells.
        assertThat(result.cellIds(SuppressionStatus.SUPPRESSED_SECONDARY))
                .containsExactly("cases|r1|c2", "cases|r3|c1", "cases|r3|c2");
        assertThat(result.audit().cell("cases|r1|c1").lower()).isZero();
        assertThat(result.audit().cell("cases|r1|c1").upper()).isEqualTo(11.0);
    }

    @Test
    void differencingBetweenReleases_isProtected() {
        CellSystem system = DisclosureFixtures.differencingAcrossReleases();
        String small = "cases_quarter|2026Q3|sexual|PE";
        String ytd = "cases_ytd|2026Q3|sexual|PE";

        SuppressionResult leaky = new CellSuppressor(PRIMARY_ONLY).suppress(system);
        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(leaky.audit().cell(small).exactlyDisclosed()).isTrue();
        assertThat(result.publishable()).isTrue();
        assertThat(result.audit().cell(small).width()).isGreaterThanOrEqualTo(5.0);
        // Publishing ytd Q3 would give q3 = ytdQ3 - ytdQ2, ytdQ2 being public since last release.
        assertThat(result.status(ytd)).isEqualTo(SuppressionStatus.SUPPRESSED_SECONDARY);
        assertThat(result.statuses()).allSatisfy((id, status) -> {
            if (id.startsWith("cases_ytd|2026Q2")) {
                assertThat(status).isEqualTo(SuppressionStatus.PUBLISHED);
            }
        });
    }

    @Test
    void smallCellWhosePartnersAreAllPublishedEarlier_failsClosedNamingIt() {
        CellSystem system = everyPartnerPublishedEarlier();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.publishable()).isFalse();
        assertThat(result.unprotectedCellIds()).containsExactly("cases|r1|c1");
        assertThat(result.secondaryCount()).isZero();
        assertThatThrownBy(result::requirePublishable)
                .isInstanceOfSatisfying(
                        UnprotectedCellsException.class,
                        e -> assertThat(e.cellIds()).containsExactly("cases|r1|c1"));
    }

    @Test
    void stoppingAtTheFirstUnprotectableCell_refusesWithoutAnAudit() {
        CellSystem system = everyPartnerPublishedEarlier();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system, true);

        assertThat(result.publishable()).isFalse();
        assertThat(result.unprotectedCellIds()).containsExactly("cases|r1|c1");
        assertThat(result.audit().cells())
                .as("no audit of an incomplete pattern")
                .isEmpty();
        assertThat(new CellSuppressor(STRICT).suppress(system, false).audit().cells())
                .isNotEmpty();
    }

    /** The 3 x 3 table with its small cell {@code cases|r1|c1}, every other cell published by an earlier release. */
    private static CellSystem everyPartnerPublishedEarlier() {
        TwoWayTable table = threeByThreeWithOneSmallCell();
        return TwoWayTable.builderOf(table)
                .ledger(new ReleaseLedger(allIdsExcept(table, "cases|r1|c1"), Set.of()))
                .build();
    }

    @Test
    void sameCountPublishedInAnEarlierTable_cannotBeProtected() {
        CellSystem system = CellSystem.builder()
                .addCell(new Cell("contacts_by_channel|2026Q2|sms", 3, LedgerStatus.PUBLISHED_EARLIER))
                .addCell("contacts_summary|2026Q2|sms", 3)
                .addCell("contacts_summary|2026Q2|phone", 40)
                .addCell("contacts_summary|2026Q2|total", 43)
                .sameCount("contacts_summary|2026Q2|sms", "contacts_by_channel|2026Q2|sms")
                .sumOfParts(
                        "contacts_summary|2026Q2|total", "contacts_summary|2026Q2|sms", "contacts_summary|2026Q2|phone")
                .build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.unprotectedCellIds()).containsExactly("contacts_summary|2026Q2|sms");
        assertThat(result.status("contacts_by_channel|2026Q2|sms")).isEqualTo(SuppressionStatus.PUBLISHED);
    }

    @Test
    void cellSuppressedInAnEarlierRelease_staysSuppressedAndServesAsComplement() {
        TwoWayTable table = threeByThreeWithOneSmallCell();
        Set<String> earlier = Set.of("cases|r2|c2", "cases|r1|c2", "cases|r2|c1");
        CellSystem system = TwoWayTable.builderOf(table)
                .ledger(new ReleaseLedger(Set.of(), earlier))
                .build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.publishable()).isTrue();
        assertThat(result.cellIds(SuppressionStatus.SUPPRESSED_SECONDARY)).containsExactlyInAnyOrderElementsOf(earlier);
    }

    @Test
    void smallCellInNoRelation_isSuppressedAndProtectedWithoutComplements() {
        CellSystem system =
                CellSystem.builder().addCell("isolated", 2).addCell("other", 30).build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.publishable()).isTrue();
        assertThat(result.secondaryCount()).isZero();
        assertThat(result.audit().cell("isolated").upper()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void threeSmallSectorsSummingToEight_protectEachOtherWithoutComplements() {
        // Each small sector ranges over [0, 8] (their sum), at least 5 wide: publishable as it is.
        CellSystem system = DisclosureFixtures.sectorsWithThreeSmallCounts();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.cellIds(SuppressionStatus.SUPPRESSED_PRIMARY))
                .containsExactly("t|CONSTRUCTION", "t|FOOD_SERVICE", "t|MANUFACTURING");
        assertThat(result.secondaryCount()).isZero();
        assertThat(result.audit().cells()).allSatisfy(cell -> {
            assertThat(cell.lower()).as(cell.cellId()).isZero();
            assertThat(cell.upper()).as(cell.cellId()).isEqualTo(8.0);
        });
        assertThat(result.unprotectedCellIds()).isEmpty();
        assertThat(result.publishable()).isTrue();
    }

    @Test
    void twoSmallSectorsSummingToFour_getTheCheapestComplement() {
        // CONSTRUCTION (3) and MANUFACTURING (1) alone would range over [0, 4]: one more sector is
        // needed, and the cheapest ones are the sectors of 6.
        CellSystem system = DisclosureFixtures.sectors(new long[] {78, 30, 62, 6, 6, 3, 6, 14, 1, 28, 41});

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.cellIds(SuppressionStatus.SUPPRESSED_PRIMARY))
                .containsExactly("t|CONSTRUCTION", "t|MANUFACTURING");
        assertThat(result.cellIds(SuppressionStatus.SUPPRESSED_SECONDARY))
                .hasSize(1)
                .isSubsetOf("t|AGRICULTURE", "t|DOMESTIC_WORK", "t|HOSPITALITY");
        assertThat(result.audit().cell("t|MANUFACTURING").upper()).isEqualTo(10.0);
        assertThat(result.publishable()).isTrue();
    }

    @Test
    void zerosAndLargeCounts_arePublishedWhenNothingIsSmall() {
        TwoWayTable table = TwoWayTable.builder("t")
                .rows("a", "b")
                .columns("x", "y")
                .values(new long[][] {{0, 7}, {12, 0}})
                .rowTotals("T")
                .columnTotals("ALL")
                .build();
        CellSystem system = TwoWayTable.builderOf(table).build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        assertThat(result.primaryCount()).isZero();
        assertThat(result.secondaryCount()).isZero();
        assertThat(result.publishedValues())
                .containsEntry("t|a|x", 0L)
                .hasSize(table.cells().size());
        assertThat(result.audit().cells()).isEmpty();
        assertThat(result.suppressedCellShare()).isZero();
    }

    @Test
    void sharesAndCounts_describeTheSuppression() {
        CellSystem system =
                TwoWayTable.builderOf(threeByThreeWithOneSmallCell()).build();

        SuppressionResult result = new CellSuppressor(STRICT).suppress(system);

        int suppressed = result.primaryCount() + result.secondaryCount();
        assertThat(result.suppressedCellShare()).isEqualTo((double) suppressed / 16);
        long total = system.cells().stream().mapToLong(Cell::value).sum();
        long hidden = system.cells().stream()
                .filter(c -> result.status(c.id()).suppressed())
                .mapToLong(Cell::value)
                .sum();
        assertThat(result.suppressedCountShare()).isEqualTo((double) hidden / total);
    }
}
