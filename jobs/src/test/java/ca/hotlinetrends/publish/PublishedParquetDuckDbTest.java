package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Researchers read published Parquet with DuckDB: same columns, types and counts as Spark. */
class PublishedParquetDuckDbTest {

    @TempDir
    static Path dir;

    static Path release;

    @BeforeAll
    static void publish() {
        Warehouse wh = PublishedReleaseFixture.write(SharedSpark.session(), dir.resolve("wh"));
        release = wh.published().resolve(PublishedReleaseFixture.RELEASE);
    }

    private static String parquet(String relative) {
        return "read_parquet('" + release.resolve(relative) + "/*.parquet', hive_partitioning = true)";
    }

    private static Map<String, String> types(Statement s, String source) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void publishedTable_readsWithTheSchemaTypesAndSparksCounts() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            assertThat(types(s, parquet("tables/cases_by_province")))
                    .containsExactly(
                            Map.entry("period_type", "VARCHAR"),
                            Map.entry("period", "VARCHAR"),
                            Map.entry("province_code", "VARCHAR"),
                            Map.entry("cases", "BIGINT"),
                            Map.entry("status", "VARCHAR"));
            long spark = SharedSpark.session()
                    .read()
                    .parquet(release.resolve("tables/cases_by_province").toString())
                    .count();
            assertThat(count(s, "SELECT count(*) FROM " + parquet("tables/cases_by_province")))
                    .isEqualTo(spark)
                    .isEqualTo(PublishedReleaseFixture.CASES_ROWS_Q3);
            assertThat(count(
                            s,
                            "SELECT count(*) FROM " + parquet("tables/cases_by_province")
                                    + " WHERE status <> 'published' AND cases IS NULL"))
                    .isEqualTo(2);
        }
    }

    @Test
    void microdata_readsWithSparksCountsPerGroup() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            assertThat(types(s, parquet("microdata/victims")))
                    .containsEntry("record_id", "VARCHAR")
                    .containsEntry("province_code", "VARCHAR");
            long sparkOntario = SharedSpark.session()
                    .read()
                    .parquet(release.resolve("microdata/victims").toString())
                    .where("province_code = 'ON'")
                    .count();
            assertThat(count(s, "SELECT count(*) FROM " + parquet("microdata/victims") + " WHERE province_code = 'ON'"))
                    .isEqualTo(sparkOntario)
                    .isEqualTo(20);
        }
    }
}
