package ca.hotlinetrends.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.DerivedField;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The transformations of ingest: raw export records in, validated records out. The one exception to the house rule of
 * pure transformations is {@link #pass}, whose tasks write what they validate themselves ({@link PassFiles}): the pass
 * is the costliest step of the whole pipeline, and letting Spark write it would copy every record into a row, sort
 * the rows by lane and quarter and copy them again before Parquet sees them. Everything else here is pure.
 *
 * <p>Input ({@link ExportReader.Export}): CSV pieces ({@link CsvPiece}), and for other formats one string column per
 * accepted field of the dataset (canonical names) plus {@link #CORRUPT} (set by the reader for malformed rows),
 * {@link #SOURCE} (the index of the row's file among the inputs) and {@link #POSITION} (the row's order in it; for CSV,
 * its piece and line, {@link CsvPiece#position}). Source and position decide which of duplicate references is first.
 *
 * <p>{@link #pass} runs {@link RecordValidator} on every record and writes it once, partitioned by lane
 * ({@link #LANE}) and, for valid records, quarter: the staged lane holds the staged columns under their own names
 * (typed), {@code _source} and {@code _position}; the quarantine lane holds {@code _source}, {@code _position} and
 * {@link #REJECTED} (the reason, the field at fault and every raw value, direct identifiers masked {@code ***}).
 * Read back with {@link #validatedSchema}, a lane's absent columns are null. The shell then keeps only the staged
 * columns of the staged lane ({@link #stagedFileColumns}). {@link #duplicates} and {@link #firstUses} split the valid
 * records whose key is used more than once, and {@link #quarantined} gives rejected records the quarantine's shape.
 * Every input record comes out exactly once, staged or quarantined.
 */
public final class IngestTransform {

    public static final String CORRUPT = "_corrupt_record";
    public static final String SOURCE = "_source";
    public static final String POSITION = "_position";
    /** A rejected record, packed: reason, field at fault, each raw value (masked) and the raw record (masked). */
    public static final String REJECTED = "_rejected";
    /** The partition column that separates staged from rejected records. */
    public static final String LANE = "_lane";

    public static final String STAGED_LANE = "staged";
    public static final String QUARANTINE_LANE = "quarantined";
    /** The column staged data is partitioned by. */
    public static final String PARTITION = "reference_quarter";

    private IngestTransform() {}

    /**
     * The one pass over an export, lazily: every record validated (reasons other than {@code DUPLICATE_REF}), typed
     * and written once, by the task that parses it, into {@code out} in the layout the class comment describes (see
     * {@link PassFiles}). Records never pass through Spark's rows: CSV pieces are parsed by the tasks themselves and
     * other formats are taken in Spark's internal form. Each task gives {staged records, rejected records}.
     *
     * @param spark the session the export was read with
     * @param raw the export as read
     * @param schema the dataset's schema
     * @param registry code lists
     * @param runDate the run's date: records dated after it are out of range
     * @param keyHashes a registered accumulator that receives the hashes of the valid records' keys as the records are
     *     written (see {@link KeyHashes} for what it holds)
     * @param pieceReports a registered accumulator that receives, for each CSV piece read to its end, {source, piece,
     *     line feeds, 0}, or {source, piece, 0, 1} when the piece turned out unusual ({@link CsvPiece.Listener})
     * @param out the pass's output folder (local)
     */
    public static JavaRDD<long[]> pass(
            SparkSession spark,
            ExportReader.Export raw,
            DatasetSchema schema,
            SchemaRegistry registry,
            LocalDate runDate,
            KeyHashes keyHashes,
            org.apache.spark.util.CollectionAccumulator<long[]> pieceReports,
            java.nio.file.Path out) {
        LaneRows lanes = new LaneRows(schema, registry, runDate);
        int fieldCount = lanes.fieldNames().size();
        String root = out.toAbsolutePath().toString();
        org.apache.parquet.hadoop.metadata.CompressionCodecName codec =
                ca.hotlinetrends.warehouse.SparkParquet.codec(spark);
        RDD<InternalRow> others = null;
        if (raw.others() != null) {
            List<Column> inputs = new ArrayList<>();
            lanes.fieldNames().forEach(f -> inputs.add(col(f)));
            inputs.add(col(CORRUPT));
            inputs.add(col(SOURCE));
            inputs.add(col(POSITION));
            Dataset<Row> selected = raw.others().select(inputs.toArray(Column[]::new));
            others = ca.hotlinetrends.spark.InternalRows.of(selected);
        }
        int tasks = raw.csvPieces().size() + (others == null ? 0 : others.getNumPartitions());
        int hashLimit = (int) (keyHashes.maxHashes() / Math.max(1, tasks));
        JavaRDD<long[]> written = null;
        if (!raw.csvPieces().isEmpty()) {
            written = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(raw.csvPieces(), raw.csvPieces().size())
                    .mapPartitions(pieces -> writeTask(
                            lanes,
                            hashLimit,
                            keyHashes,
                            root,
                            codec,
                            (writer, files) -> csvRecords(pieces, writer, files, fieldCount, pieceReports)));
        }
        if (others != null) {
            int offset = raw.csvPieces().size();
            JavaRDD<long[]> typed = others.toJavaRDD()
                    .mapPartitions(
                            in -> writeTask(
                                    lanes,
                                    hashLimit,
                                    keyHashes,
                                    root,
                                    codec,
                                    (writer, files) -> internalRecords(in, writer, files, fieldCount)),
                            false);
            written = written == null ? typed : written.union(typed);
        }
        if (written == null) { // only CSV files with a header and no record
            return JavaSparkContext.fromSparkContext(spark.sparkContext()).emptyRDD();
        }
        return written;
    }

    /** One task's records, written by {@code records} into its own files. */
    private interface TaskRecords {
        void write(LaneRows.Writer writer, PassFiles files);
    }

    /** Runs a task's share of the pass: its files committed, its key hashes sent, its counts returned. */
    private static Iterator<long[]> writeTask(
            LaneRows lanes,
            int hashLimit,
            KeyHashes keyHashes,
            String root,
            org.apache.parquet.hadoop.metadata.CompressionCodecName codec,
            TaskRecords records) {
        TaskContext task = TaskContext.get();
        String name = String.format("part-%05d", task == null ? 0 : task.partitionId());
        LaneRows.Writer writer = lanes.writer(hashLimit);
        try (PassFiles files = new PassFiles(
                java.nio.file.Path.of(root), name, lanes.stagedLayout(), lanes.quarantineLayout(), codec)) {
            records.write(writer, files);
            long[] counts = files.commit();
            keyHashes.add(writer.keyHashes());
            return List.of(counts).iterator();
        }
    }

    /** Parses a task's CSV pieces and writes their records. */
    private static void csvRecords(
            Iterator<CsvPiece> pieces,
            LaneRows.Writer writer,
            PassFiles files,
            int fieldCount,
            org.apache.spark.util.CollectionAccumulator<long[]> reports) {
        CsvPiece.Listener listener = new CsvPiece.Listener() {
            @Override
            public void finished(CsvPiece piece, long lineFeeds) {
                reports.add(new long[] {piece.source(), piece.index(), lineFeeds, 0});
            }

            @Override
            public void unusual(CsvPiece piece) {
                reports.add(new long[] {piece.source(), piece.index(), 0, 1});
            }
        };
        while (pieces.hasNext()) {
            CsvPiece piece = pieces.next();
            List<Runnable> closers = new ArrayList<>();
            try {
                Iterator<CsvPiece.Raw> records = piece.records(fieldCount, closers::add, listener);
                while (records.hasNext()) {
                    CsvPiece.Raw r = records.next();
                    writer.write(r.values(), r.corrupt(), piece.source(), r.position(), files);
                }
            } finally {
                closers.forEach(Runnable::run);
            }
        }
    }

    /** Writes rows read by Spark (string fields, corrupt record, source, position). */
    private static void internalRecords(
            Iterator<InternalRow> in, LaneRows.Writer writer, PassFiles files, int fieldCount) {
        while (in.hasNext()) {
            InternalRow r = in.next();
            String[] values = new String[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                values[i] = r.isNullAt(i) ? null : r.getUTF8String(i).toString();
            }
            String corrupt =
                    r.isNullAt(fieldCount) ? null : r.getUTF8String(fieldCount).toString();
            writer.write(values, corrupt, r.getInt(fieldCount + 1), r.getLong(fieldCount + 2), files);
        }
    }

    /** The pass's layout as a whole: its two lanes' columns, the lane and the quarter ({@link #pass}). */
    static StructType validatedSchema(DatasetSchema schema) {
        StructType s = new StructType();
        for (String c : schema.stagedColumns()) {
            s = s.add(c, stagedType(schema, c), true);
        }
        return s.add(SOURCE, DataTypes.IntegerType, false)
                .add(POSITION, DataTypes.LongType, false)
                .add(REJECTED, DataTypes.createArrayType(DataTypes.StringType, true), true)
                .add(LANE, DataTypes.StringType, false);
    }

    private static DataType stagedType(DatasetSchema schema, String column) {
        if (schema.hasField(column)) {
            return switch (schema.field(column).type()) {
                case STRING -> DataTypes.StringType;
                case BOOLEAN -> DataTypes.BooleanType;
                case STRING_LIST -> DataTypes.createArrayType(DataTypes.StringType, false);
                case LONG -> DataTypes.LongType;
                case DOUBLE -> DataTypes.DoubleType;
                case DATE -> DataTypes.DateType;
            };
        }
        DerivedField d = schema.derived().stream()
                .filter(x -> x.name().equals(column))
                .findFirst()
                .orElseThrow();
        return switch (d.type()) {
            case STRING -> DataTypes.StringType;
            default -> throw new IllegalArgumentException("derived column " + column + " must be a string");
        };
    }

    /** The staged columns that hold references (strings with no code list: nearly every value distinct). */
    public static List<String> referenceColumns(DatasetSchema schema) {
        return schema.stagedColumns().stream()
                .filter(schema::hasField)
                .filter(c -> schema.field(c).type() == ca.hotlinetrends.schema.FieldType.STRING
                        && schema.field(c).codeList().isEmpty())
                .toList();
    }

    /** The columns a staged file holds: the staged columns but the partition column {@code reference_quarter}. */
    public static List<String> stagedFileColumns(DatasetSchema schema) {
        return schema.stagedColumns().stream().filter(c -> !c.equals(PARTITION)).toList();
    }

    /**
     * The 64-bit hashes ({@code xxhash64}) of keys that more than one staged-lane record has: {@code _dup_hash}. A
     * fixed-width aggregate, far cheaper than one over the keys themselves; usually empty. A hash collision only adds a
     * candidate, which {@link #repeatedKeys} drops.
     */
    public static Dataset<Row> repeatedHashes(Dataset<Row> stagedLane, DatasetSchema schema) {
        return stagedLane
                .groupBy(xxhash64(col(schema.key())).as("_dup_hash"))
                .agg(count(lit(1)).as("_n"))
                .where(col("_n").gt(1))
                .select(col("_dup_hash"));
    }

    /**
     * Keys that more than one staged-lane record uses, with the first such record's position: {@code _dup_key,
     * _dup_n, _dup_first}. Only records whose key hash is among {@code hashes} ({@link #repeatedHashes}) are grouped.
     */
    public static Dataset<Row> repeatedKeys(Dataset<Row> stagedLane, Dataset<Row> hashes, DatasetSchema schema) {
        return stagedLane
                .join(broadcast(hashes), xxhash64(col(schema.key())).equalTo(col("_dup_hash")), "left_semi")
                .groupBy(col(schema.key()).as("_dup_key"))
                .agg(count(lit(1)).as("_dup_n"), min(order()).as("_dup_first"))
                .where(col("_dup_n").gt(1));
    }

    private static Column order() {
        return struct(col(SOURCE).as("s"), col(POSITION).as("p"));
    }

    /** True for a staged-lane row joined to {@link #repeatedKeys} whose key an earlier record already used. */
    private static Column laterUse() {
        return col("_dup_key").isNotNull().and(not(order().equalTo(col("_dup_first"))));
    }

    /**
     * The staged-lane records whose key an earlier valid record (by source file, then position) already used, turned
     * into rejected records ({@code DUPLICATE_REF}; of the raw values only the key is kept, for inspection), in the
     * layout of {@link #pass}.
     */
    public static Dataset<Row> duplicates(Dataset<Row> stagedLane, Dataset<Row> repeated, DatasetSchema schema) {
        Dataset<Row> joined = stagedLane
                .join(broadcast(repeated), col(schema.key()).equalTo(col("_dup_key")), "left")
                .where(laterUse());
        List<FieldSpec> accepted = schema.acceptedFields();
        List<Column> packed = new ArrayList<>();
        packed.add(lit(QuarantineReason.DUPLICATE_REF.name()));
        packed.add(lit(schema.key()));
        for (FieldSpec f : accepted) {
            packed.add(
                    f.name().equals(schema.key())
                            ? col(schema.key())
                            : lit(null).cast(DataTypes.StringType));
        }
        packed.add(lit(null).cast(DataTypes.StringType));
        List<Column> cols = new ArrayList<>();
        for (String name : stagedLane.columns()) {
            if (name.equals(REJECTED)) {
                cols.add(array(packed.toArray(Column[]::new)).as(REJECTED));
            } else if (name.equals(LANE)) {
                cols.add(lit(QUARANTINE_LANE).as(LANE));
            } else {
                cols.add(col("`" + name + "`"));
            }
        }
        return joined.select(cols.toArray(Column[]::new));
    }

    /** The staged-lane records that are not {@link #duplicates}: every key once, at its first use. */
    public static Dataset<Row> firstUses(Dataset<Row> stagedLane, Dataset<Row> repeated, DatasetSchema schema) {
        return stagedLane
                .join(broadcast(repeated), col(schema.key()).equalTo(col("_dup_key")), "left")
                .where(not(laterUse()))
                .select(Arrays.stream(stagedLane.columns())
                        .map(c -> col("`" + c + "`"))
                        .toArray(Column[]::new));
    }

    /** The quarter of a quarantined record whose date is no calendar date of the hotline's years (see {@link #quarterOfRejected}). */
    public static final String NO_QUARTER = "none";

    /**
     * The quarter ({@code YYYYQn}) of a quarantined record, from the raw value of the dataset's date field: its
     * quarter when that value is a strict ISO calendar date from {@code validFrom} to {@code runDate}, else
     * {@link #NO_QUARTER} (missing, malformed, masked or out of range; and for every {@code DUPLICATE_REF}, which the
     * quarantine keeps as its reference alone), so that no stray date becomes a group of its own.
     *
     * @param dateField the dataset's date field, a column of {@link #quarantined} (raw string, identifiers masked)
     */
    public static Column quarterOfRejected(String dateField, LocalDate validFrom, LocalDate runDate) {
        Column raw = functions.trim(col(dateField));
        Column date = functions.try_to_date(raw, "yyyy-MM-dd");
        Column valid = raw.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
                .and(date.isNotNull())
                .and(date.geq(lit(java.sql.Date.valueOf(validFrom))))
                .and(date.leq(lit(java.sql.Date.valueOf(runDate))));
        return functions
                .when(
                        valid,
                        functions.concat(
                                functions.year(date).cast(DataTypes.StringType),
                                lit("Q"),
                                functions.quarter(date).cast(DataTypes.StringType)))
                .otherwise(lit(NO_QUARTER));
    }

    /** The columns of {@link #quarantined}, all nullable. */
    public static StructType quarantineSchema(DatasetSchema schema) {
        StructType s = new StructType()
                .add("reason", DataTypes.StringType)
                .add("field", DataTypes.StringType)
                .add("source_file", DataTypes.StringType)
                .add("record_position", DataTypes.LongType);
        for (FieldSpec f : schema.acceptedFields()) {
            s = s.add(f.name(), DataTypes.StringType);
        }
        return s.add("raw_record", DataTypes.StringType);
    }

    /**
     * Rejected records in the layout of {@link #pass} as the quarantine keeps them: reason, field, source file
     * (its name, from {@code sources}, the input files in {@code _source} order) and position, and every raw value,
     * identifiers masked. A CSV record's position is its line in the file, from the first line of each of the file's
     * pieces ({@code firstLines}, by source; see {@link CsvPiece#position}); other formats keep their order number.
     */
    public static Dataset<Row> quarantined(
            Dataset<Row> rejected,
            DatasetSchema schema,
            List<String> sources,
            SparkSession spark,
            java.util.Map<Integer, long[]> firstLines) {
        List<Row> pieces = new ArrayList<>();
        firstLines.forEach((source, lines) -> {
            for (int p = 0; p < lines.length; p++) {
                pieces.add(org.apache.spark.sql.RowFactory.create(source, (long) p, lines[p]));
            }
        });
        Dataset<Row> pieceLines = spark.createDataFrame(
                pieces,
                new StructType()
                        .add("_q_source", DataTypes.IntegerType, false)
                        .add("_q_piece", DataTypes.LongType, false)
                        .add("_q_first", DataTypes.LongType, false));
        Column piece = functions.shiftrightunsigned(col(POSITION), CsvPiece.LINE_BITS);
        Dataset<Row> placed = rejected.join(
                broadcast(pieceLines),
                col(SOURCE).equalTo(col("_q_source")).and(piece.equalTo(col("_q_piece"))),
                "left");
        Column line = col("_q_first")
                .plus(col(POSITION).bitwiseAND(lit((1L << CsvPiece.LINE_BITS) - 1)))
                .minus(lit(1L));
        Column packed = col(REJECTED);
        List<Column> cols = new ArrayList<>();
        cols.add(packed.getItem(0).as("reason"));
        cols.add(packed.getItem(1).as("field"));
        cols.add(element_at(
                        array(sources.stream().map(functions::lit).toArray(Column[]::new)),
                        col(SOURCE).plus(1))
                .as("source_file"));
        cols.add(functions
                .when(col("_q_first").isNotNull(), line)
                .otherwise(col(POSITION))
                .as("record_position"));
        List<FieldSpec> accepted = schema.acceptedFields();
        for (int i = 0; i < accepted.size(); i++) {
            cols.add(packed.getItem(2 + i).as(accepted.get(i).name()));
        }
        cols.add(packed.getItem(2 + accepted.size()).as("raw_record"));
        return placed.select(cols.toArray(Column[]::new));
    }
}
