package ca.hotlinetrends.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.DerivedField;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The pure part of ingest: raw export rows in, validated rows out. No I/O, no actions.
 *
 * <p>Input: one string column per accepted field of the dataset (canonical names), plus {@link #CORRUPT}
 * (set by the reader for malformed rows), {@link #SOURCE} and {@link #POSITION} (the file and the row's order
 * in it, used to keep the first of duplicate references).
 *
 * <p>{@link #validate} runs {@link RecordValidator} on every row and {@link #markDuplicates} quarantines
 * later uses of a key; {@link #staged} and {@link #quarantined} split the result. Every input row comes out
 * of exactly one of the two. Quarantined rows keep their raw values with direct identifiers masked
 * ({@code ***}); valid rows keep only their typed values.
 */
public final class IngestTransform {

    public static final String CORRUPT = "_corrupt_record";
    public static final String SOURCE = "_source";
    public static final String POSITION = "_position";
    public static final String REASON = "_reason";
    public static final String FIELD = "_field";
    private static final String RAW = "raw_";
    private static final String TYPED = "typed_";

    private IngestTransform() {
    }

    /**
     * Validates and types every record (reasons other than {@code DUPLICATE_REF}).
     *
     * @param raw rows as described in the class comment
     * @param schema the dataset's schema
     * @param registry code lists
     * @param runDate the run's date: records dated after it are out of range
     */
    public static Dataset<Row> validate(Dataset<Row> raw, DatasetSchema schema, SchemaRegistry registry,
            LocalDate runDate) {
        RecordValidator validator = new RecordValidator(schema, registry, runDate);
        List<String> fields = validator.fieldNames();
        List<Column> inputs = new ArrayList<>();
        fields.forEach(f -> inputs.add(col(f)));
        inputs.add(col(CORRUPT));
        inputs.add(col(SOURCE));
        inputs.add(col(POSITION));
        StructType out = validatedSchema(schema);
        int stagedCount = schema.stagedColumns().size();
        MapPartitionsFunction<Row, Row> f = rows -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row in = rows.next();
                int n = fields.size();
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.getString(i);
                }
                String corrupt = in.getString(n);
                RecordValidator.Outcome o = validator.validate(values, corrupt != null);
                Object[] row = new Object[4 + stagedCount + n + 1];
                row[0] = in.get(n + 1);
                row[1] = in.get(n + 2);
                row[2] = o.valid() ? null : o.reason().name();
                row[3] = o.field();
                if (o.valid()) {
                    for (int s = 0; s < stagedCount; s++) {
                        Object v = o.staged()[s];
                        row[4 + s] = v instanceof List<?> list
                                ? scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq() : v;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        row[4 + stagedCount + i] = IdentifierPatterns.mask(values[i]);
                    }
                    row[4 + stagedCount + n] = IdentifierPatterns.mask(corrupt);
                }
                return RowFactory.create(row);
            }
        };
        return raw.select(inputs.toArray(Column[]::new)).mapPartitions(f, Encoders.row(out));
    }

    /** The schema {@link #validate} produces. */
    static StructType validatedSchema(DatasetSchema schema) {
        StructType s = new StructType()
                .add(SOURCE, DataTypes.StringType, true)
                .add(POSITION, DataTypes.LongType, false)
                .add(REASON, DataTypes.StringType, true)
                .add(FIELD, DataTypes.StringType, true);
        for (String c : schema.stagedColumns()) {
            s = s.add(TYPED + c, stagedType(schema, c), true);
        }
        for (FieldSpec f : schema.acceptedFields()) {
            s = s.add(RAW + f.name(), DataTypes.StringType, true);
        }
        return s.add(RAW + "record", DataTypes.StringType, true);
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
        DerivedField d = schema.derived().stream().filter(x -> x.name().equals(column)).findFirst().orElseThrow();
        return switch (d.type()) {
            case STRING -> DataTypes.StringType;
            default -> throw new IllegalArgumentException("derived column " + column + " must be a string");
        };
    }

    /**
     * Keys that more than one valid record uses, with the first such record's position: {@code _dup_key,
     * _dup_n, _dup_first}. Small (usually empty); the shell may cache it before {@link #markDuplicates}.
     */
    public static Dataset<Row> repeatedKeys(Dataset<Row> validated, DatasetSchema schema) {
        Column order = struct(col(SOURCE).as("s"), col(POSITION).as("p"));
        return validated.where(col(REASON).isNull())
                .groupBy(col(TYPED + schema.key()).as("_dup_key"))
                .agg(count(lit(1)).as("_dup_n"), min(order).as("_dup_first"))
                .where(col("_dup_n").gt(1));
    }

    /**
     * Quarantines every valid record whose key an earlier valid record (by source file, then position) already
     * used, as {@code DUPLICATE_REF}. Only keys used more than once, usually none, are joined back.
     */
    public static Dataset<Row> markDuplicates(Dataset<Row> validated, Dataset<Row> repeated, DatasetSchema schema) {
        Column key = col(TYPED + schema.key());
        Column order = struct(col(SOURCE).as("s"), col(POSITION).as("p"));
        Dataset<Row> joined = validated.join(broadcast(repeated), key.equalTo(col("_dup_key")), "left");
        Column duplicate = col(REASON).isNull().and(col("_dup_key").isNotNull())
                .and(not(order.equalTo(col("_dup_first"))));
        List<Column> cols = new ArrayList<>();
        for (String name : validated.columns()) {
            if (name.equals(REASON)) {
                cols.add(when(duplicate, lit(QuarantineReason.DUPLICATE_REF.name())).otherwise(col(REASON)).as(REASON));
            } else if (name.equals(FIELD)) {
                cols.add(when(duplicate, lit(schema.key())).otherwise(col(FIELD)).as(FIELD));
            } else if (name.startsWith(RAW) && !name.equals(RAW + "record")) {
                // a duplicate was valid, so its raw values were not kept: keep its typed key for inspection
                String field = name.substring(RAW.length());
                cols.add(field.equals(schema.key())
                        ? when(duplicate, col(TYPED + field)).otherwise(col(name)).as(name) : col(name));
            } else {
                cols.add(col(name));
            }
        }
        return joined.select(cols.toArray(Column[]::new));
    }

    /** Valid records, typed, with exactly the staged columns of the schema. */
    public static Dataset<Row> staged(Dataset<Row> validated, DatasetSchema schema) {
        List<Column> cols = new ArrayList<>();
        for (String c : schema.stagedColumns()) {
            cols.add(col(TYPED + c).as(c));
        }
        return validated.where(col(REASON).isNull()).select(cols.toArray(Column[]::new));
    }

    /** Rejected records: reason, field, source file and position, and every raw value, identifiers masked. */
    public static Dataset<Row> quarantined(Dataset<Row> validated, DatasetSchema schema) {
        List<Column> cols = new ArrayList<>();
        cols.add(col(REASON).as("reason"));
        cols.add(col(FIELD).as("field"));
        cols.add(col(SOURCE).as("source_file"));
        cols.add(col(POSITION).as("record_position"));
        for (FieldSpec f : schema.acceptedFields()) {
            cols.add(col(RAW + f.name()).as(f.name()));
        }
        cols.add(col(RAW + "record").as("raw_record"));
        return validated.where(col(REASON).isNotNull()).select(cols.toArray(Column[]::new));
    }

    /** The reference quarter column of {@link #validate}'s output (null for rejected records). */
    public static Column referenceQuarter() {
        return col(TYPED + "reference_quarter");
    }
}
