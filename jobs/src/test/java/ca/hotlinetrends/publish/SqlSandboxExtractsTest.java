package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code victims} view over closed-year extracts: each year is published once, in the first release after it
 * ends, so a release's records are those of every closed-year extract up to it; a cumulative extract stands alone.
 */
class SqlSandboxExtractsTest {

    @TempDir
    Path dir;

    @Test
    void closedYearExtracts_ofEveryReleaseUpToTheOneOpened_makeOneView() throws Exception {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        release(wh, "2026Q3", "closed_years", List.of(2024, 2025), 7);
        release(wh, "2026Q4", "closed_years", List.of(2026), 3);
        release(wh, "2027Q1", null, List.of(), 0); // no year ended: tables only
        release(wh, "2027Q4", "closed_years", List.of(2027), 2);

        try (SqlSandbox sql = SqlSandbox.open(wh, Quarter.parse("2026Q3"))) {
            assertThat(count(sql, "SELECT count(*) FROM victims")).isEqualTo(7);
        }
        try (SqlSandbox sql = SqlSandbox.open(wh, Quarter.parse("2027Q1"))) {
            assertThat(count(sql, "SELECT count(*) FROM victims")).isEqualTo(10);
            assertThat(count(sql, "SELECT count(*) FROM victims WHERE reference_quarter = '2026'"))
                    .isEqualTo(3);
            // The other releases' tables are not views, and their folders stay closed.
            assertThat(count(sql, "SELECT count(*) FROM counts")).isEqualTo(1);
        }
        try (SqlSandbox sql = SqlSandbox.open(wh, Quarter.parse("2027Q4"))) {
            assertThat(count(sql, "SELECT count(*) FROM victims")).isEqualTo(12);
            assertThat(sql.view("victims").kind()).isEqualTo("dataset");
        }
        // The folders the notebooks' views read (notebooks/setup.jsh): the same extracts, oldest first.
        assertThat(SqlSandbox.recordFolders(wh, Quarter.parse("2027Q1")))
                .containsOnlyKeys("victims")
                .extractingByKey("victims")
                .asList()
                .containsExactly(
                        wh.release(Quarter.parse("2026Q3"))
                                .resolve("microdata/victims")
                                .toString(),
                        wh.release(Quarter.parse("2026Q4"))
                                .resolve("microdata/victims")
                                .toString());
    }

    @Test
    void aCumulativeExtract_isTheReleasesRecordsAlone() throws Exception {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        release(wh, "2026Q2", "closed_years", List.of(2025), 4);
        release(wh, "2026Q3", "cumulative", List.of(), 9);
        try (SqlSandbox sql = SqlSandbox.open(wh, Quarter.parse("2026Q3"))) {
            assertThat(count(sql, "SELECT count(*) FROM victims")).isEqualTo(9);
        }
        assertThat(SqlSandbox.recordFolders(wh, Quarter.parse("2026Q3")).get("victims"))
                .containsExactly(wh.release(Quarter.parse("2026Q3"))
                        .resolve("microdata/victims")
                        .toString());
    }

    @Test
    void aReleaseWithoutExtracts_beforeAnyClosedYear_hasNoRecordView() throws Exception {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        release(wh, "2026Q1", null, List.of(), 0);
        try (SqlSandbox sql = SqlSandbox.open(wh, Quarter.parse("2026Q1"))) {
            assertThatThrownBy(() -> sql.view("victims"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no view victims");
        }
    }

    /**
     * A release folder: a one-row table, and, for a scheme, {@code records} victims records (spread over the years
     * given, or {@code *}) with an anonymization.json saying so.
     */
    private static void release(Warehouse wh, String release, String scheme, List<Integer> years, int records)
            throws Exception {
        Path dir = Files.createDirectories(wh.published().resolve(release));
        Path table = Files.createDirectories(dir.resolve("tables/counts"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 1 AS cells) TO '" + table.resolve("part-0.parquet") + "' (FORMAT parquet)");
            if (scheme == null) {
                return;
            }
            Path victims = Files.createDirectories(dir.resolve("microdata/victims"));
            String year = years.isEmpty()
                    ? "'*'"
                    : "CAST(list_extract(["
                            + String.join(
                                    ", ", years.stream().map(String::valueOf).toList()) + "], 1 + CAST(i % "
                            + years.size() + " AS INTEGER)) AS VARCHAR)";
            s.execute("COPY (SELECT 'r' || i AS record_id, " + year + " AS reference_quarter FROM range(" + records
                    + ") t(i)) TO '" + victims.resolve("part-0.parquet") + "' (FORMAT parquet)");
        }
        String periods = scheme.equals("closed_years")
                ? "{\"scheme\": \"closed_years\", \"years\": " + years + ", \"held_back_per_year\": 5}"
                : "{\"scheme\": \"cumulative\", \"up_to\": \"" + release + "\"}";
        Files.writeString(
                dir.resolve("microdata/anonymization.json"),
                "{\"release\": \"" + release
                        + "\", \"datasets\": [{\"dataset\": \"victims\", \"records_suppressed\": 0,"
                        + " \"generalisation_levels\": {}, \"periods\": " + periods + "}]}");
    }

    private static long count(SqlSandbox sql, String query) {
        return ((Number) sql.query(query, -1).rows().get(0)[0]).longValue();
    }
}
