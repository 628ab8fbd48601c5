package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.warehouse.SparkParquet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcut of revision detection: a quarter whose staged content columns are the same chunk for chunk is not
 * read again; the technical columns (here {@code run_id}) are left out of the comparison.
 */
class SameContentTest {

    private static final StructType SCHEMA = new StructType()
            .add("contact_id", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("run_id", DataTypes.StringType);
    private static final Set<String> CONTENT = Set.of("contact_id", "channel");

    @TempDir
    Path dir;

    private Path quarter(String name, List<Object[]> rows) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        SparkParquet.write(folder.resolve("part-00000.zstd.parquet"), SCHEMA, rows, CompressionCodecName.ZSTD);
        return folder;
    }

    private static List<Object[]> rows(String runId, String... channels) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int k = 0; k < channels.length; k++) {
            rows.add(new Object[] {"CT" + k, channels[k], runId});
        }
        return rows;
    }

    @Test
    void theSameRecords_writtenByAnotherRun_areTheSame() throws IOException {
        Path before = quarter("before", rows("run-1", "CALL", "TEXT", "CHAT"));
        Path after = quarter("after", rows("run-2", "CALL", "TEXT", "CHAT"));
        assertThat(IngestJob.sameContent(before, after, CONTENT)).isTrue();
        assertThat(IngestJob.sameContent(before, after, Set.of("contact_id", "channel", "run_id")))
                .as("the run id differs when it is compared")
                .isFalse();
    }

    @Test
    void aChangedValue_anotherRecord_orAMissingFolder_isNotTheSame() throws IOException {
        Path before = quarter("before", rows("run-1", "CALL", "TEXT", "CHAT"));
        assertThat(IngestJob.sameContent(before, quarter("changed", rows("run-2", "CALL", "TEXT", "EMAIL")), CONTENT))
                .isFalse();
        assertThat(IngestJob.sameContent(
                        before, quarter("longer", rows("run-2", "CALL", "TEXT", "CHAT", "CALL")), CONTENT))
                .isFalse();
        assertThat(IngestJob.sameContent(before, dir.resolve("missing"), CONTENT))
                .isFalse();
    }
}
