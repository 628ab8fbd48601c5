package ca.hotlinetrends.microdata;

import ca.hotlinetrends.publish.ParquetProvenance;
import ca.hotlinetrends.warehouse.SparkParquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a release ({@link RecordNumbering#ordered}) straight from its partitions: each partition becomes
 * one file, {@code part-<index>-c000.<codec>.parquet}, each distinct record written as many times as it counts, in
 * order, each record with its {@code record_id} computed from its number as the records are written (its partition's
 * index shifted left 33 bits plus its place there, as {@code monotonically_increasing_id} numbers rows). Files are
 * written under hidden names and renamed when complete; an empty release is one empty file.
 */
final class ExtractFiles {

    private ExtractFiles() {}

    /** The id of the record numbered {@code number} in a dataset's release: "R" and 16 hex digits. */
    static String recordId(long number, long datasetSeed) {
        return new String(recordIdBytes(number, datasetSeed), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** {@link #recordId} as the ASCII bytes the file holds, made without a string (once per record written). */
    static byte[] recordIdBytes(long number, long datasetSeed) {
        long z = number ^ (datasetSeed * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        byte[] id = new byte[17];
        id[0] = 'R';
        for (int i = 16; i >= 1; i--) {
            id[i] = HEX[(int) (z & 0xF)];
            z >>>= 4;
        }
        return id;
    }

    /** What a write left: the records written, and the class sizes read back from the files themselves. */
    record Written(long records, Map<List<String>, Long> classSizes) implements java.io.Serializable {}

    /**
     * What one task's file holds, as the task sends it: the records written and the class sizes, each distinct value
     * once ({@code values}) and each class as {@code width} positions in it ({@code classes}, -1 for null). A map of
     * lists of strings went through Java's serialisation object by object, a lookup in its table of objects each:
     * about 2 s of the 10M run's tasks and 0.8 s of its driver.
     */
    record Part(long records, int width, String[] values, int[] classes, long[] sizes) implements java.io.Serializable {

        static Part of(long records, Map<List<String>, Long> classSizes, int width) {
            Map<String, Integer> positions = new HashMap<>();
            List<String> values = new ArrayList<>();
            int[] classes = new int[classSizes.size() * width];
            long[] sizes = new long[classSizes.size()];
            int at = 0;
            for (Map.Entry<List<String>, Long> e : classSizes.entrySet()) {
                for (int i = 0; i < width; i++) {
                    String v = e.getKey().get(i);
                    classes[at * width + i] = v == null
                            ? -1
                            : positions.computeIfAbsent(v, x -> {
                                values.add(x);
                                return values.size() - 1;
                            });
                }
                sizes[at++] = e.getValue();
            }
            return new Part(records, width, values.toArray(String[]::new), classes, sizes);
        }

        /** Adds this part's class sizes to {@code into}. */
        void addTo(Map<List<String>, Long> into) {
            for (int c = 0; c < sizes.length; c++) {
                String[] key = new String[width];
                for (int i = 0; i < width; i++) {
                    int v = classes[c * width + i];
                    key[i] = v < 0 ? null : values[v];
                }
                into.merge(java.util.Arrays.asList(key), sizes[c], Long::sum);
            }
        }
    }

    /**
     * Writes the records of {@code ordered} (the published columns, then the hash and the count, as
     * {@link RecordNumbering#ordered} gives them) into {@code out}, with a first column {@code record_id} and without
     * the hash and the count; returns the records written.
     */
    static long write(Dataset<Row> ordered, Path out, long datasetSeed, CompressionCodecName codec) {
        return write(ordered, out, datasetSeed, codec, List.of(), Map.of()).records();
    }

    /**
     * As above; each task then reads the file it wrote back from disk and counts the records of each combination of
     * {@code quasiIdentifiers} in it, for the independent check ({@link AnonymizationCheck#verify(Map, int)}): the
     * check sees what the file holds, not what the task meant to write, without a Spark job of its own.
     *
     * @param footer key-values each file's footer holds after Spark's (the release's provenance), which is then put
     *        in canonical order ({@link ParquetProvenance#canonicaliseFooter}): the same records give the same bytes
     */
    static Written write(
            Dataset<Row> ordered,
            Path out,
            long datasetSeed,
            CompressionCodecName codec,
            List<String> quasiIdentifiers,
            Map<String, String> footer) {
        StructField[] fields = ordered.schema().fields();
        int published = fields.length - 2;
        if (published < 0
                || !fields[published].name().equals(RecordNumbering.HASH)
                || !fields[published].dataType().equals(DataTypes.LongType)
                || !fields[published + 1].name().equals(RecordNumbering.COUNT)
                || !fields[published + 1].dataType().equals(DataTypes.LongType)) {
            throw new IllegalArgumentException("the records to write must end with the hash and the count, as "
                    + "RecordNumbering.ordered leaves them");
        }
        StructType schema = new StructType().add("record_id", DataTypes.StringType, true);
        for (int c = 0; c < published; c++) {
            schema = schema.add(fields[c].name(), fields[c].dataType(), true);
        }
        StructType fileSchema = schema;
        int[] kinds = new int[published];
        for (int c = 0; c < published; c++) {
            kinds[c] = kind(fields[c].name(), fields[c].dataType());
        }
        String root = out.toAbsolutePath().toString();
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(out.toFile());
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + out, e);
        }
        JavaRDD<InternalRow> rows =
                ca.hotlinetrends.spark.InternalRows.of(ordered).toJavaRDD();
        List<String> qis = List.copyOf(quasiIdentifiers);
        Map<String, String> keyValues = new java.util.LinkedHashMap<>(footer);
        List<Part> parts = rows.mapPartitions(it -> List.of(writePartition(
                                it, Path.of(root), fileSchema, kinds, datasetSeed, codec, qis, keyValues))
                        .iterator())
                .collect();
        long total = 0;
        Map<List<String>, Long> classes = new HashMap<>();
        for (Part part : parts) {
            total += part.records();
            part.addTo(classes);
        }
        if (total == 0) {
            Path empty = out.resolve(SparkParquet.fileName("part-00000-c000", codec));
            SparkParquet.write(empty, fileSchema, List.of(), codec, keyValues);
            try {
                ParquetProvenance.canonicaliseFooter(empty);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + empty, e);
            }
        }
        return new Written(total, classes);
    }

    /**
     * How many records of the Parquet file each combination of {@code columns} (text columns, null when absent) has,
     * read from the file column by column: each column's values as its pages hold them (a dictionary's entries are
     * shared, not copied), equal records compared value by value and counted as runs, each run's values decoded to
     * text once.
     */
    static Map<List<String>, Long> classSizes(Path file, List<String> columns) throws IOException {
        Map<List<String>, Long> sizes = new HashMap<>();
        if (columns.isEmpty()) {
            return sizes;
        }
        org.apache.parquet.io.InputFile in = org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), READ_CONF);
        try (org.apache.parquet.hadoop.ParquetFileReader reader = SparkParquet.open(in)) {
            org.apache.parquet.hadoop.metadata.FileMetaData meta =
                    reader.getFooter().getFileMetaData();
            org.apache.parquet.schema.MessageType schema = meta.getSchema();
            int n = columns.size();
            org.apache.parquet.column.ColumnDescriptor[] descriptors =
                    new org.apache.parquet.column.ColumnDescriptor[n];
            int[] present = new int[n];
            for (int i = 0; i < n; i++) {
                String c = columns.get(i);
                if (!schema.containsField(c)) {
                    throw new IllegalArgumentException("the written file has no column " + c);
                }
                org.apache.parquet.column.ColumnDescriptor d = schema.getColumnDescription(new String[] {c});
                if (d.getMaxRepetitionLevel() != 0
                        || d.getPrimitiveType().getPrimitiveTypeName()
                                != org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY) {
                    throw new IllegalArgumentException("the written file's column " + c + " is not a text column");
                }
                descriptors[i] = d;
                present[i] = d.getMaxDefinitionLevel();
            }
            org.apache.parquet.VersionParser.ParsedVersion version;
            try {
                version = org.apache.parquet.VersionParser.parse(meta.getCreatedBy());
            } catch (org.apache.parquet.VersionParser.VersionParseException | RuntimeException e) {
                version = null; // read as a file of an unknown writer
            }
            Binary[] last = null;
            Binary[] current = new Binary[n];
            long run = 0;
            org.apache.parquet.column.ColumnReader[] readers = new org.apache.parquet.column.ColumnReader[n];
            for (org.apache.parquet.column.page.PageReadStore group = reader.readNextRowGroup();
                    group != null;
                    group = reader.readNextRowGroup()) {
                for (int i = 0; i < n; i++) {
                    readers[i] = new org.apache.parquet.column.impl.ColumnReaderImpl(
                            descriptors[i], group.getPageReader(descriptors[i]), NO_CONVERTER, version);
                }
                for (long row = group.getRowCount(); row > 0; row--) {
                    boolean same = last != null;
                    for (int i = 0; i < n; i++) {
                        org.apache.parquet.column.ColumnReader r = readers[i];
                        Binary v = r.getCurrentDefinitionLevel() == present[i] ? r.getBinary() : null;
                        r.consume();
                        current[i] = v;
                        same = same && (v == last[i] || (v != null && v.equals(last[i])));
                    }
                    if (same) {
                        run++;
                        continue;
                    }
                    if (last != null) {
                        sizes.merge(texts(last), run, Long::sum);
                    }
                    Binary[] free = last == null ? new Binary[n] : last;
                    last = current;
                    current = free;
                    run = 1;
                }
            }
            if (last != null) {
                sizes.merge(texts(last), run, Long::sum);
            }
        }
        return sizes;
    }

    /** A record's values as text. */
    private static List<String> texts(Binary[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : values[i].toStringUsingUTF8();
        }
        return java.util.Arrays.asList(out);
    }

    /** Column readers want a converter; values are taken from the readers themselves. */
    private static final org.apache.parquet.io.api.PrimitiveConverter NO_CONVERTER =
            new org.apache.parquet.io.api.PrimitiveConverter() {};

    /** A local file system without checksum files, for reading back. */
    private static final Configuration READ_CONF = SparkParquet.localConf();

    private static Part writePartition(
            Iterator<InternalRow> rows,
            Path root,
            StructType schema,
            int[] kinds,
            long datasetSeed,
            CompressionCodecName codec,
            List<String> qis,
            Map<String, String> footer)
            throws IOException {
        if (!rows.hasNext()) {
            return Part.of(0, Map.of(), qis.size());
        }
        int partition = TaskContext.get().partitionId();
        String name = SparkParquet.fileName(String.format("part-%05d-c000", partition), codec);
        Path target = root.resolve(name);
        Path temporary = root.resolve("." + name + "-" + java.util.UUID.randomUUID());
        int hashAt = kinds.length;
        int countAt = kinds.length + 1;
        // Records arrive sorted by hash; those of one hash (one distinct record, but for a collision or uncounted
        // records) are held until the hash changes, then written in the order of their values.
        Run run = new Run((long) partition << 33, datasetSeed); // as monotonically_increasing_id numbers them
        // record_id is unique: a dictionary would only be built to be dropped.
        try (ParquetWriter<Object[]> w = SparkParquet.writer(
                temporary,
                new SparkParquet.Layout(schema, Set.of("record_id"), footer),
                codec,
                new Configuration(false))) {
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                long hash = r.getLong(hashAt);
                if (!run.holds(hash)) {
                    run.writeTo(w);
                }
                Object[] record = new Object[kinds.length + 1];
                for (int c = 0; c < kinds.length; c++) {
                    record[c + 1] = r.isNullAt(c) ? null : value(r, c, kinds[c]);
                }
                run.add(hash, record, r.getLong(countAt));
            }
            run.writeTo(w);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            ParquetProvenance.canonicaliseFooter(temporary);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Part.of(run.written, classSizes(target, qis), qis.size());
    }

    /** The records of one hash not yet written, each with its count, and the number of the next record. */
    private static final class Run {
        private final long first;
        private final long datasetSeed;
        private final List<Object[]> records = new ArrayList<>();
        private final List<Long> counts = new ArrayList<>();
        private long hash;
        long written;

        Run(long first, long datasetSeed) {
            this.first = first;
            this.datasetSeed = datasetSeed;
        }

        boolean holds(long h) {
            return records.isEmpty() || h == hash;
        }

        void add(long h, Object[] record, long count) {
            hash = h;
            records.add(record);
            counts.add(count);
        }

        /**
         * Writes the held records in the order of their values ({@link #BY_VALUES}: equal records side by side),
         * each as many times as it counts, numbering them. The writer takes each record's values as it is given
         * them, so one array serves every copy.
         */
        void writeTo(ParquetWriter<Object[]> w) throws IOException {
            Integer[] order = new Integer[records.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (order.length > 1) {
                java.util.Arrays.sort(order, (a, b) -> BY_VALUES.compare(records.get(a), records.get(b)));
            }
            for (int i : order) {
                Object[] record = records.get(i);
                for (long copy = counts.get(i); copy > 0; copy--) {
                    record[0] = Binary.fromConstantByteArray(recordIdBytes(first + written, datasetSeed));
                    w.write(record);
                    written++;
                }
            }
            records.clear();
            counts.clear();
        }
    }

    /**
     * A total order of records by their published values (from the second place on; the first is the id): column by
     * column, nulls first, text by its UTF-8 bytes, lists item by item and then by length.
     */
    static final java.util.Comparator<Object[]> BY_VALUES = (a, b) -> {
        for (int c = 1; c < a.length; c++) {
            int byColumn = compareValues(a[c], b[c]);
            if (byColumn != 0) {
                return byColumn;
            }
        }
        return 0;
    };

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Binary x) {
            return java.util.Arrays.compareUnsigned(x.getBytesUnsafe(), ((Binary) b).getBytesUnsafe());
        }
        if (a instanceof Binary[] x) {
            Binary[] y = (Binary[]) b;
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                int byItem = compareValues(x[i], y[i]);
                if (byItem != 0) {
                    return byItem;
                }
            }
            return Integer.compare(x.length, y.length);
        }
        if (a instanceof Boolean x) {
            return Boolean.compare(x, (Boolean) b);
        }
        if (a instanceof Long x) {
            return Long.compare(x, (Long) b);
        }
        if (a instanceof Integer x) {
            return Integer.compare(x, (Integer) b);
        }
        return Double.compare((Double) a, (Double) b);
    }

    private static final int STRING = 0;
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int INT = 3;
    private static final int DOUBLE = 4;
    private static final int STRING_LIST = 5;

    /** How a column's values are read, decided once per column rather than once per value. */
    private static int kind(String name, DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return STRING;
        } else if (type.equals(DataTypes.BooleanType)) {
            return BOOLEAN;
        } else if (type.equals(DataTypes.LongType)) {
            return LONG;
        } else if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.DateType)) {
            return INT;
        } else if (type.equals(DataTypes.DoubleType)) {
            return DOUBLE;
        } else if (type instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
            return STRING_LIST;
        }
        throw new IllegalArgumentException("column " + name + ": no Parquet layout for " + type.simpleString());
    }

    private static Object value(InternalRow r, int c, int kind) {
        return switch (kind) {
            case STRING -> Binary.fromConstantByteArray(r.getUTF8String(c).getBytes());
            case BOOLEAN -> r.getBoolean(c);
            case LONG -> r.getLong(c);
            case INT -> r.getInt(c);
            case DOUBLE -> r.getDouble(c);
            default -> {
                ArrayData items = r.getArray(c);
                Binary[] out = new Binary[items.numElements()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = items.isNullAt(i)
                            ? null
                            : Binary.fromConstantByteArray(
                                    items.getUTF8String(i).getBytes());
                }
                yield out;
            }
        };
    }
}
