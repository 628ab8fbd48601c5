package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.disclosure.ReleaseLedger;
import ca.hotlinetrends.disclosure.SuppressionConfig;
import ca.hotlinetrends.tables.CountTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableProtectorTest {

    /** One quarter by channel with its total: PHONE=2 is the planted small cell. */
    private static CountTable channels() {
        List<CountTable.Cell> cells = new ArrayList<>();
        long[] v = {40, 2, 17, 9, 12};
        String[] codes = {"CHAT", "EMAIL", "PHONE", "TEXT", "WEBFORM"};
        long total = 0;
        for (int i = 0; i < v.length; i++) {
            cells.add(new CountTable.Cell(List.of("2026Q3", codes[i]), v[i], CountTable.Status.PUBLISHED));
            total += v[i];
        }
        cells.add(new CountTable.Cell(List.of("2026Q3", "TOTAL"), total, CountTable.Status.PUBLISHED));
        return new CountTable("t", List.of("period", "channel"), cells);
    }

    private static void margins(ca.hotlinetrends.disclosure.CellSystem.Builder b) {
        b.sumOfParts(
                "t|2026Q3|TOTAL",
                "t|2026Q3|CHAT",
                "t|2026Q3|EMAIL",
                "t|2026Q3|PHONE",
                "t|2026Q3|TEXT",
                "t|2026Q3|WEBFORM");
    }

    @Test
    void withoutComplementarySuppression_theAuditFindsThePlantedLeakAndNothingIsPublished() {
        SuppressionConfig off =
                SuppressionConfig.builder().complementarySuppression(false).build();
        assertThatThrownBy(() -> new TableProtector(off)
                        .protect(List.of(channels()), TableProtectorTest::margins, ReleaseLedger.empty()))
                .isInstanceOf(PrivacyCheckException.class)
                .hasMessageContaining("t|2026Q3|EMAIL");
    }

    @Test
    void withComplementarySuppression_theSmallCellIsProtectedAndTotalsKept() {
        TableProtector.Protected p = new TableProtector(SuppressionConfig.defaults())
                .protect(List.of(channels()), TableProtectorTest::margins, ReleaseLedger.empty());
        CountTable t = p.tables().get(0);
        assertThat(t.byKey().get(List.of("2026Q3", "EMAIL")).status()).isEqualTo(CountTable.Status.SUPPRESSED_PRIMARY);
        assertThat(t.suppressedCount(CountTable.Status.SUPPRESSED_SECONDARY)).isGreaterThanOrEqualTo(1);
        assertThat(t.byKey().get(List.of("2026Q3", "TOTAL")).published()).isEqualTo(80L);
        assertThat(p.audit().passed()).isTrue();
        assertThat(p.audit().narrowestRange()).isGreaterThanOrEqualTo(5);
        long published = t.cells().stream()
                .filter(c -> !c.key().get(1).equals("TOTAL") && c.published() != null)
                .mapToLong(CountTable.Cell::count)
                .sum();
        long hidden = t.cells().stream()
                .filter(c -> !c.key().get(1).equals("TOTAL") && c.published() == null)
                .mapToLong(CountTable.Cell::count)
                .sum();
        assertThat(published + hidden).isEqualTo(80);
    }

    @Test
    void aCellPublishedEarlier_cannotBeUsedAsAComplement() {
        // Every partner of the small cell was published by an earlier release: it cannot be protected.
        ReleaseLedger ledger = new ReleaseLedger(
                java.util.Set.of(
                        "t|2026Q3|CHAT", "t|2026Q3|PHONE", "t|2026Q3|TEXT", "t|2026Q3|WEBFORM", "t|2026Q3|TOTAL"),
                java.util.Set.of());
        assertThatThrownBy(() -> new TableProtector(SuppressionConfig.defaults())
                        .protect(List.of(channels()), TableProtectorTest::margins, ledger))
                .isInstanceOf(PrivacyCheckException.class)
                .hasMessageContaining("cannot be protected");
    }
}
