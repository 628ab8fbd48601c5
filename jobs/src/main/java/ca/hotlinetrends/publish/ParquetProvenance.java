package ca.hotlinetrends.publish;

import ca.hotlinetrends.warehouse.SparkParquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Provenance in the footer (key-value metadata) of published Parquet files, so a file copied out of a release
 * still says where it came from. Keys are prefixed {@code hotline_trends.}: {@code release}, {@code schema_version},
 * {@code run_id} and either {@code k} (microdata) or {@code min_cell_count} (tables). For releases published by
 * {@code run}, {@code run_id} is the run's content id ({@link ContentId}), so the same inputs give the same bytes;
 * single commands ({@code trends}, {@code anonymize --release}) stamp their wall-clock run id.
 *
 * <p>Applied after Spark has written a folder: each {@code part-*.parquet} is rewritten with its row groups copied
 * byte for byte ({@link ParquetFileWriter#appendFile}), its existing metadata kept (Spark's schema and version) and
 * the provenance added, then moved to the part's name without Spark's per-write UUID ({@code part-00000-c000.snappy.parquet}
 * rather than {@code part-00000-<uuid>-c000.snappy.parquet}, so that the same content gives the same file names);
 * the original and the stale Hadoop {@code .crc} of the part are deleted.
 * The caller must hold the only writer of the folder. Stateless and thread-safe.
 */
public final class ParquetProvenance {

    public static final String PREFIX = "hotline_trends.";

    /** The provenance of one published table or dataset. */
    public record Provenance(
            String release, int schemaVersion, String privacyParameter, long privacyValue, String runId) {
        public Provenance {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(runId, "runId");
            if (schemaVersion < 1) {
                throw new IllegalArgumentException("schemaVersion must be >= 1. Provided value: " + schemaVersion);
            }
            if (!privacyParameter.equals("k") && !privacyParameter.equals("min_cell_count")) {
                throw new IllegalArgumentException(
                        "privacyParameter must be k or min_cell_count. Provided value: " + privacyParameter);
            }
            if (privacyValue < 1) {
                throw new IllegalArgumentException(privacyParameter + " must be >= 1. Provided value: " + privacyValue);
            }
        }

        /** A microdata dataset released with k-anonymity {@code k}. */
        public static Provenance microdata(String release, int schemaVersion, int k, String runId) {
            return new Provenance(release, schemaVersion, "k", k, runId);
        }

        /** A table whose cells below {@code minCellCount} are suppressed. */
        public static Provenance table(String release, int schemaVersion, int minCellCount, String runId) {
            return new Provenance(release, schemaVersion, "min_cell_count", minCellCount, runId);
        }

        public Map<String, String> keyValues() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(PREFIX + "release", release);
            m.put(PREFIX + "schema_version", Integer.toString(schemaVersion));
            m.put(PREFIX + privacyParameter, Long.toString(privacyValue));
            m.put(PREFIX + "run_id", runId);
            return m;
        }
    }

    /** One Hadoop configuration for every file, without checksum files ({@link ca.hotlinetrends.warehouse.SparkParquet#localConf}). */
    private static final Configuration CONF = ca.hotlinetrends.warehouse.SparkParquet.localConf();

    private ParquetProvenance() {}

    /** Adds the provenance to the footer of every Parquet file in {@code folder}; returns the files stamped. */
    public static List<Path> stamp(Path folder, Provenance provenance) {
        List<Path> parts;
        try (Stream<Path> files = Files.list(folder)) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no Parquet file in " + folder);
        }
        List<Path> stamped = new java.util.ArrayList<>();
        for (Path part : parts) {
            stamped.add(stampFile(part, provenance.keyValues()));
        }
        return List.copyOf(stamped);
    }

    /** The key-value metadata of a Parquet file's footer. */
    public static Map<String, String> read(Path file) {
        Configuration conf = CONF;
        try (ParquetFileReader r = SparkParquet.open(HadoopInputFile.fromPath(hadoopPath(file), conf))) {
            return Map.copyOf(r.getFooter().getFileMetaData().getKeyValueMetaData());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of " + file, e);
        }
    }

    /** The number of records in the Parquet files of a folder, from their footers. */
    public static long records(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            long n = 0;
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .toList()) {
                try (ParquetFileReader r = SparkParquet.open(HadoopInputFile.fromPath(hadoopPath(f), CONF))) {
                    n += r.getRecordCount();
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footers in " + folder, e);
        }
    }

    private static final java.util.regex.Pattern WRITE_UUID =
            java.util.regex.Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The part's name without the UUID Spark puts in every file of a write. */
    static String stableName(String partName) {
        return WRITE_UUID.matcher(partName).replaceFirst("");
    }

    private static Path stampFile(Path part, Map<String, String> provenance) {
        Configuration conf = CONF;
        Path tmp = part.resolveSibling("." + part.getFileName() + ".provenance");
        try {
            Files.deleteIfExists(tmp);
            HadoopInputFile in = HadoopInputFile.fromPath(hadoopPath(part), conf);
            ParquetMetadata footer;
            try (ParquetFileReader r = SparkParquet.open(in)) {
                footer = r.getFooter();
            }
            MessageType schema = footer.getFileMetaData().getSchema();
            Map<String, String> metadata =
                    new LinkedHashMap<>(footer.getFileMetaData().getKeyValueMetaData());
            metadata.putAll(provenance);
            ParquetFileWriter w = new ParquetFileWriter(
                    HadoopOutputFile.fromPath(hadoopPath(tmp), conf),
                    schema,
                    ParquetFileWriter.Mode.CREATE,
                    org.apache.parquet.hadoop.ParquetWriter.DEFAULT_BLOCK_SIZE,
                    0);
            w.start();
            // As ParquetFileWriter.appendFile does, with the shared configuration.
            try (ParquetFileReader r = SparkParquet.open(in)) {
                r.appendTo(w);
            }
            w.end(metadata);
            canonicaliseFooter(tmp);
            Path stable = part.resolveSibling(stableName(part.getFileName().toString()));
            Files.move(tmp, stable, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (!stable.equals(part)) {
                Files.deleteIfExists(part);
            }
            Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
            Files.deleteIfExists(stable.resolveSibling("." + stable.getFileName() + ".crc"));
            Files.deleteIfExists(tmp.resolveSibling("." + tmp.getFileName() + ".crc"));
            return stable;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add provenance to " + part, e);
        }
    }

    /**
     * Puts the footer's unordered lists in a fixed order. Parquet keeps a column chunk's encodings in a hash set of
     * enum constants, whose iteration order follows identity hash codes and so changes from one JVM to the next: the
     * same data written on a cluster's executors and on a laptop gave footers with the encodings listed in different
     * orders. Sorting them (and the encoding statistics) makes the bytes depend on the content only. The footer is
     * the Thrift {@code FileMetaData} before the last 8 bytes (its length and {@code PAR1}); nothing points into it,
     * so it is rewritten in place.
     */
    public static void canonicaliseFooter(Path file) throws IOException {
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            byte[] tail = new byte[8];
            raf.seek(size - 8);
            raf.readFully(tail);
            int length = java.nio.ByteBuffer.wrap(tail, 0, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt();
            long start = size - 8 - length;
            byte[] footer = new byte[length];
            raf.seek(start);
            raf.readFully(footer);
            org.apache.parquet.format.FileMetaData md =
                    org.apache.parquet.format.Util.readFileMetaData(new java.io.ByteArrayInputStream(footer));
            for (org.apache.parquet.format.RowGroup rg : md.getRow_groups()) {
                for (org.apache.parquet.format.ColumnChunk cc : rg.getColumns()) {
                    org.apache.parquet.format.ColumnMetaData cm = cc.getMeta_data();
                    if (cm == null) {
                        continue;
                    }
                    if (cm.getEncodings() != null) {
                        List<org.apache.parquet.format.Encoding> e = new java.util.ArrayList<>(cm.getEncodings());
                        e.sort(java.util.Comparator.comparingInt(org.apache.parquet.format.Encoding::getValue));
                        cm.setEncodings(e);
                    }
                    if (cm.getEncoding_stats() != null) {
                        List<org.apache.parquet.format.PageEncodingStats> st =
                                new java.util.ArrayList<>(cm.getEncoding_stats());
                        st.sort(java.util.Comparator.<org.apache.parquet.format.PageEncodingStats>comparingInt(
                                        x -> x.getPage_type().getValue())
                                .thenComparingInt(x -> x.getEncoding().getValue())
                                .thenComparingInt(org.apache.parquet.format.PageEncodingStats::getCount));
                        cm.setEncoding_stats(st);
                    }
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length);
            org.apache.parquet.format.Util.writeFileMetaData(md, out);
            byte[] canonical = out.toByteArray();
            raf.seek(start);
            raf.write(canonical);
            raf.write(java.nio.ByteBuffer.allocate(4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putInt(canonical.length)
                    .array());
            raf.write("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            raf.setLength(start + canonical.length + 8);
        }
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path p) {
        return new org.apache.hadoop.fs.Path(p.toAbsolutePath().toUri());
    }
}
