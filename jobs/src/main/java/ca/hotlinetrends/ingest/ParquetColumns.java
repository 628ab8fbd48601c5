package ca.hotlinetrends.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Copies Parquet files (one, or several into one) keeping only some of their top-level columns, without decoding anything: the kept column
 * chunks are copied byte for byte ({@link ParquetFileWriter#appendRowGroup}) and the footer's Spark schema is
 * narrowed to match, so Spark reads the copy as if it had been written with the kept columns only.
 *
 * <p>Ingest writes every record once, staged and rejected records side by side in one wide layout; this turns the
 * staged side into files with exactly the staged columns for a fraction of the cost of a second Spark write.
 * Plain Java on local paths; stateless and thread-safe.
 */
final class ParquetColumns {

    /** The footer key under which Spark keeps the schema it wrote. */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    /** One Hadoop configuration for every copy, without checksum files ({@link ca.hotlinetrends.warehouse.SparkParquet#localConf}). */
    private static final Configuration CONF = ca.hotlinetrends.warehouse.SparkParquet.localConf();

    private ParquetColumns() {}

    /**
     * Writes {@code target} with the columns of {@code sources} named in {@code keep}, in the sources' order: every
     * row group of each source in turn, so the target holds their rows one file after the other. The sources must
     * share one schema (they come from one Spark write); the target's footer metadata is the first source's.
     *
     * @return the number of rows copied
     * @throws IllegalArgumentException when a kept column is not in the files, or the files' schemas differ
     */
    static long copy(List<Path> sources, Path target, Set<String> keep) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to copy into " + target.getFileName());
        }
        Configuration conf = CONF;
        try {
            Files.deleteIfExists(target);
            ParquetFileWriter w = null;
            MessageType full = null;
            Map<String, String> metadata = null;
            long rows = 0;
            for (Path source : sources) {
                HadoopInputFile in = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(source.toUri()), conf);
                try (ParquetFileReader reader = ca.hotlinetrends.warehouse.SparkParquet.open(in)) {
                    ParquetMetadata footer = reader.getFooter();
                    MessageType schema = footer.getFileMetaData().getSchema();
                    if (w == null) {
                        full = schema;
                        metadata = new LinkedHashMap<>(footer.getFileMetaData().getKeyValueMetaData());
                        String sparkSchema = metadata.get(SPARK_SCHEMA_KEY);
                        if (sparkSchema != null) {
                            metadata.put(
                                    SPARK_SCHEMA_KEY,
                                    narrowSparkSchema(sparkSchema, keep).json());
                        }
                        w = new ParquetFileWriter(
                                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(target.toUri()), conf),
                                narrow(source, schema, keep),
                                ParquetFileWriter.Mode.CREATE,
                                ParquetWriter.DEFAULT_BLOCK_SIZE,
                                0);
                        w.start();
                    } else if (!schema.equals(full)) {
                        throw new IllegalArgumentException(source.getFileName() + " has another schema than "
                                + sources.get(0).getFileName() + ": they cannot be copied into one file");
                    }
                    try (SeekableInputStream stream = in.newStream()) {
                        for (BlockMetaData block : footer.getBlocks()) {
                            w.appendRowGroup(stream, block, true);
                            rows += block.getRowCount();
                        }
                    }
                }
            }
            w.end(metadata);
            Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy the columns of " + sources.get(0).getFileName(), e);
        }
    }

    /**
     * Whether two Parquet files hold the same values in the top-level columns named in {@code columns}, in the same
     * rows: the same row groups with the same row counts, and each such column's chunks byte for byte the same
     * (identical encoded bytes decode to identical values). {@code false} means only that this shortcut does not
     * apply (the values may still be the same, e.g. in another order); so does an unreadable file.
     */
    static boolean sameColumns(Path a, Path b, Set<String> columns) {
        try (ParquetFileReader left = open(a);
                ParquetFileReader right = open(b);
                java.nio.channels.FileChannel leftBytes = java.nio.channels.FileChannel.open(a);
                java.nio.channels.FileChannel rightBytes = java.nio.channels.FileChannel.open(b)) {
            List<BlockMetaData> leftBlocks = left.getFooter().getBlocks();
            List<BlockMetaData> rightBlocks = right.getFooter().getBlocks();
            if (leftBlocks.size() != rightBlocks.size()) {
                return false;
            }
            for (int k = 0; k < leftBlocks.size(); k++) {
                Map<String, org.apache.parquet.hadoop.metadata.ColumnChunkMetaData> l =
                        chunks(leftBlocks.get(k), columns);
                Map<String, org.apache.parquet.hadoop.metadata.ColumnChunkMetaData> r =
                        chunks(rightBlocks.get(k), columns);
                if (leftBlocks.get(k).getRowCount() != rightBlocks.get(k).getRowCount()
                        || !l.keySet().equals(r.keySet())) {
                    return false;
                }
                for (var chunk : l.entrySet()) {
                    if (!sameBytes(leftBytes, chunk.getValue(), rightBytes, r.get(chunk.getKey()))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return ca.hotlinetrends.warehouse.SparkParquet.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF));
    }

    /** A row group's chunks of the named top-level columns, by their full column path. */
    private static Map<String, org.apache.parquet.hadoop.metadata.ColumnChunkMetaData> chunks(
            BlockMetaData block, Set<String> columns) {
        Map<String, org.apache.parquet.hadoop.metadata.ColumnChunkMetaData> out = new LinkedHashMap<>();
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : block.getColumns()) {
            if (columns.contains(c.getPath().toArray()[0])) {
                out.put(c.getPath().toDotString(), c);
            }
        }
        return out;
    }

    private static boolean sameBytes(
            java.nio.channels.FileChannel a,
            org.apache.parquet.hadoop.metadata.ColumnChunkMetaData x,
            java.nio.channels.FileChannel b,
            org.apache.parquet.hadoop.metadata.ColumnChunkMetaData y)
            throws IOException {
        if (x.getTotalSize() != y.getTotalSize()
                || x.getValueCount() != y.getValueCount()
                || !x.getCodec().equals(y.getCodec())) {
            return false;
        }
        java.nio.ByteBuffer left = java.nio.ByteBuffer.allocate(Math.toIntExact(x.getTotalSize()));
        java.nio.ByteBuffer right = java.nio.ByteBuffer.allocate(Math.toIntExact(y.getTotalSize()));
        readFully(a, left, x.getStartingPos());
        readFully(b, right, y.getStartingPos());
        return left.flip().equals(right.flip());
    }

    private static void readFully(java.nio.channels.FileChannel channel, java.nio.ByteBuffer into, long position)
            throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) {
                throw new IOException("the file ends inside a column chunk");
            }
        }
    }

    /** Writes {@code target} with the columns of {@code source} named in {@code keep}; see {@link #copy(List, Path, Set)}. */
    static long copy(Path source, Path target, Set<String> keep) {
        return copy(List.of(source), target, keep);
    }

    private static MessageType narrow(Path source, MessageType full, Set<String> keep) {
        List<Type> kept = new ArrayList<>();
        for (Type t : full.getFields()) {
            if (keep.contains(t.getName())) {
                kept.add(t);
            }
        }
        if (kept.size() != keep.size()) {
            throw new IllegalArgumentException(source.getFileName() + " lacks some of the columns " + keep);
        }
        return new MessageType(full.getName(), kept);
    }

    private static StructType narrowSparkSchema(String json, Set<String> keep) {
        DataType parsed = DataType.fromJson(json);
        if (!(parsed instanceof StructType struct)) {
            throw new IllegalStateException("the Spark schema in a Parquet footer is not a struct");
        }
        List<StructField> fields = new ArrayList<>();
        for (StructField f : struct.fields()) {
            if (keep.contains(f.name())) {
                fields.add(f);
            }
        }
        return new StructType(fields.toArray(StructField[]::new));
    }
}
