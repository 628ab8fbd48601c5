package ca.hotlinetrends.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet files written without Spark, laid out as Spark writes them: the same Parquet types for strings, booleans,
 * integers, longs, doubles, dates and lists of strings (Spark's standard, non-legacy layout), and the footer keys
 * Spark reads its exact schema back from ({@link #SPARK_SCHEMA_KEY}). For small or task-local writes where a Spark
 * job would cost more than the data: the ingest pass's files, published tables, an empty quarantine.
 *
 * <p>Records are {@code Object[]} in the layout's column order, null for absent: strings as {@link Binary}, dates as
 * epoch days ({@code Integer}), lists of strings as {@code Binary[]} (null items allowed).
 */
public final class SparkParquet {

    /** The footer key under which Spark keeps the schema it wrote. */
    public static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private static final String SPARK_VERSION_KEY = "org.apache.spark.version";

    private SparkParquet() {}

    /** The columns of a file, as Spark types them and as Parquet does, and the columns kept out of dictionaries. */
    public static final class Layout implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final StructType spark;
        private final Set<String> noDictionary;
        private final Map<String, String> footer;
        private final boolean statistics;
        private transient MessageType parquet;

        public Layout(StructType spark, Set<String> noDictionary) {
            this(spark, noDictionary, Map.of());
        }

        /** @param footer key-values for the footer besides Spark's (provenance, say), in order */
        public Layout(StructType spark, Set<String> noDictionary, Map<String, String> footer) {
            this(spark, noDictionary, footer, true);
        }

        private Layout(StructType spark, Set<String> noDictionary, Map<String, String> footer, boolean statistics) {
            this.spark = spark;
            this.noDictionary = Set.copyOf(noDictionary);
            this.footer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(footer));
            this.statistics = statistics;
            parquet();
        }

        /**
         * This layout, its files written without column statistics (min, max, sizes, page indexes): for files that
         * are only ever read whole (the staged data), where each value's comparisons are work no reader uses.
         */
        public Layout withoutStatistics() {
            return new Layout(spark, noDictionary, footer, false);
        }

        public StructType spark() {
            return spark;
        }

        public MessageType parquet() {
            if (parquet == null) {
                List<Type> fields = new ArrayList<>();
                for (StructField f : spark.fields()) {
                    fields.add(parquetType(f));
                }
                parquet = new MessageType("spark_schema", fields);
            }
            return parquet;
        }
    }

    /**
     * A Hadoop configuration for reading and copying local Parquet files outside Spark, shared (making one reads
     * Hadoop's default files again; it is only read): the raw local file system, so no checksum is computed over
     * every byte and no {@code .crc} file is written only to be deleted, with permissions set without a process
     * ({@link NioLocalFileSystem}).
     */
    public static Configuration localConf() {
        return LOCAL;
    }

    private static final Configuration LOCAL = rawLocal();

    /** Read options over {@link #localConf}: without them, every reader opened makes a configuration of its own. */
    private static final org.apache.parquet.ParquetReadOptions READ_OPTIONS =
            org.apache.parquet.HadoopReadOptions.builder(LOCAL).build();

    /**
     * Opens a Parquet file's reader with the shared configuration. {@code ParquetFileReader.open(file)} makes a new
     * Hadoop configuration, which parses Hadoop's default files again, for every file opened.
     */
    public static org.apache.parquet.hadoop.ParquetFileReader open(org.apache.parquet.io.InputFile file)
            throws java.io.IOException {
        return org.apache.parquet.hadoop.ParquetFileReader.open(file, READ_OPTIONS);
    }

    private static Configuration rawLocal() {
        Configuration c = new Configuration();
        c.set("fs.file.impl", NioLocalFileSystem.Raw.class.getName());
        c.setBoolean("fs.file.impl.disable.cache", true);
        return c;
    }

    /** The compression Spark's session writes Parquet with. */
    public static CompressionCodecName codec(org.apache.spark.sql.SparkSession spark) {
        String name = spark.conf()
                .get("spark.sql.parquet.compression.codec", "snappy")
                .toUpperCase(java.util.Locale.ROOT);
        return name.equals("NONE") ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.valueOf(name);
    }

    /** A file name as Spark gives it for this compression: {@code <base>.zstd.parquet}, say. */
    public static String fileName(String base, CompressionCodecName codec) {
        return base + "." + codec.name().toLowerCase(java.util.Locale.ROOT) + ".parquet";
    }

    /**
     * A writer of {@code file} (which must not exist) in a layout.
     *
     * @param conf shared by the writers of a task (making a Hadoop configuration per file is slow)
     */
    public static ParquetWriter<Object[]> writer(
            Path file, Layout layout, CompressionCodecName codec, Configuration conf) throws IOException {
        return writer(file, layout, codec, conf, Feed.COLUMNS_WHERE_REACHED, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    /**
     * How a writer hands each record's values to Parquet's column writers. Both give the same bytes
     * (SparkParquetFeedTest): a record's values go to each column's writer with the levels Parquet's record consumer
     * would send them (a present value at the column's full definition level, an absent one at level 0, a list's
     * items one by one), then the end of the record, without the consumer's bookkeeping per field (about a quarter
     * of the time a file takes to write). The consumer holds back the absent values of lists and sends them before
     * the same column's next list or before the column store next checks its pages' sizes, so the pages hold the
     * same values in the same order either way.
     */
    enum Feed {
        /** Through Parquet's record consumer. */
        RECORD_CONSUMER,
        /** Straight to the column writers when the record consumer's column store can be reached; through it otherwise. */
        COLUMNS_WHERE_REACHED,
        /** As above, failing when the column store cannot be reached (tests: a Parquet upgrade would show here). */
        COLUMNS_ONLY
    }

    static ParquetWriter<Object[]> writer(
            Path file, Layout layout, CompressionCodecName codec, Configuration conf, Feed feed, long rowGroupSize)
            throws IOException {
        ParquetWriter.Builder<Object[], ?> b = new Builder(new LocalOutputFile(file), layout, feed)
                .withRowGroupSize(rowGroupSize)
                .withConf(conf)
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withValidation(false);
        for (String column : layout.noDictionary) {
            b = b.withDictionaryEncoding(column, false);
        }
        if (!layout.statistics) {
            b = b.withStatisticsEnabled(false).withSizeStatisticsEnabled(false);
        }
        return b.build();
    }

    /**
     * Writes {@code file} whole with these rows (plain Java values: strings, booleans, integers, longs, doubles),
     * by way of a hidden file renamed when complete.
     */
    public static void write(Path file, StructType schema, List<Object[]> rows, CompressionCodecName codec) {
        write(file, schema, rows, codec, Map.of());
    }

    /** As above, with these key-values in the footer after Spark's. */
    public static void write(
            Path file, StructType schema, List<Object[]> rows, CompressionCodecName codec, Map<String, String> footer) {
        Path temporary = file.resolveSibling("." + file.getFileName() + "-" + java.util.UUID.randomUUID());
        try {
            Files.createDirectories(file.getParent());
            try (ParquetWriter<Object[]> w =
                    writer(temporary, new Layout(schema, Set.of(), footer), codec, new Configuration(false))) {
                Object[] record = new Object[schema.size()];
                for (Object[] row : rows) {
                    for (int i = 0; i < record.length; i++) {
                        record[i] = row[i] instanceof String text ? Binary.fromString(text) : row[i];
                    }
                    w.write(record);
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a hidden file, which readers skip
            }
        }
    }

    /** The Parquet type Spark writes for a field (its standard, non-legacy layout). */
    static Type parquetType(StructField f) {
        org.apache.parquet.schema.Type.Repetition repetition =
                f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        DataType t = f.dataType();
        if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
            return Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.primitive(
                                            PrimitiveTypeName.BINARY,
                                            a.containsNull() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED)
                                    .as(LogicalTypeAnnotation.stringType())
                                    .named("element"))
                            .named("list"))
                    .named(f.name());
        }
        if (t.equals(DataTypes.StringType)) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(f.name());
        } else if (t.equals(DataTypes.BooleanType)) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(f.name());
        } else if (t.equals(DataTypes.IntegerType)) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).named(f.name());
        } else if (t.equals(DataTypes.LongType)) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).named(f.name());
        } else if (t.equals(DataTypes.DoubleType)) {
            return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(f.name());
        } else if (t.equals(DataTypes.DateType)) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(f.name());
        }
        throw new IllegalArgumentException("column " + f.name() + ": no Parquet layout for " + t.simpleString());
    }

    /** Builds writers of {@code Object[]} records in a layout. */
    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final Layout layout;
        private final Feed feed;

        Builder(OutputFile file, Layout layout, Feed feed) {
            super(file);
            this.layout = layout;
            this.feed = feed;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RecordWriteSupport(layout, feed);
        }
    }

    /**
     * Writes one record (values in the layout's order, null for absent) through Parquet's record consumer, or straight
     * to the column writers behind it ({@link Feed}).
     */
    private static final class RecordWriteSupport extends WriteSupport<Object[]> {
        private final Layout layout;
        private final Feed feed;
        private final String[] names;
        private final int[] kinds;
        private RecordConsumer out;
        /** The column store behind the record consumer, when records go straight to its column writers. */
        private org.apache.parquet.column.ColumnWriteStore store;
        /** Each column's writer in that store (in the layout's order), when records go straight to them. */
        private org.apache.parquet.column.ColumnWriter[] columns;
        /** Each column's definition level of a present value (its full level). */
        private int[] present;
        /** For a list column, the definition level of an empty list. */
        private int[] listed;

        private static final int STRING = 0;
        private static final int BOOLEAN = 1;
        private static final int INT = 2;
        private static final int LONG = 3;
        private static final int DOUBLE = 4;
        private static final int LIST = 5;

        RecordWriteSupport(Layout layout, Feed feed) {
            this.layout = layout;
            this.feed = feed;
            StructField[] fields = layout.spark.fields();
            this.names = new String[fields.length];
            this.kinds = new int[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                DataType t = fields[i].dataType();
                kinds[i] = t instanceof ArrayType
                        ? LIST
                        : t.equals(DataTypes.StringType)
                                ? STRING
                                : t.equals(DataTypes.BooleanType)
                                        ? BOOLEAN
                                        : t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DateType)
                                                ? INT
                                                : t.equals(DataTypes.LongType) ? LONG : DOUBLE;
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION());
            metadata.put(SPARK_SCHEMA_KEY, layout.spark.json());
            metadata.putAll(layout.footer);
            return new WriteContext(layout.parquet(), metadata);
        }

        /** Called again for each row group, with a new consumer over a new column store. */
        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
            this.store = null;
            this.columns = null;
            if (feed == Feed.RECORD_CONSUMER) {
                return;
            }
            org.apache.parquet.column.ColumnWriteStore reached = columnStore(recordConsumer);
            if (reached == null) {
                if (feed == Feed.COLUMNS_ONLY) {
                    throw new IllegalStateException("the column store behind Parquet's record consumer ("
                            + recordConsumer.getClass().getName() + ") cannot be reached");
                }
                return;
            }
            List<org.apache.parquet.column.ColumnDescriptor> descriptors =
                    layout.parquet().getColumns();
            columns = new org.apache.parquet.column.ColumnWriter[names.length];
            present = new int[names.length];
            listed = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                org.apache.parquet.column.ColumnDescriptor d = descriptors.get(i);
                columns[i] = reached.getColumnWriter(d);
                present[i] = d.getMaxDefinitionLevel();
                // A list's levels: absent 0; empty, the list's own level (1 when it may be absent); an absent item one
                // more; a present item the column's full level.
                listed[i] = layout.spark.fields()[i].nullable() ? 1 : 0;
                if (columns[i] == null) {
                    columns = null;
                    if (feed == Feed.COLUMNS_ONLY) {
                        throw new IllegalStateException("the column store has no writer for column " + names[i]);
                    }
                    return;
                }
            }
            store = reached;
        }

        /**
         * The column store Parquet's record consumer writes to (its {@code columns} field; Parquet offers no other
         * way to it), or null when that consumer is not the one this version of Parquet is known to make.
         */
        private static org.apache.parquet.column.ColumnWriteStore columnStore(RecordConsumer consumer) {
            if (!consumer.getClass()
                    .getName()
                    .equals("org.apache.parquet.io.MessageColumnIO$MessageColumnIORecordConsumer")) {
                return null;
            }
            try {
                java.lang.reflect.Field f = consumer.getClass().getDeclaredField("columns");
                f.setAccessible(true);
                return f.get(consumer) instanceof org.apache.parquet.column.ColumnWriteStore s ? s : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public String getName() {
            return "spark";
        }

        @Override
        public void write(Object[] record) {
            if (store != null) {
                // As the record consumer sends a flat record: each value at repetition level 0, a present one at its
                // column's full definition level, an absent one at 0; then the end of the record (page size checks).
                for (int i = 0; i < names.length; i++) {
                    Object v = record[i];
                    org.apache.parquet.column.ColumnWriter c = columns[i];
                    if (v == null) {
                        c.writeNull(0, 0);
                        continue;
                    }
                    switch (kinds[i]) {
                        case STRING -> c.write((Binary) v, 0, present[i]);
                        case BOOLEAN -> c.write((Boolean) v, 0, present[i]);
                        case INT -> c.write((Integer) v, 0, present[i]);
                        case LONG -> c.write((Long) v, 0, present[i]);
                        case DOUBLE -> c.write((Double) v, 0, present[i]);
                        default -> {
                            Binary[] items = (Binary[]) v;
                            if (items.length == 0) {
                                c.writeNull(0, listed[i]);
                            }
                            for (int k = 0; k < items.length; k++) {
                                // The first item starts the record's list (repetition level 0), the others repeat it.
                                int r = k == 0 ? 0 : 1;
                                if (items[k] == null) {
                                    c.writeNull(r, listed[i] + 1);
                                } else {
                                    c.write(items[k], r, present[i]);
                                }
                            }
                        }
                    }
                }
                store.endRecord();
                return;
            }
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object v = record[i];
                if (v == null) {
                    continue;
                }
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> out.addBinary((Binary) v);
                    case BOOLEAN -> out.addBoolean((Boolean) v);
                    case INT -> out.addInteger((Integer) v);
                    case LONG -> out.addLong((Long) v);
                    case DOUBLE -> out.addDouble((Double) v);
                    default -> {
                        Binary[] items = (Binary[]) v;
                        out.startGroup();
                        if (items.length > 0) {
                            out.startField("list", 0);
                            for (Binary item : items) {
                                out.startGroup();
                                if (item != null) {
                                    out.startField("element", 0);
                                    out.addBinary(item);
                                    out.endField("element", 0);
                                }
                                out.endGroup();
                            }
                            out.endField("list", 0);
                        }
                        out.endGroup();
                    }
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }
    }
}
