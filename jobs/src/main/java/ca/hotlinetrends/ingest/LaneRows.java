package ca.hotlinetrends.ingest;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one raw record (its values as strings) into one record of the pass ({@link IngestTransform}'s class comment),
 * written straight to the task's {@link PassFiles}: validated by {@link RecordValidator}, typed, and packed for the
 * quarantine when rejected (values masked by {@link IdentifierPatterns#mask}).
 *
 * <p>Serializable (it travels to executors); each task takes its own {@link #writer(int)}, which is not thread-safe.
 */
final class LaneRows implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How many distinct values a code column's cache keeps (code lists are far smaller). */
    private static final int CACHE_LIMIT = 4096;
    /** Where Spark puts records whose partition value is null. */
    private static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private final RecordValidator validator;
    private final int stagedCount;
    /** Per staged column: its values come from a code list or are derived, so few distinct strings recur. */
    private final boolean[] fewValues;
    /** The staged column of the dataset's key. */
    private final int keyColumn;
    /** The staged column {@code reference_quarter}, which names a staged file's folder instead of being in it. */
    private final int quarterColumn;
    /** The type of each staged column. */
    private final FieldType[] kinds;

    private final ca.hotlinetrends.warehouse.SparkParquet.Layout stagedLayout;
    private final ca.hotlinetrends.warehouse.SparkParquet.Layout quarantineLayout;

    LaneRows(DatasetSchema schema, SchemaRegistry registry, LocalDate runDate) {
        this.validator = new RecordValidator(schema, registry, runDate);
        List<String> staged = schema.stagedColumns();
        this.stagedCount = staged.size();
        this.fewValues = new boolean[stagedCount];
        this.keyColumn = staged.indexOf(schema.key());
        this.quarterColumn = staged.indexOf(IngestTransform.PARTITION);
        if (quarterColumn < 0) {
            throw new IllegalArgumentException(
                    "dataset " + schema.dataset() + " stages no " + IngestTransform.PARTITION);
        }
        this.kinds = new FieldType[stagedCount];
        for (int s = 0; s < stagedCount; s++) {
            String c = staged.get(s);
            fewValues[s] = !schema.hasField(c) || schema.field(c).codeList().isPresent();
            kinds[s] = schema.hasField(c) ? schema.field(c).type() : FieldType.STRING; // derived columns are strings
        }
        StructType all = IngestTransform.validatedSchema(schema);
        StructType stagedFile = new StructType();
        for (StructField f : all.fields()) {
            if (!f.name().equals(IngestTransform.PARTITION)
                    && !f.name().equals(IngestTransform.REJECTED)
                    && !f.name().equals(IngestTransform.LANE)) {
                stagedFile = stagedFile.add(f);
            }
        }
        StructType quarantineFile = new StructType()
                .add(all.apply(IngestTransform.SOURCE))
                .add(all.apply(IngestTransform.POSITION))
                .add(all.apply(IngestTransform.REJECTED));
        // Staged files are read whole (by quarter folder, never filtered by a column's statistics): written without.
        this.stagedLayout = new ca.hotlinetrends.warehouse.SparkParquet.Layout(
                        stagedFile, new java.util.HashSet<>(IngestTransform.referenceColumns(schema)))
                .withoutStatistics();
        this.quarantineLayout = new ca.hotlinetrends.warehouse.SparkParquet.Layout(quarantineFile, java.util.Set.of());
    }

    /** The raw fields a record has, in the order {@link Writer#write} takes them. */
    List<String> fieldNames() {
        return validator.fieldNames();
    }

    /** The staged lane's file layout. */
    ca.hotlinetrends.warehouse.SparkParquet.Layout stagedLayout() {
        return stagedLayout;
    }

    /** The quarantine lane's file layout. */
    ca.hotlinetrends.warehouse.SparkParquet.Layout quarantineLayout() {
        return quarantineLayout;
    }

    /** A writer for one task, which gathers the hashes of valid records' keys, up to {@code hashLimit}. */
    Writer writer(int hashLimit) {
        return new Writer(hashLimit);
    }

    /** Converts and writes records one at a time. */
    final class Writer {
        private final List<Map<String, Binary>> caches;
        private final KeyHashes.Collector keyHashes;
        private final Object[] stagedRecord = new Object[stagedCount + 1];
        private final Object[] rejectedRecord = new Object[3];

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
         * @param files where the task writes
         */
        void write(String[] values, String corrupt, int source, long position, PassFiles files) {
            RecordValidator.Outcome o = validator.validate(values, corrupt != null);
            if (o.valid()) {
                Object[] typed = o.staged();
                int k = 0;
                for (int s = 0; s < stagedCount; s++) {
                    if (s != quarterColumn) {
                        stagedRecord[k++] = value(s, typed[s]);
                    }
                }
                stagedRecord[k++] = source;
                stagedRecord[k] = position;
                String quarter = (String) typed[quarterColumn];
                files.staged(quarter == null ? NULL_PARTITION : quarter, stagedRecord);
            } else {
                Binary[] packed = new Binary[values.length + 3];
                packed[0] = Binary.fromString(o.reason().name());
                packed[1] = binary(o.field());
                for (int i = 0; i < values.length; i++) {
                    packed[2 + i] = binary(IdentifierPatterns.mask(values[i]));
                }
                packed[2 + values.length] = binary(IdentifierPatterns.mask(corrupt));
                rejectedRecord[0] = source;
                rejectedRecord[1] = position;
                rejectedRecord[2] = packed;
                files.rejected(rejectedRecord);
            }
        }

        /** The hashes of the valid records' keys so far, sorted (null when more than the task's share). */
        long[] keyHashes() {
            return keyHashes.sorted();
        }

        private Object value(int column, Object value) {
            if (value == null) {
                return null;
            }
            return switch (kinds[column]) {
                case STRING -> {
                    Binary text = text(column, (String) value);
                    if (column == keyColumn) {
                        keyHashes.add(KeyHashes.hash(text.getBytesUnsafe()));
                    }
                    yield text;
                }
                case BOOLEAN, LONG, DOUBLE -> value;
                case DATE -> (int) ((LocalDate) value).toEpochDay();
                case STRING_LIST -> {
                    List<?> items = (List<?>) value;
                    Binary[] texts = new Binary[items.size()];
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = text(column, (String) items.get(i));
                    }
                    yield texts;
                }
            };
        }

        private Binary text(int column, String s) {
            Map<String, Binary> cache = caches.get(column);
            if (cache == null) {
                return Binary.fromString(s);
            }
            Binary b = cache.get(s);
            if (b == null) {
                b = Binary.fromConstantByteArray(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (cache.size() < CACHE_LIMIT) {
                    cache.put(s, b);
                }
            }
            return b;
        }
    }

    private static Binary binary(String s) {
        return s == null ? null : Binary.fromString(s);
    }
}
