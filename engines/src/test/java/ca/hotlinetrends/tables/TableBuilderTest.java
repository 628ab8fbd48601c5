package ca.hotlinetrends.tables;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableBuilderTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private final TableBuilder builder = new TableBuilder(SCHEMAS);
    private static final Quarter RELEASE = new Quarter(2026, 3);

    private static long value(LinkedTable t, String... key) {
        return t.table().byKey().get(List.of(key)).count();
    }

    @Test
    void provinceTable_hasEveryPeriodProvinceAndCanadaWithZerosFilled() {
        Map<List<String>, Long> q = new HashMap<>();
        q.put(List.of("2025Q1", "ON"), 10L);
        q.put(List.of("2025Q2", "ON"), 3L);
        q.put(List.of("2025Q2", "NU"), 1L);
        q.put(List.of("2026Q3", "QC"), 7L);
        LinkedTable t = builder.build(SCHEMAS.table("cases_by_province"), RELEASE, q);
        // 31 quarters + 8 years to date (2019..2026 at Q3) + 7 complete years = 46 periods, 14 areas each
        assertThat(t.table().cells()).hasSize(46 * 14);
        assertThat(value(t, "2025Q2", "CA")).isEqualTo(4);
        assertThat(value(t, "2025", "ON")).isEqualTo(13);
        assertThat(value(t, "2025Q1-Q3", "CA")).isEqualTo(14);
        assertThat(value(t, "2026Q1-Q3", "QC")).isEqualTo(7);
        assertThat(value(t, "2019Q1", "ON")).isZero();
        assertThat(t.table().byKey()).doesNotContainKey(List.of("2026", "ON"));
    }

    @Test
    void relations_holdForTheTrueCounts() {
        Map<List<String>, Long> q = new HashMap<>();
        long n = 1;
        for (Quarter quarter : new Quarter(2019, 2).through(RELEASE)) {
            for (String p : List.of("ON", "AB", "YT")) {
                q.put(List.of(quarter.toString(), p), n++ % 7);
            }
        }
        LinkedTable t = builder.build(SCHEMAS.table("cases_by_province"), RELEASE, q);
        Map<String, Long> byId = new HashMap<>();
        t.table().cells().forEach(c -> byId.put(t.table().cellId(c), c.count()));
        assertThat(t.relations()).isNotEmpty();
        for (LinearRelation r : t.relations()) {
            long sum = r.terms().stream()
                    .mapToLong(term -> term.coefficient() * byId.get(term.cellId()))
                    .sum();
            assertThat(sum).as(r.name()).isZero();
        }
        assertThat(t.relations())
                .anyMatch(r -> r.name().startsWith("margin:"))
                .anyMatch(r -> r.name().startsWith("periods:"));
    }

    @Test
    void territories_areRolledUpWhereTheSchemaSaysSo() {
        Map<List<String>, Long> q = new HashMap<>();
        q.put(List.of("2024Q2", "YT", "SEX"), 1L);
        q.put(List.of("2024Q3", "NU", "LABOUR"), 2L);
        LinkedTable t = builder.build(SCHEMAS.table("cases_by_province_and_type"), RELEASE, q);
        assertThat(value(t, "2024", "TERRITORIES", "TOTAL")).isEqualTo(3);
        assertThat(t.table().cells()).noneMatch(c -> c.key().get(1).equals("YT"));
    }

    @Test
    void multiValuedTotal_isTheRecordsWithInformationNotTheSum() {
        Map<List<String>, Long> q = new HashMap<>();
        q.put(List.of("2024Q1", "SHELTER"), 6L);
        q.put(List.of("2024Q1", "LEGAL"), 5L);
        q.put(List.of("2024Q1", "ANY"), 8L);
        LinkedTable t = builder.build(SCHEMAS.table("victims_by_services_requested"), RELEASE, q);
        assertThat(value(t, "2024", "ANY")).isEqualTo(8);
        assertThat(value(t, "2024", "SHELTER")).isEqualTo(6);
        assertThat(t.relations()).isEmpty();
    }

    @Test
    void linkedTables_shareTheirCounts() {
        Map<List<String>, Long> byProvince = Map.of(List.of("2024Q1", "ON"), 9L, List.of("2024Q1", "YT"), 2L);
        Map<List<String>, Long> byType = Map.of(List.of("2024Q1", "SEX"), 11L);
        Map<List<String>, Long> both = Map.of(List.of("2024Q1", "ON", "SEX"), 9L, List.of("2024Q1", "YT", "SEX"), 2L);
        List<LinkedTable> tables = List.of(
                builder.build(SCHEMAS.table("cases_by_province"), RELEASE, byProvince),
                builder.build(SCHEMAS.table("cases_by_trafficking_type"), RELEASE, byType),
                builder.build(SCHEMAS.table("cases_by_province_and_type"), RELEASE, both));
        List<LinearRelation> links = TableLinks.between(tables);
        assertThat(links)
                .anyMatch(r -> r.name().contains("cases_by_province_and_type|2024|TERRITORIES|TOTAL")
                        && r.terms().size() == 4);
        assertThat(links)
                .anyMatch(r -> r.terms().stream().anyMatch(x -> x.cellId().equals("cases_by_province|2024Q1|CA"))
                        && r.terms().stream()
                                .anyMatch(x -> x.cellId().equals("cases_by_trafficking_type|2024Q1|TOTAL")));
        Map<String, Long> byId = new HashMap<>();
        tables.forEach(l -> l.table().cells().forEach(c -> byId.put(l.table().cellId(c), c.count())));
        for (LinearRelation r : links) {
            assertThat(r.terms().stream()
                            .mapToLong(x -> x.coefficient() * byId.get(x.cellId()))
                            .sum())
                    .as(r.name())
                    .isZero();
        }
    }
}
