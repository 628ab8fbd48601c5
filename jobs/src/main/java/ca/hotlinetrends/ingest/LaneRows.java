package ca.hotlinetrends.ingest;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns one raw record (its values as strings) into one row of the pass's layout ({@link IngestTransform}'s class
 * comment), in Spark's internal row format, so that no record goes through {@code Row} and its encoders: validated by
 * {@link RecordValidator}, typed, and packed for the quarantine when rejected (values masked by
 * {@link IdentifierPatterns#mask}).
 *
 * <p>Rows are laid out by Spark's {@code UnsafeRowWriter}, as its generated projections do.
 *
 * <p>Serializable (it travels to executors); each task takes its own {@link #writer(int)}, which is not thread-safe.
 */
final class LaneRows implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many distinct values a code column's cache keeps (code lists are far smaller). */
    private static final int CACHE_LIMIT = 4096;

    private final RecordValidator validator;
    private final StructType layout;
    private final int stagedCount;
    /** Per staged column: its values come from a code list or are derived, so few distinct strings recur. */
    private final boolean[] fewValues;
    /** The staged column of the dataset's key. */
    private final int keyColumn;
    /** The type of each staged column. */
    private final FieldType[] kinds;

    LaneRows(DatasetSchema schema, SchemaRegistry registry, LocalDate runDate) {
        this.validator = new RecordValidator(schema, registry, runDate);
        this.layout = IngestTransform.validatedSchema(schema);
        List<String> staged = schema.stagedColumns();
        this.stagedCount = staged.size();
        this.fewValues = new boolean[stagedCount];
        this.keyColumn = staged.indexOf(schema.key());
        this.kinds = new FieldType[stagedCount];
        for (int s = 0; s < stagedCount; s++) {
            String c = staged.get(s);
            fewValues[s] = !schema.hasField(c) || schema.field(c).codeList().isPresent();
            kinds[s] = schema.hasField(c) ? schema.field(c).type() : FieldType.STRING; // derived columns are strings
        }
    }

    /** The raw fields a record has, in the order {@link Writer#row} takes them. */
    List<String> fieldNames() {
        return validator.fieldNames();
    }

    /** The layout rows come out in. */
    StructType layout() {
        return layout;
    }

    /** A writer for one task, which gathers the hashes of valid records' keys, up to {@code hashLimit}. */
    Writer writer(int hashLimit) {
        return new Writer(hashLimit);
    }

    /** Converts records one at a time; the row it returns is reused by the next call. */
    final class Writer {
        private final UnsafeRowWriter out = new UnsafeRowWriter(layout.size(), 256);
        private final UnsafeArrayWriter arrays = new UnsafeArrayWriter(out, 8);
        private final List<Map<String, UTF8String>> caches;
        private final UTF8String staged = UTF8String.fromString(IngestTransform.STAGED_LANE);
        private final UTF8String quarantined = UTF8String.fromString(IngestTransform.QUARANTINE_LANE);
        private final KeyHashes.Collector keyHashes;

        private Writer(int hashLimit) {
            this.keyHashes = new KeyHashes.Collector(hashLimit);
            this.caches = new java.util.ArrayList<>(stagedCount);
            for (int s = 0; s < stagedCount; s++) {
                caches.add(fewValues[s] ? new HashMap<>() : null);
            }
        }

        /**
         * @param values one raw value per field, in {@link #fieldNames()} order (null when absent)
         * @param corrupt the raw record when the reader could not split it into fields, else null
         * @param source the index of the record's file among the inputs
         * @param position the record's place in its file (only the order matters)
         */
        InternalRow row(String[] values, String corrupt, int source, long position) {
            RecordValidator.Outcome o = validator.validate(values, corrupt != null);
            out.reset();
            out.zeroOutNullBytes();
            out.write(stagedCount, source);
            out.write(stagedCount + 1, position);
            if (o.valid()) {
                Object[] typed = o.staged();
                for (int s = 0; s < stagedCount; s++) {
                    write(s, typed[s]);
                }
                out.setNullAt(stagedCount + 2);
                out.write(stagedCount + 3, staged);
            } else {
                for (int s = 0; s < stagedCount; s++) {
                    out.setNullAt(s);
                }
                UTF8String[] packed = new UTF8String[values.length + 3];
                packed[0] = UTF8String.fromString(o.reason().name());
                packed[1] = utf8(o.field());
                for (int i = 0; i < values.length; i++) {
                    packed[2 + i] = utf8(IdentifierPatterns.mask(values[i]));
                }
                packed[2 + values.length] = utf8(IdentifierPatterns.mask(corrupt));
                writeArray(stagedCount + 2, packed);
                out.write(stagedCount + 3, quarantined);
            }
            return out.getRow();
        }

        /** The hashes of the valid records' keys so far, sorted (null when more than the task's share). */
        long[] keyHashes() {
            return keyHashes.sorted();
        }

        private void write(int column, Object value) {
            if (value == null) {
                out.setNullAt(column);
                return;
            }
            switch (kinds[column]) {
                case STRING -> {
                    UTF8String text = text(column, (String) value);
                    out.write(column, text);
                    if (column == keyColumn) {
                        keyHashes.add(KeyHashes.hash(text));
                    }
                }
                case BOOLEAN -> out.write(column, ((Boolean) value).booleanValue());
                case LONG -> out.write(column, ((Long) value).longValue());
                case DOUBLE -> out.write(column, ((Double) value).doubleValue());
                case DATE -> out.write(column, (int) ((LocalDate) value).toEpochDay());
                case STRING_LIST -> {
                    List<?> items = (List<?>) value;
                    UTF8String[] texts = new UTF8String[items.size()];
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = text(column, (String) items.get(i));
                    }
                    writeArray(column, texts);
                }
                default -> throw new IllegalStateException("no internal form for " + kinds[column]);
            }
        }

        /** An array of strings (nulls allowed) into a field, as Spark's own projections lay it out. */
        private void writeArray(int column, UTF8String[] items) {
            int before = out.cursor();
            arrays.initialize(items.length);
            for (int i = 0; i < items.length; i++) {
                if (items[i] == null) {
                    arrays.setNull8Bytes(i);
                } else {
                    arrays.write(i, items[i]);
                }
            }
            out.setOffsetAndSizeFromPreviousCursor(column, before);
        }

        private UTF8String text(int column, String s) {
            Map<String, UTF8String> cache = caches.get(column);
            if (cache == null) {
                return UTF8String.fromString(s);
            }
            UTF8String u = cache.get(s);
            if (u == null) {
                u = UTF8String.fromString(s);
                if (cache.size() < CACHE_LIMIT) {
                    cache.put(s, u);
                }
            }
            return u;
        }
    }

    private static UTF8String utf8(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }
}
