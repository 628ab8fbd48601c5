package ca.hotlinetrends.ingest;

import ca.hotlinetrends.warehouse.SparkParquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One task's share of the ingest pass, written straight to Parquet as the records come: valid records into
 * {@code _lane=staged/reference_quarter=<Q>/}, one file per quarter the task meets, and rejected records into
 * {@code _lane=quarantined/}, each file holding only the columns its lane uses. That is the layout a Spark write of
 * the pass partitioned by lane and quarter would leave, and the files are laid out as Spark's own
 * ({@link SparkParquet}); but no record is copied into a row, sorted by partition or projected on the way.
 *
 * <p>Files are written under hidden names ({@code .part-...}, which readers skip) and renamed when the task has
 * written everything ({@link #commit}), so a failed task leaves no visible file and a retried one replaces its
 * earlier output whole. Values arrive as {@link SparkParquet} takes them. Not thread-safe: one per task.
 */
final class PassFiles implements AutoCloseable {

    private static final String QUARANTINE_FOLDER = IngestTransform.LANE + "=" + IngestTransform.QUARANTINE_LANE;
    private static final String STAGED_FOLDER = IngestTransform.LANE + "=" + IngestTransform.STAGED_LANE;

    private final Path root;
    private final String name;
    private final SparkParquet.Layout staged;
    private final SparkParquet.Layout quarantined;
    private final CompressionCodecName codec;
    private final Configuration conf = new Configuration(false);
    private final Map<String, Open> stagedByQuarter = new HashMap<>();
    private Open rejected;
    private long stagedRecords;
    private long rejectedRecords;

    /** A file being written: its writer, its hidden name and the name it takes. */
    private record Open(ParquetWriter<Object[]> writer, Path temporary, Path target) {}

    /**
     * @param root the pass's output folder
     * @param name the file name every folder gets from this task (unique to the task), e.g. {@code part-00003}
     * @param staged the staged lane's columns (the staged columns but {@code reference_quarter}, then source and
     *     position)
     * @param quarantined the quarantine lane's columns (source, position, the packed rejected record)
     * @param codec the compression, as Spark's session has it
     */
    PassFiles(
            Path root,
            String name,
            SparkParquet.Layout staged,
            SparkParquet.Layout quarantined,
            CompressionCodecName codec) {
        this.root = root;
        this.name = name;
        this.staged = staged;
        this.quarantined = quarantined;
        this.codec = codec;
    }

    /** Writes a valid record of {@code quarter}: its values in the staged layout's order. */
    void staged(String quarter, Object[] values) {
        Open open = stagedByQuarter.get(quarter);
        if (open == null) {
            open = open(staged, root.resolve(STAGED_FOLDER).resolve(IngestTransform.PARTITION + "=" + quarter));
            stagedByQuarter.put(quarter, open);
        }
        write(open, values);
        stagedRecords++;
    }

    /** Writes a rejected record: its values in the quarantine layout's order. */
    void rejected(Object[] values) {
        if (rejected == null) {
            rejected = open(quarantined, root.resolve(QUARANTINE_FOLDER));
        }
        write(rejected, values);
        rejectedRecords++;
    }

    private static void write(Open open, Object[] values) {
        try {
            open.writer().write(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + open.temporary().getFileName(), e);
        }
    }

    private Open open(SparkParquet.Layout layout, Path folder) {
        Path target = folder.resolve(SparkParquet.fileName(name, codec));
        Path temporary = folder.resolve("." + SparkParquet.fileName(name + "-" + java.util.UUID.randomUUID(), codec));
        try {
            Files.createDirectories(folder);
            return new Open(SparkParquet.writer(temporary, layout, codec, conf), temporary, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + folder.getFileName(), e);
        }
    }

    /** Closes every file and gives each its visible name; returns how many records each lane got. */
    long[] commit() {
        List<Open> all = new ArrayList<>(stagedByQuarter.values());
        if (rejected != null) {
            all.add(rejected);
        }
        long[] counts = {stagedRecords, rejectedRecords};
        try {
            for (Open o : all) {
                o.writer().close();
            }
            for (Open o : all) {
                Files.move(
                        o.temporary(), o.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the pass's files", e);
        } finally {
            stagedByQuarter.clear();
            rejected = null;
        }
        return counts;
    }

    /** Closes and deletes what was not committed (a failed task). */
    @Override
    public void close() {
        List<Open> all = new ArrayList<>(stagedByQuarter.values());
        if (rejected != null) {
            all.add(rejected);
        }
        for (Open o : all) {
            try {
                o.writer().close();
            } catch (IOException | RuntimeException ignored) {
                // the file is deleted below
            }
            try {
                Files.deleteIfExists(o.temporary());
            } catch (IOException ignored) {
                // a hidden file in the run's work folder, which the run deletes
            }
        }
        stagedByQuarter.clear();
        rejected = null;
    }
}
