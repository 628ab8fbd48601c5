package ca.hotlinetrends.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Privacy invariants on random linked tables: a period table, an earlier cumulative table and the
 * later cumulative table ({@code later = earlier + period}, cell by cell, totals included), each a
 * 2-4 x 2-5 table with marginal totals and frequent small counts.
 */
class CellSuppressorPropertiesTest {

    private static final SuppressionConfig CONFIG = SuppressionConfig.defaults();

    /** A random linked scenario; {@code earlierPublished} puts the earlier table in the ledger. */
    record Scenario(long[][] period, long[][] earlier, boolean earlierPublished) {

        CellSystem system() {
            int rows = period.length;
            int columns = period[0].length;
            long[][] later = new long[rows][columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    later[r][c] = earlier[r][c] + period[r][c];
                }
            }
            TwoWayTable earlierTable = table("ytd|Q2", earlier);
            TwoWayTable periodTable = table("quarter|Q3", period);
            TwoWayTable laterTable = table("ytd|Q3", later);
            CellSystem.Builder builder = TwoWayTable.builderOf(earlierTable, periodTable, laterTable);
            DisclosureFixtures.linkByDifference(builder, laterTable, earlierTable, periodTable);
            if (earlierPublished) {
                Set<String> published = new HashSet<>();
                earlierTable.cells().forEach(cell -> published.add(cell.id()));
                builder.ledger(new ReleaseLedger(published, Set.of()));
            }
            return builder.build();
        }

        static TwoWayTable table(String id, long[][] values) {
            List<String> rows = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (int r = 0; r < values.length; r++) {
                rows.add("r" + r);
            }
            for (int c = 0; c < values[0].length; c++) {
                columns.add("c" + c);
            }
            return TwoWayTable.builder(id)
                    .rows(rows)
                    .columns(columns)
                    .values(values)
                    .rowTotals("T")
                    .columnTotals("ALL")
                    .build();
        }

        @Override
        public String toString() {
            return "Scenario[period=" + Arrays.deepToString(period) + ", earlier=" + Arrays.deepToString(earlier)
                    + ", earlierPublished=" + earlierPublished + "]";
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return scenarios(5);
    }

