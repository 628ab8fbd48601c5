package ca.hotlinetrends.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
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
 * One task's share of the ingest pass, written straight to Parquet as the records come: valid records into
 * {@code _lane=staged/reference_quarter=<Q>/}, one file per quarter the task meets, and rejected records into
 * {@code _lane=quarantined/}, each file holding only the columns its lane uses. That is the layout a Spark write of
 * the pass partitioned by lane and quarter would leave, and each footer carries the schema Spark would record
 * ({@link #SPARK_SCHEMA_KEY}), so Spark reads the files as its own; but no record is copied into a row, sorted by
 * partition or projected on the way.
 *
 * <p>Files are written under hidden names ({@code .part-...}, which readers skip) and renamed when the task has
 * written everything ({@link #commit}), so a failed task leaves no visible file and a retried one replaces its
 * earlier output whole. Values arrive as Parquet values: strings as {@link Binary}, dates as epoch days, lists of
 * strings as {@code Binary[]} (null items allowed). Not thread-safe: one per task.
 */
final class PassFiles implements AutoCloseable {

    /** The footer key under which Spark keeps the schema it wrote. */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    private static final String SPARK_VERSION_KEY = "org.apache.spark.version";
    private static final String QUARANTINE_FOLDER = IngestTransform.LANE + "=" + IngestTransform.QUARANTINE_LANE;
    private static final String STAGED_FOLDER = IngestTransform.LANE + "=" + IngestTransform.STAGED_LANE;

    /** The columns of one lane's files, as Spark types them and as Parquet does. */
    static final class Layout implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final StructType spark;
        private final Set<String> noDictionary;
        private transient MessageType parquet;

        Layout(StructType spark, Set<String> noDictionary) {
            this.spark = spark;
            this.noDictionary = Set.copyOf(noDictionary);
            parquet();
        }

        StructType spark() {
            return spark;
        }

        MessageType parquet() {
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

    private final Path root;
    private final String name;
    private final Layout staged;
    private final Layout quarantined;
    private final CompressionCodecName codec;
    private final Configuration conf = new Configuration(false);
    private final Map<String, Open> stagedByQuarter = new HashMap<>();
    private Open rejected;
    private long stagedRecords;
    private long rejectedRecords;

    /** A file being written: its writer, its hidden name and the name it takes. */
    private record Open(ParquetWriter<Object[]> writer, Path temporary, Path target) {
    }

    /**
     * @param root the pass's output folder
     * @param name the file name every folder gets from this task (unique to the task), e.g. {@code part-00003}
     * @param staged the staged lane's columns (the staged columns but {@code reference_quarter}, then source and
     *     position)
     * @param quarantined the quarantine lane's columns (source, position, the packed rejected record)
     * @param codec the compression, as Spark's session has it
     */
    PassFiles(Path root, String name, Layout staged, Layout quarantined, CompressionCodecName codec) {
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

    /** Opens a file in {@code folder} (as the first staged file of a quarter). */
    private void openAt(Layout layout, Path folder) {
        stagedByQuarter.put("", open(layout, folder));
    }

    private Open open(Layout layout, Path folder) {
        String extension = "." + codec.name().toLowerCase(java.util.Locale.ROOT) + ".parquet";
        Path target = folder.resolve(name + extension);
        Path temporary = folder.resolve("." + name + "-" + java.util.UUID.randomUUID() + extension);
        try {
            Files.createDirectories(folder);
            ParquetWriter.Builder<Object[], ?> b = new Builder(new LocalOutputFile(temporary), layout).withConf(conf)
                    .withCompressionCodec(codec).withWriteMode(ParquetFileWriter.Mode.CREATE).withValidation(false);
            for (String column : layout.noDictionary) {
                b = b.withDictionaryEncoding(column, false);
            }
            return new Open(b.build(), temporary, target);
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
                Files.move(o.temporary(), o.target(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
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

    /** The compression Spark's session writes Parquet with. */
    static CompressionCodecName codec(org.apache.spark.sql.SparkSession spark) {
        String name = spark.conf().get("spark.sql.parquet.compression.codec", "snappy")
                .toUpperCase(java.util.Locale.ROOT);
        return name.equals("NONE") ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.valueOf(name);
    }

    /**
     * Writes {@code folder/part-00000.<codec>.parquet} with no record, in the layout of a Spark schema (strings,
     * booleans, numbers, dates and lists of strings), as a Spark write of an empty Dataset would.
     */
    static void writeEmpty(Path folder, StructType schema, CompressionCodecName codec) {
        try (PassFiles files = new PassFiles(folder, "part-00000", new Layout(schema, Set.of()),
                new Layout(schema, Set.of()), codec)) {
            files.openAt(files.staged, folder);
            files.commit();
        }
    }

    /** The Parquet type Spark writes for a field (its standard, non-legacy layout). */
    private static Type parquetType(StructField f) {
        org.apache.parquet.schema.Type.Repetition repetition = f.nullable() ? Type.Repetition.OPTIONAL
                : Type.Repetition.REQUIRED;
        DataType t = f.dataType();
        if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.primitive(PrimitiveTypeName.BINARY, a.containsNull()
                                    ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED)
                                    .as(LogicalTypeAnnotation.stringType()).named("element"))
                            .named("list"))
                    .named(f.name());
        }
        if (t.equals(DataTypes.StringType)) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
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
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType())
                    .named(f.name());
        }
        throw new IllegalArgumentException("column " + f.name() + ": no Parquet layout for " + t.simpleString());
    }

    /** Builds writers of {@code Object[]} records in a layout. */
    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final Layout layout;

        Builder(OutputFile file, Layout layout) {
            super(file);
            this.layout = layout;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RecordWriteSupport(layout);
        }
    }

    /** Writes one record (values in the layout's order, null for absent) through Parquet's record consumer. */
    private static final class RecordWriteSupport extends WriteSupport<Object[]> {
        private final Layout layout;
        private final String[] names;
        private final int[] kinds;
        private RecordConsumer out;

        private static final int STRING = 0;
        private static final int BOOLEAN = 1;
        private static final int INT = 2;
        private static final int LONG = 3;
        private static final int DOUBLE = 4;
        private static final int LIST = 5;

        RecordWriteSupport(Layout layout) {
            this.layout = layout;
            StructField[] fields = layout.spark.fields();
            this.names = new String[fields.length];
            this.kinds = new int[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                DataType t = fields[i].dataType();
                kinds[i] = t instanceof ArrayType ? LIST : t.equals(DataTypes.StringType) ? STRING
                        : t.equals(DataTypes.BooleanType) ? BOOLEAN
                        : t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DateType) ? INT
                        : t.equals(DataTypes.LongType) ? LONG : DOUBLE;
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION());
            metadata.put(SPARK_SCHEMA_KEY, layout.spark.json());
            return new WriteContext(layout.parquet(), metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public String getName() {
            return "spark";
        }

        @Override
        public void write(Object[] record) {
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
