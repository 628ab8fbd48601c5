package ca.hotlinetrends.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.DerivedField;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The pure part of ingest: raw export rows in, validated rows out. No I/O, no actions.
 *
 * <p>Input: one string column per accepted field of the dataset (canonical names), plus
 * {@link #CORRUPT} (set by the reader for malformed rows), {@link #SOURCE} and {@link #POSITION} (the
 * file and the row's order in it, used to keep the first of duplicate references).
 *
 * <p>{@link #validate} adds {@link #REASON} and {@link #FIELD} (null for a valid record) and the typed
 * staged columns under {@code typed_} names; {@link #staged} and {@link #quarantined} split the result.
 * Every input row comes out of exactly one of the two.
 */
public final class IngestTransform {

    public static final String CORRUPT = "_corrupt_record";
    public static final String SOURCE = "_source";
    public static final String POSITION = "_position";
    public static final String REASON = "_reason";
    public static final String FIELD = "_field";
    private static final String TYPED = "typed_";
    private static final String REF_PATTERN = "^[A-Za-z0-9_.:-]{1,64}$";
    private static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

    private IngestTransform() {
    }

    /**
     * Types, normalises and checks every record.
     *
     * @param raw rows as described in the class comment
     * @param schema the dataset's schema
     * @param registry code lists
     * @param runDate the run's date: records dated after it are out of range
     */
    public static Dataset<Row> validate(Dataset<Row> raw, DatasetSchema schema, SchemaRegistry registry,
            LocalDate runDate) {
        List<FieldSpec> fields = schema.acceptedFields();
        Dataset<Row> df = raw;
        List<Column> encoding = new ArrayList<>();
        List<Column> identifier = new ArrayList<>();
        List<Column> missing = new ArrayList<>();
        List<Column> badType = new ArrayList<>();
        List<Column> unknown = new ArrayList<>();
        for (FieldSpec f : fields) {
            Column value = trim(col(f.name()));
            Column empty = value.isNull().or(value.equalTo(""));
            encoding.add(when(col(f.name()).contains("\uFFFD"), lit(f.name())));
            identifier.add(when(col(f.name()).rlike(IdentifierPatterns.ANY), lit(f.name())));
            if (!f.nullable()) {
                missing.add(when(empty, lit(f.name())));
            }
            Column typed;
            switch (f.type()) {
                case DATE -> {
                    Column parsed = to_date(try_to_timestamp(value, lit("yyyy-MM-dd")));
                    typed = when(value.rlike(DATE_PATTERN), parsed);
                    badType.add(when(not(empty).and(typed.isNull()), lit(f.name())));
                }
                case BOOLEAN, STRING -> {
                    if (f.codeList().isPresent()) {
                        Column code = try_element_at(spellings(registry.codeList(f.codes())), lower(value));
                        typed = f.type() == FieldType.BOOLEAN ? code.cast("boolean") : code;
                        List<Column> target = f.type() == FieldType.BOOLEAN ? badType : unknown;
                        target.add(when(not(empty).and(code.isNull()), lit(f.name())));
                    } else {
                        typed = when(empty, lit(null).cast("string")).otherwise(value);
                        badType.add(when(not(empty).and(not(value.rlike(REF_PATTERN))), lit(f.name())));
                    }
                }
                case STRING_LIST -> {
                    String map = sqlMap(registry.codeList(f.codes()));
                    typed = when(empty, lit(null)).otherwise(expr("array_sort(array_distinct(transform(split(trim(`"
                            + f.name() + "`), '\\\\|'), x -> try_element_at(" + map + ", lower(trim(x))))))"));
                    unknown.add(when(not(empty).and(expr("exists(transform(split(trim(`" + f.name()
                            + "`), '\\\\|'), x -> try_element_at(" + map + ", lower(trim(x)))), y -> y is null)")),
                            lit(f.name())));
                }
                default -> throw new IllegalArgumentException("field " + f.name() + " has unsupported type " + f.type());
            }
            df = df.withColumn(TYPED + f.name(), typed);
        }
        Column date = col(TYPED + schema.dateField());
        Column outOfRange = when(date.lt(lit(java.sql.Date.valueOf(schema.validFrom())))
                .or(date.gt(lit(java.sql.Date.valueOf(runDate)))), lit(schema.dateField()));

        Column malformed = col(CORRUPT).isNotNull();
        Column enc = firstOf(encoding);
        Column ident = firstOf(identifier);
        Column miss = firstOf(missing);
        Column bad = firstOf(badType);
        Column unk = firstOf(unknown);
        Column reason = when(malformed, lit(QuarantineReason.MALFORMED_ROW.name()))
                .when(enc.isNotNull(), lit(QuarantineReason.BAD_ENCODING.name()))
                .when(ident.isNotNull(), lit(QuarantineReason.IDENTIFIER_DETECTED.name()))
                .when(miss.isNotNull(), lit(QuarantineReason.MISSING_REQUIRED.name()))
                .when(bad.isNotNull(), lit(QuarantineReason.BAD_TYPE.name()))
                .when(unk.isNotNull(), lit(QuarantineReason.UNKNOWN_CODE.name()))
                .when(outOfRange.isNotNull(), lit(QuarantineReason.DATE_OUT_OF_RANGE.name()));
        Column field = when(malformed, lit(null).cast("string"))
                .when(enc.isNotNull(), enc).when(ident.isNotNull(), ident).when(miss.isNotNull(), miss)
                .when(bad.isNotNull(), bad).when(unk.isNotNull(), unk).when(outOfRange.isNotNull(), outOfRange);
        df = df.withColumn(REASON, reason).withColumn(FIELD, field);

        // Keep the first valid record of each key; later ones are duplicates.
        Column key = col(TYPED + schema.key());
        Column rank = row_number().over(Window.partitionBy(col(REASON).isNull(), key)
                .orderBy(col(SOURCE), col(POSITION)));
        df = df.withColumn("_rank", rank)
                .withColumn(FIELD, when(col(REASON).isNull().and(col("_rank").gt(1)), lit(schema.key()))
                        .otherwise(col(FIELD)))
                .withColumn(REASON, when(col(REASON).isNull().and(col("_rank").gt(1)),
                        lit(QuarantineReason.DUPLICATE_REF.name())).otherwise(col(REASON)))
                .drop("_rank");

        for (DerivedField d : schema.derived()) {
            Column from = col(TYPED + d.from());
            Column derived = switch (d.name()) {
                case "reference_quarter" -> concat(year(from).cast("string"), lit("Q"), quarter(from).cast("string"));
                case "reference_month" -> date_format(from, "yyyy-MM");
                default -> throw new IllegalArgumentException("ingest does not know how to derive '" + d.name() + "'");
            };
            df = df.withColumn(TYPED + d.name(), derived);
        }
        return df;
    }

    /** Valid records, typed, with exactly the staged columns of the schema. */
    public static Dataset<Row> staged(Dataset<Row> validated, DatasetSchema schema) {
        List<Column> cols = new ArrayList<>();
        for (String c : schema.stagedColumns()) {
            cols.add(col(TYPED + c).as(c));
        }
        return validated.where(col(REASON).isNull()).select(cols.toArray(Column[]::new));
    }

    /**
     * Rejected records: reason, field, source file and position, and every raw value with direct
     * identifiers masked as {@code ***} (a whole malformed row too).
     */
    public static Dataset<Row> quarantined(Dataset<Row> validated, DatasetSchema schema) {
        List<Column> cols = new ArrayList<>();
        cols.add(col(REASON).as("reason"));
        cols.add(col(FIELD).as("field"));
        cols.add(col(SOURCE).as("source_file"));
        cols.add(col(POSITION).as("record_position"));
        cols.add(coalesce(col(TYPED + "reference_quarter"), lit("unknown")).as("reference_quarter"));
        for (FieldSpec f : schema.acceptedFields()) {
            cols.add(mask(col(f.name())).as(f.name()));
        }
        cols.add(mask(col(CORRUPT)).as("raw_record"));
        return validated.where(col(REASON).isNotNull()).select(cols.toArray(Column[]::new));
    }

    private static Column mask(Column c) {
        return regexp_replace(c, IdentifierPatterns.ANY, "***");
    }

    private static Column firstOf(List<Column> candidates) {
        return candidates.isEmpty() ? lit(null).cast("string") : coalesce(candidates.toArray(Column[]::new));
    }

    /** A literal map from every folded spelling of a code list to its code. */
    private static Column spellings(CodeList list) {
        List<Column> kv = new ArrayList<>();
        for (Map.Entry<String, String> e : list.spellings().entrySet()) {
            kv.add(lit(e.getKey()));
            kv.add(lit(e.getValue()));
        }
        return org.apache.spark.sql.functions.map(kv.toArray(Column[]::new));
    }

    private static String sqlMap(CodeList list) {
        StringBuilder sb = new StringBuilder("map(");
        boolean first = true;
        for (Map.Entry<String, String> e : list.spellings().entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(sqlString(e.getKey())).append(", ").append(sqlString(e.getValue()));
        }
        return sb.append(')').toString();
    }

    private static String sqlString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