    /** Random linked scenarios of 2-4 rows and 2 to {@code maxColumns} columns (also used by LpSolverSeedTest). */
    static Arbitrary<Scenario> scenarios(int maxColumns) {
        Arbitrary<Long> count = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 4)),
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(6, Arbitraries.longs().between(5, 40)));
        return Combinators.combine(
                        Arbitraries.integers().between(2, 4),
                        Arbitraries.integers().between(2, maxColumns))
                .flatAs((rows, columns) -> Combinators.combine(
                                matrix(count, rows, columns), matrix(count, rows, columns), Arbitraries.of(false, true))
                        .as(Scenario::new));
    }

    private static Arbitrary<long[][]> matrix(Arbitrary<Long> count, int rows, int columns) {
        return count.list().ofSize(rows * columns).map(values -> {
            long[][] matrix = new long[rows][columns];
            for (int k = 0; k < values.size(); k++) {
                matrix[k / columns][k % columns] = values.get(k);
            }
            return matrix;
        });
    }

    @Property(tries = 150)
    void everySensitiveCellIsProtected_orReportedUnprotectable(@ForAll("scenarios") Scenario scenario) {
        CellSystem system = scenario.system();

        SuppressionResult result = new CellSuppressor(CONFIG).suppress(system);

        for (CellAudit audit : result.audit().cells()) {
            if (audit.sensitive() && !result.unprotectedCellIds().contains(audit.cellId())) {
                assertThat(audit.width()).as(audit.cellId()).isGreaterThanOrEqualTo(CONFIG.protectionWidth());
            }
        }
        if (!scenario.earlierPublished()) {
            // Nothing is fixed, so suppressing everything would protect every cell: never give up.
            assertThat(result.publishable()).isTrue();
        }
        assertThat(result.primaryCount())
                .isEqualTo(system.cells().stream()
                        .filter(c -> c.ledgerStatus() != LedgerStatus.PUBLISHED_EARLIER
                                && CONFIG.primaryRule().isSensitive(c.value()))
                        .count());
    }

    @Property(tries = 100)
    void unprotectableCells_areUnprotectableEvenWithEveryUnfixedCellSuppressed(@ForAll("scenarios") Scenario scenario) {
        CellSystem system = scenario.system();

        SuppressionResult result = new CellSuppressor(CONFIG).suppress(system);

        List<String> unfixed = system.cells().stream()
                .filter(c -> c.ledgerStatus() != LedgerStatus.PUBLISHED_EARLIER)
                .map(Cell::id)
                .toList();
        AuditResult everythingHidden = AttackerAudit.of(CONFIG).audit(system, unfixed);
        assertThat(result.unprotectedCellIds()).containsExactlyElementsOf(everythingHidden.failedCellIds());
    }

    @Provide
    Arbitrary<RandomLinkedCells> partlyPublishedCells() {
        return RandomLinkedCells.arbitrary(0.35);
    }

    @Provide
    Arbitrary<RandomLinkedCells> newCells() {
        return RandomLinkedCells.arbitrary(0);
    }

    @Property(tries = 200)
    void aCellIsReportedUnprotectable_exactlyWhenHidingEveryUnfixedCellCouldNotProtectIt(
            @ForAll("partlyPublishedCells") RandomLinkedCells cells) {
        assertUnprotectableExactlyWhenImpossible(cells);
    }

    @Property(tries = 200)
    void withNothingPublishedEarlier_everySensitiveCellIsProtected(@ForAll("newCells") RandomLinkedCells cells) {
        SuppressionResult result = assertUnprotectableExactlyWhenImpossible(cells);

        // Against an LP attacker hiding everything always protects; relations with coefficients other than 1 can
        // still pin a cell for an integer attacker (parity), and then the release is refused, never published.
        assertThat(result.publishable()).isEqualTo(result.unprotectedCellIds().isEmpty());
        if (cells.system().relations().stream()
                .flatMap(r -> r.terms().stream())
                .allMatch(t -> Math.abs(t.coefficient()) == 1)) {
            assertThat(result.publishable()).isTrue();
        }
    }

    /**
     * The cells reported unprotectable include the sensitive and suppressed cells whose exact interval
     * ({@link VertexEnumerationAttacker}) is narrower than the width even with every unfixed cell
     * suppressed (and any other only where the audit's integer attacker defeats it), and every other suppressed cell
     * is protected in the returned pattern.
     */
    private static SuppressionResult assertUnprotectableExactlyWhenImpossible(RandomLinkedCells cells) {
        CellSystem system = cells.system();

        SuppressionResult result = new CellSuppressor(CONFIG).suppress(system);

        Map<String, VertexEnumerationAttacker.Interval> everyUnfixedHidden =
                VertexEnumerationAttacker.intervals(system, cells.unfixedIds());
        List<String> impossible = everyUnfixedHidden.entrySet().stream()
                .filter(e ->
                        CONFIG.primaryRule().isSensitive(system.cell(e.getKey()).value())
                                || result.status(e.getKey()).suppressed())
                .filter(e -> e.getValue().width() < CONFIG.protectionWidth())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        // Impossible for an LP attacker is impossible for an integer one; the integer attacker (the audit's) may
        // also defeat cells whose LP interval is wide enough, and those are reported too.
        assertThat(result.unprotectedCellIds()).containsAll(impossible);
        for (String id : result.unprotectedCellIds()) {
            if (!impossible.contains(id)) {
                assertThat(result.audit().cell(id).width()).as(id).isLessThan(CONFIG.protectionWidth());
            }
        }
        Map<String, VertexEnumerationAttacker.Interval> exact =
                VertexEnumerationAttacker.intervals(system, DisclosureFixtures.suppressedIds(result));
        exact.forEach((id, interval) -> {
            // Every suppressed cell keeps the width, small count or not.
            if (!result.unprotectedCellIds().contains(id)) {
                assertThat(interval.width()).as(id).isGreaterThanOrEqualTo(CONFIG.protectionWidth());
            }
        });
        return result;
    }

    @Property(tries = 100)
    void suppressionHidesValuesButNeverChangesThem(@ForAll("scenarios") Scenario scenario) {
        CellSystem system = scenario.system();
        TwoWayTable period = Scenario.table("quarter|Q3", scenario.period());

        SuppressionResult result = new CellSuppressor(CONFIG).suppress(system);

        result.publishedValues()
                .forEach((id, value) ->
                        assertThat(value).as(id).isEqualTo(system.cell(id).value()));
        long published = 0;
        long suppressed = 0;
        for (String id : period.interiorCellIds()) {
            if (result.status(id).suppressed()) {
                suppressed += system.cell(id).value();
            } else {
                published += result.publishedValues().get(id);
            }
        }
        assertThat(published + suppressed)
                .isEqualTo(system.cell(period.grandTotalId()).value());
        assertThat(result.statuses()).hasSize(system.cells().size());
    }

    @Property(tries = 50)
    void sameInput_givesTheSameOutput(@ForAll("scenarios") Scenario scenario) {
        SuppressionResult first = new CellSuppressor(CONFIG).suppress(scenario.system());
        SuppressionResult second = new CellSuppressor(CONFIG).suppress(scenario.system());

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 50)
    void theAuditOfTheReturnedPattern_isReproducibleIndependently(@ForAll("scenarios") Scenario scenario) {
        CellSystem system = scenario.system();

        SuppressionResult result = new CellSuppressor(CONFIG).suppress(system);

        AuditResult again = AttackerAudit.of(CONFIG).audit(system, DisclosureFixtures.suppressedIds(result));
        assertThat(again.cells()).isEqualTo(result.audit().cells());
    }

    /**
     * Several independent scenarios in one system, their cells interleaved in id order (each id ends with its
     * scenario's number): searched component by component on several threads, the pattern, the audit and the number
     * of LPs are those of one pass over all cells; stopping at the first cell found unprotectable, that cell is the
     * one pass's.
     */
    @Property(tries = 60)
    void componentsSideBySide_giveTheSamePatternAsOnePass(
            @ForAll("scenarios") Scenario first,
            @ForAll("scenarios") Scenario second,
            @ForAll("scenarios") Scenario third,
            @ForAll("partlyPublishedCells") RandomLinkedCells fourth) {
        CellSystem system = interleaved(List.of(first.system(), second.system(), third.system(), fourth.system()));

        SuppressionResult onePass = new CellSuppressor(CONFIG, 1).suppress(system);
        SuppressionResult sideBySide = new CellSuppressor(CONFIG, 3).suppress(system);

        assertThat(sideBySide).isEqualTo(onePass);
        // Stopping at the first cell found unprotectable: the same cell, and the same result when there is none.
        SuppressionResult onePassStopping = new CellSuppressor(CONFIG, 1).suppress(system, true);
        SuppressionResult sideBySideStopping = new CellSuppressor(CONFIG, 3).suppress(system, true);
        assertThat(sideBySideStopping.unprotectedCellIds()).isEqualTo(onePassStopping.unprotectedCellIds());
        if (onePassStopping.publishable()) {
            assertThat(sideBySideStopping).isEqualTo(onePassStopping);
        }
        net.jqwik.api.statistics.Statistics.label("stopped at an unprotectable cell")
                .collect(!onePassStopping.publishable());
        net.jqwik.api.statistics.Statistics.label("stopped at an unprotectable cell")
                .coverage(c -> c.check(true).percentage(p -> p >= 5));
    }

    /** The systems as one, each cell id and relation name suffixed with its system's position. */
    private static CellSystem interleaved(List<CellSystem> systems) {
        List<Cell> cells = new ArrayList<>();
        List<LinearRelation> relations = new ArrayList<>();
        for (int k = 0; k < systems.size(); k++) {
            String suffix = "#" + k;
            for (Cell cell : systems.get(k).cells()) {
                cells.add(new Cell(cell.id() + suffix, cell.value(), cell.ledgerStatus()));
            }
            for (LinearRelation relation : systems.get(k).relations()) {
                relations.add(new LinearRelation(
                        relation.name() + suffix,
                        relation.terms().stream()
                                .map(t -> new LinearRelation.Term(t.cellId() + suffix, t.coefficient()))
                                .toList()));
            }
        }
        return CellSystem.of(cells, relations);
    }
}
