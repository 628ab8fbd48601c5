package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance in the Parquet footer, read back with parquet-hadoop alone. */
class ParquetProvenanceTest {

    @TempDir
    Path dir;

    @Test
    void stamp_addsProvenanceKeepsSparksMetadataAndTheRows() {
        Warehouse wh = PublishedReleaseFixture.write(SharedSpark.session(), dir.resolve("wh"));
        Path table = wh.published().resolve("2026Q3/tables/cases_by_province");
        List<Path> files =
                ParquetProvenance.stamp(table, ParquetProvenance.Provenance.table("2026Q3", 1, 5, "run-20260930-1"));
        assertThat(files).hasSize(1);
        Map<String, String> footer = ParquetProvenance.read(files.get(0));
        assertThat(footer)
                .containsEntry("hotline_trends.release", "2026Q3")
                .containsEntry("hotline_trends.schema_version", "1")
                .containsEntry("hotline_trends.min_cell_count", "5")
                .containsEntry("hotline_trends.run_id", "run-20260930-1")
                .containsKey("org.apache.spark.sql.parquet.row.metadata");
        assertThat(SharedSpark.session().read().parquet(table.toString()).count())
                .isEqualTo(PublishedReleaseFixture.CASES_ROWS_Q3);

        Path victims = wh.published().resolve("2026Q3/microdata/victims");
        ParquetProvenance.stamp(victims, ParquetProvenance.Provenance.microdata("2026Q3", 2, 11, "run-1"));
        ParquetProvenance.stamp(victims, ParquetProvenance.Provenance.microdata("2026Q3", 2, 11, "run-2"));
        assertThat(ParquetProvenance.read(ParquetProvenance.stamp(
                                victims, ParquetProvenance.Provenance.microdata("2026Q3", 2, 11, "run-3"))
                        .get(0)))
                .containsEntry("hotline_trends.k", "11")
                .containsEntry("hotline_trends.run_id", "run-3");
        assertThat(SharedSpark.session().read().parquet(victims.toString()).count())
                .isEqualTo(PublishedReleaseFixture.VICTIMS_ROWS);
    }

    @Test
    void provenance_validatesItsParameters() {
        assertThatThrownBy(() -> ParquetProvenance.Provenance.microdata("2026Q3", 1, 0, "r"))
                .hasMessage("k must be >= 1. Provided value: 0");
        assertThatThrownBy(() -> ParquetProvenance.Provenance.table("2026Q3", 0, 5, "r"))
                .hasMessage("schemaVersion must be >= 1. Provided value: 0");
        assertThatThrownBy(() -> ParquetProvenance.stamp(dir, ParquetProvenance.Provenance.table("2026Q3", 1, 5, "r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Parquet file");
    }
}
