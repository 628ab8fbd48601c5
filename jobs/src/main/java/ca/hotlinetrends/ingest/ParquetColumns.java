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
 * Copies a Parquet file keeping only some of its top-level columns, without decoding anything: the kept column
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

    private ParquetColumns() {
    }

    /**
     * Writes {@code target} with the columns of {@code source} named in {@code keep}, in the source's order.
     *
     * @return the number of rows copied
     * @throws IllegalArgumentException when a kept column is not in the file
     */
    static long copy(Path source, Path target, Set<String> keep) {
        Configuration conf = new Configuration();
        try {
            HadoopInputFile in = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(source.toUri()), conf);
            try (ParquetFileReader reader = ParquetFileReader.open(in)) {
                ParquetMetadata footer = reader.getFooter();
                MessageType full = footer.getFileMetaData().getSchema();
                List<Type> kept = new ArrayList<>();
                for (Type t : full.getFields()) {
                    if (keep.contains(t.getName())) {
                        kept.add(t);
                    }
                }
                if (kept.size() != keep.size()) {
                    throw new IllegalArgumentException(source.getFileName() + " lacks some of the columns " + keep);
                }
                MessageType narrow = new MessageType(full.getName(), kept);
                Map<String, String> metadata = new LinkedHashMap<>(footer.getFileMetaData().getKeyValueMetaData());
                String sparkSchema = metadata.get(SPARK_SCHEMA_KEY);
                if (sparkSchema != null) {
                    metadata.put(SPARK_SCHEMA_KEY, narrowSparkSchema(sparkSchema, keep).json());
                }
                Files.deleteIfExists(target);
                ParquetFileWriter w = new ParquetFileWriter(
                        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(target.toUri()), conf), narrow,
                        ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
                w.start();
                long rows = 0;
                try (SeekableInputStream stream = in.newStream()) {
                    for (BlockMetaData block : footer.getBlocks()) {
                        w.appendRowGroup(stream, block, true);
                        rows += block.getRowCount();
                    }
                }
                w.end(metadata);
                Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
                return rows;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the columns of " + source.getFileName(), e);
        }
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
