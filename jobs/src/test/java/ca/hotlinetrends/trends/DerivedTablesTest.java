package ca.hotlinetrends.trends;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.tables.CountTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivedTablesTest {

    private static final Quarter RELEASE = new Quarter(2026, 3);

    private static CountTable table(String name, long[][] values, String[] codes, boolean suppressFirst) {
        List<CountTable.Cell> cells = new ArrayList<>();
        String[] quarters = {"2025Q3", "2026Q2", "2026Q3"};
        for (int q = 0; q < quarters.length; q++) {
            for (int c = 0; c < codes.length; c++) {
                CountTable.Status s = suppressFirst && q == 2 && c == 0
                        ? CountTable.Status.SUPPRESSED_PRIMARY
                        : CountTable.Status.PUBLISHED;
                cells.add(new CountTable.Cell(List.of(quarters[q], codes[c]), values[q][c], s));
            }
        }
        return new CountTable(name, List.of("period", "code"), cells);
    }

    @Test
    void aComparisonWithASuppressedCount_isSuppressedWhole() {
        CountTable t = table("t", new long[][] {{3, 20}, {4, 30}, {2, 40}}, new String[] {"A", "B"}, true);
        List<Object[]> rows = DerivedTables.changes(t, RELEASE, List.of("A", "B"));
        Object[] a = rows.get(0);
        assertThat(a[3]).isEqualTo("A");
        assertThat(a[10]).isEqualTo("suppressed");
        assertThat(java.util.Arrays.copyOfRange(a, 4, 10)).containsOnlyNulls();
        Object[] b = rows.get(1);
        assertThat(b[4]).isEqualTo(40L);
        assertThat(b[5]).isEqualTo(30L);
        assertThat((Double) b[6]).isCloseTo(33.333, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void benjaminiHochberg_runsOverEveryChangesTableOfTheRelease() {
        CountTable provinces =
                table("p", new long[][] {{10, 50}, {12, 60}, {30, 61}}, new String[] {"ON", "CA"}, false);
        CountTable types =
                table("y", new long[][] {{5, 50}, {5, 60}, {25, 61}}, new String[] {"LABOUR", "TOTAL"}, false);
        List<Object[]> a = DerivedTables.changes(provinces, RELEASE, List.of("ON", "CA"));
        List<Object[]> b = DerivedTables.changes(types, RELEASE, List.of("LABOUR", "TOTAL"));
        DerivedTables.adjustJointly(List.of(a, b));
        List<Double> raw = new ArrayList<>();
        a.forEach(r -> raw.add((Double) r[7]));
        b.forEach(r -> raw.add((Double) r[7]));
        double[] expected = ca.hotlinetrends.trends.stats.BenjaminiHochberg.adjust(
                        raw.stream().mapToDouble(Double::doubleValue).toArray())
                .adjustedPValues();
        List<Object[]> all = new ArrayList<>(a);
        all.addAll(b);
        for (int i = 0; i < all.size(); i++) {
            assertThat((Double) all.get(i)[8]).isEqualTo(expected[i]);
            assertThat(all.get(i)[9]).isEqualTo(expected[i] <= DerivedTables.FDR_LEVEL);
        }
        assertThat(all.stream().filter(r -> (Boolean) r[9]).count()).isPositive();
    }
}
