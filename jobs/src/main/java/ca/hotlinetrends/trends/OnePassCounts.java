package ca.hotlinetrends.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.spark.InternalRows;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The quarterly counts of several count tables of one source, in one pass over it: the same numbers as
 * {@link TableCounts#quarterly} gives table by table (one row per {@code reference_quarter} and combination of the
 * table's category codes present, keys as strings, nulls kept; for a multi-valued table one count per list item and
 * the total of records with any item), but reading the source once instead of once per table. Besides tables, the
 * same pass can count any {@link Spec}: a run also counts there the quasi-identifier frequencies its microdata stage
 * needs ({@link Spec#frequencies}), instead of reading the staged data again for them.
 *
 * <p>Each task counts its rows into dense arrays, one per quarter and table, indexed by the position of each code in
 * the dimension's code list (0 is null), or, for a spec of more than {@link #DENSE_CELLS} cells per quarter, into a
 * hash table of the positions present; a value outside the code list is counted by its text in a map on the side,
 * so that nothing is lost or guessed. A task sends only the cells it counted (position and count); the driver adds
 * them up ({@link #merge}). The same pass can also keep each year's records of least hash ({@link #least}).
 * {@link #partials} is a pure transformation (lazy, no I/O).
 */
public final class OnePassCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Cells per quarter up to which a spec is counted in a dense array; a spec with more (the quasi-identifier
     * frequencies of the victims: about 12.7 million combinations of codes, a few thousand present) is counted in a
     * hash table of the cells present.
     */
    private static final int DENSE_CELLS = 1 << 16;

    /**
     * One dimension of a count: its column, the codes it expects (others are counted by their text) and, for a list
     * column, the code of the "any item" total.
     */
    public record Dimension(String column, List<String> codes, String totalCode) implements Serializable {
        public Dimension {
            codes = List.copyOf(codes);
        }
    }

    /**
     * What to count per quarter: the combinations of the dimensions' codes ({@code multiValued}: one dimension, a
     * list column, counted per item and in all).
     */
    public record Spec(String name, List<Dimension> dimensions, boolean multiValued) implements Serializable {
        public Spec {
            dimensions = List.copyOf(dimensions);
            if (multiValued && dimensions.size() != 1) {
                throw new IllegalArgumentException(
                        "table " + name + ": a multi-valued table has exactly one dimension");
            }
        }

        /** A count table of {@code schemas/tables/}. */
        public static Spec of(TableSchema t, SchemaRegistry registry) {
            if (!t.isCountTable()) {
                throw new IllegalArgumentException("table " + t.table() + " is not a count table");
            }
            List<Dimension> dims = new ArrayList<>();
            for (TableSchema.Dimension d : t.categoryDimensions()) {
                dims.add(new Dimension(
                        d.name(),
                        d.codes() == null
                                ? List.of()
                                : registry.codeList(d.codes()).codes(),
                        d.totalCode()));
            }
            return new Spec(t.table(), dims, t.multiValued());
        }

        /**
         * The frequencies of the combinations of a dataset's {@code columns} (single-valued, each with the code list
         * its schema gives it, if any) per quarter.
         */
        public static Spec frequencies(
                String name, DatasetSchema schema, List<String> columns, SchemaRegistry registry) {
            List<Dimension> dims = new ArrayList<>();
            for (String c : columns) {
                java.util.Optional<String> list =
                        schema.hasField(c) ? schema.field(c).codeList() : java.util.Optional.empty();
                dims.add(new Dimension(
                        c, list.map(l -> registry.codeList(l).codes()).orElse(List.of()), null));
            }
            return new Spec(name, dims, false);
        }

        /**
         * Cells per quarter: null, each code and (multi-valued) the total, per dimension; {@link Long#MAX_VALUE}
         * when that many cells cannot be numbered in a long.
         */
        public long cells() {
            long cells = 1;
            for (Dimension d : dimensions) {
                cells *= d.codes().size() + 1 + (multiValued ? 1 : 0);
                if (cells > Long.MAX_VALUE >> 8) {
                    return Long.MAX_VALUE;
                }
            }
            return cells;
        }
    }

    /**
     * A spec's counting plan: where its dimensions are in the selected row, the size of each one's index, its cells
     * per quarter and whether they are counted in a hash table ({@link #DENSE_CELLS}).
     */
    private record Plan(int[] columns, int[] sizes, long cells, boolean multiValued) implements Serializable {
        boolean sparse() {
            return cells > DENSE_CELLS;
        }
    }

    /**
     * What one task counted: per quarter, per spec, the cells counted as (position, count) pairs; and the values
     * outside the code lists.
     */
    public record Partial(
            Map<String, long[][]> cells,
            Map<Integer, Map<List<String>, Long>> other,
            Map<String, List<Candidate>> least)
            implements Serializable {}

    /**
     * A record of least hash in its year ({@link #partials(List, Dataset, String, long, int)}): the hash, the
     * record's key, its quarter and the text of each of the pass's single-valued columns (null for null).
     */
    public record Candidate(long hash, String key, String quarter, Map<String, String> values) implements Serializable {
        /** By hash, then by key in Spark's order of strings (their UTF-8 bytes, unsigned). */
        static final java.util.Comparator<Candidate> ORDER = java.util.Comparator.comparingLong(Candidate::hash)
                .thenComparing((a, b) -> UTF8String.fromString(a.key()).compareTo(UTF8String.fromString(b.key())));
    }

    private final List<String> columns;
    private final boolean[] listColumn;
    /** Per selected column (after the quarter), its codes in order: code i has index i + 1. */
    private final List<List<String>> codes;

    private final List<Plan> plans;
    /** Records of least hash kept per year, after the columns: the hash and the key (0: none). */
    private final int leastPerYear;

    private OnePassCounts(
            List<String> columns, boolean[] listColumn, List<List<String>> codes, List<Plan> plans, int leastPerYear) {
        this.columns = columns;
        this.listColumn = listColumn;
        this.codes = codes;
        this.plans = plans;
        this.leastPerYear = leastPerYear;
    }

    private static List<Spec> specs(List<TableSchema> tables, SchemaRegistry registry) {
        return tables.stream().map(t -> Spec.of(t, registry)).toList();
    }

    /**
     * The partial counts of {@code tables} (count tables of the same source, each multi-valued one with a single
     * dimension) over {@code source}, one per task.
     */
    public static JavaRDD<Partial> partials(List<TableSchema> tables, Dataset<Row> source, SchemaRegistry registry) {
        return partials(specs(tables, registry), source);
    }

    /** The partial counts of {@code specs} over {@code source}, one per task. */
    public static JavaRDD<Partial> partials(List<Spec> specs, Dataset<Row> source) {
        return partials(specs, source, null, 0L, 0);
    }

    /**
     * As {@link #partials(List, Dataset)}, each task also keeping, per year ({@code reference_quarter}'s first four
     * characters), its {@code perYear} records of least {@link #leastHash(String, long) hash} of the string column
     * {@code key} with {@code seed}, ties by the key: {@link #least} then gives those of the whole source, the same
     * records as sorting each year's by hash and key would. A run's hold-back ({@code MicrodataJob}) is chosen so,
     * without a scan of its own.
     *
     * <p>Where Spark reads {@code source} as a plain Parquet scan ({@link InternalRows#batches}), the tasks count
     * its column batches: a dictionary-encoded code is looked up once per batch by its dictionary id, where a row
     * would have had it copied out of the dictionary, into the row, then looked up again. Otherwise they count its
     * rows. Both count the same partitions of the same scan, so their partials are the same.
     */
    public static JavaRDD<Partial> partials(List<Spec> specs, Dataset<Row> source, String key, long seed, int perYear) {
        java.util.Optional<JavaRDD<Partial>> batches = batchPartials(specs, source, key, seed, perYear);
        if (batches.isPresent()) {
            return batches.get();
        }
        return partials(specs, source, perYear > 0 ? leastHash(key, seed) : null, key, perYear);
    }

    /**
     * As {@link #partials(List, Dataset, String, long, int)} with any {@code hash} (a long column expression over
     * {@code source}), from rows.
     */
    public static JavaRDD<Partial> partials(
            List<Spec> specs, Dataset<Row> source, Column hash, String key, int perYear) {
        return counter(specs, source, key, perYear).countRows(source, hash, key);
    }

    /** {@link #partials(List, Dataset, String, long, int)} from column batches, if Spark plans a plain scan. */
    static java.util.Optional<JavaRDD<Partial>> batchPartials(
            List<Spec> specs, Dataset<Row> source, String key, long seed, int perYear) {
        return counter(specs, source, key, perYear).countBatches(source, key, seed);
    }

    private static OnePassCounts counter(List<Spec> specs, Dataset<Row> source, String key, int perYear) {
        OnePassCounts plan = plan(specs, source);
        if (perYear <= 0) {
            return plan;
        }
        if (!(source.schema().apply(key).dataType() instanceof StringType)) {
            throw new IllegalArgumentException("the key " + key + " is not a string column");
        }
        return new OnePassCounts(plan.columns, plan.listColumn, plan.codes, plan.plans, perYear);
    }

    /**
     * The hash of a record's {@code key} (a string column) by which a year's records are ranked for {@link #least}:
     * Spark's {@code xxhash64} of the key and the seed.
     */
    public static Column leastHash(String key, long seed) {
        return org.apache.spark.sql.functions.xxhash64(col(key), lit(seed));
    }

    /** {@link #leastHash(String, long)} of one key, as Spark computes it (seed 42, the key's bytes, then the seed). */
    static long leastHash(UTF8String key, long seed) {
        long hash = XXH64.hashUnsafeBytes(key.getBaseObject(), key.getBaseOffset(), key.numBytes(), 42L);
        return XXH64.hashLong(seed, hash);
    }

    /** The row pass: {@code reference_quarter}, each column as a string (lists as they are), the hash and the key. */
    private JavaRDD<Partial> countRows(Dataset<Row> source, Column hash, String key) {
        List<Column> selected = new ArrayList<>();
        selected.add(col("reference_quarter"));
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            selected.add(
                    listColumn[c]
                            ? col(name)
                            : col(name).cast(DataTypes.StringType).as(name));
        }
        if (leastPerYear > 0) {
            selected.add(hash.as("_least_hash"));
            selected.add(col(key).as("_least_key"));
        }
        Dataset<Row> rows = source.select(selected.toArray(Column[]::new));
        int[] at = new int[columns.size() + 3];
        for (int i = 0; i < at.length; i++) {
            at[i] = i;
        }
        Layout layout = new Layout(at, new boolean[columns.size()], 0L);
        return InternalRows.of(rows)
                .toJavaRDD()
                .mapPartitions(it -> List.of(count(it, layout)).iterator());
    }

    /**
     * The batch pass, where Spark plans {@code source}'s columns (strings, booleans, lists of strings) as a plain
     * Parquet scan: {@code reference_quarter}, each column and the key, as the scan reads them.
     */
    private java.util.Optional<JavaRDD<Partial>> countBatches(Dataset<Row> source, String key, long seed) {
        org.apache.spark.sql.types.StructType schema = source.schema();
        if (!(schema.apply("reference_quarter").dataType() instanceof StringType)) {
            return java.util.Optional.empty();
        }
        boolean[] booleans = new boolean[columns.size()];
        List<Column> selected = new ArrayList<>();
        selected.add(col("reference_quarter"));
        for (int c = 0; c < columns.size(); c++) {
            DataType type = schema.apply(columns.get(c)).dataType();
            booleans[c] = type instanceof BooleanType;
            boolean plain = listColumn[c]
                    ? ((ArrayType) type).elementType() instanceof StringType
                    : type instanceof StringType || booleans[c];
            if (!plain) {
                return java.util.Optional.empty();
            }
            selected.add(col(columns.get(c)));
        }
        if (leastPerYear > 0) {
            selected.add(col(key));
        }
        java.util.Optional<InternalRows.Batches> batches =
                InternalRows.batches(source.select(selected.toArray(Column[]::new)));
        if (batches.isEmpty()) {
            return java.util.Optional.empty();
        }
        int[] read = batches.get().ordinals();
        // the row pass's places: the quarter, the columns, the hash (computed here: -1), the key
        int[] at = new int[columns.size() + 3];
        System.arraycopy(read, 0, at, 0, columns.size() + 1);
        at[columns.size() + 1] = -1;
        at[columns.size() + 2] = leastPerYear > 0 ? read[columns.size() + 1] : -1;
        Layout layout = new Layout(at, booleans, seed);
        return java.util.Optional.of(batches.get().rdd().toJavaRDD().mapPartitions(it -> {
            Task task = new Task(layout);
            while (it.hasNext()) {
                task.addBatch(it.next());
            }
            return List.of(task.partial()).iterator();
        }));
    }

    /**
     * Where a task finds its values: per place of the row pass ({@code reference_quarter}, each column, the hash and
     * the key) the ordinal it reads (-1 for a hash it computes from the key with {@code seed}), and the columns it
     * reads as booleans (the row pass has them cast to strings).
     */
    private record Layout(int[] at, boolean[] booleans, long seed) implements Serializable {}

    static OnePassCounts plan(List<Spec> specs, Dataset<Row> source) {
        List<String> columns = new ArrayList<>();
        List<List<String>> codes = new ArrayList<>();
        List<Boolean> lists = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        for (Spec t : specs) {
            List<Dimension> dims = t.dimensions();
            int[] at = new int[dims.size()];
            int[] sizes = new int[dims.size()];
            for (int d = 0; d < dims.size(); d++) {
                Dimension dim = dims.get(d);
                int c = columns.indexOf(dim.column());
                if (c < 0) {
                    c = columns.size();
                    columns.add(dim.column());
                    codes.add(dim.codes());
                    lists.add(source.schema().apply(dim.column()).dataType() instanceof ArrayType);
                } else if (!codes.get(c).equals(dim.codes())) {
                    throw new IllegalArgumentException("table " + t.name() + ": " + dim.column()
                            + " is counted with two " + "different code lists");
                }
                at[d] = c;
                // null, each code, and for a multi-valued table the "any item" total
                sizes[d] = codes.get(c).size() + 1 + (t.multiValued() ? 1 : 0);
            }
            for (int c : at) {
                if (lists.get(c) != t.multiValued()) {
                    throw new IllegalArgumentException("table " + t.name() + ": " + columns.get(c)
                            + (lists.get(c)
                                    ? " is a list, so the table must be multi-valued"
                                    : " is not a list, so the table cannot be " + "multi-valued"));
                }
            }
            if (t.cells() == Long.MAX_VALUE || t.multiValued() && t.cells() > DENSE_CELLS) {
                throw new IllegalArgumentException("table " + t.name() + " has too many cells to count in one pass");
            }
            plans.add(new Plan(at, sizes, t.cells(), t.multiValued()));
        }
        boolean[] listColumn = new boolean[lists.size()];
        for (int i = 0; i < listColumn.length; i++) {
            listColumn[i] = lists.get(i);
        }
        return new OnePassCounts(List.copyOf(columns), listColumn, List.copyOf(codes), List.copyOf(plans), 0);
    }

    /**
     * The position (from 1) of a code in a short code list, found from the code's length and first 8 bytes (which
     * Spark reads as one word) in a small open-addressing table, with a full comparison only for longer codes: far
     * cheaper per value than hashing every byte, which dominated the pass.
     */
    static final class CodeIndex {
        private final UTF8String[] codes;
        private final long[] prefixes;
        private final int[] slots;
        private final int mask;

        CodeIndex(List<String> list) {
            codes = new UTF8String[list.size()];
            prefixes = new long[list.size()];
            int size = Integer.highestOneBit(Math.max(4, list.size() * 4) - 1) << 1;
            slots = new int[size];
            mask = size - 1;
            for (int i = 0; i < codes.length; i++) {
                codes[i] = UTF8String.fromString(list.get(i));
                prefixes[i] = codes[i].getPrefix();
                int slot = slot(prefixes[i], codes[i].numBytes());
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = i + 1;
            }
        }

        private int slot(long prefix, int length) {
            long h = (prefix ^ length) * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        /** The code's position from 1, or -1 when it is not in the list. */
        int indexOf(UTF8String value) {
            long prefix = value.getPrefix();
            int length = value.numBytes();
            for (int slot = slot(prefix, length); slots[slot] != 0; slot = (slot + 1) & mask) {
                int i = slots[slot] - 1;
                if (prefixes[i] == prefix && codes[i].numBytes() == length && (length <= 8 || codes[i].equals(value))) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    /** Counts one task's rows: {@code reference_quarter}, then each column, strings or lists of strings. */
    Partial count(Iterator<InternalRow> rows, Layout layout) {
        Task task = new Task(layout);
        if (leastPerYear > 0) {
            int hashAt = columns.size() + 1;
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                task.add(r);
                task.keepIfLeast(r, !r.isNullAt(hashAt), r.isNullAt(hashAt) ? 0 : r.getLong(hashAt));
            }
        } else {
            while (rows.hasNext()) {
                task.add(rows.next());
            }
        }
        return task.partial();
    }

    /**
     * One task's counting. The work per row is a method of its own, called from a trivial loop, so that the JIT
     * compiles it once for every task and source rather than once per task's loop; the rare paths (lists, values
     * outside the code lists) are methods of their own too.
     */
    private final class Task {
        private final CodeIndex[] index = new CodeIndex[codes.size()];
        private final Plan[] plan = plans.toArray(Plan[]::new);
        private final Map<UTF8String, long[][]> byQuarter = new HashMap<>();
        private final Map<UTF8String, SparseCells[]> sparseByQuarter = new HashMap<>();
        private final Map<Integer, Map<List<String>, Long>> other = new HashMap<>();
        private final int[] value = new int[columns.size()];
        private UTF8String lastQuarter;
        private long[][] lastCells;
        private SparseCells[] lastSparse;
        /** Per year, its records of least hash so far, the greatest first. */
        private final Map<String, java.util.PriorityQueue<Candidate>> least = new HashMap<>();

        private UTF8String lastLeastQuarter;
        private java.util.PriorityQueue<Candidate> lastLeast;

        /** Where the values are (the row pass: in its order). */
        private final int[] at;

        private final boolean[] booleans;
        private final long seed;
        /** The batch pass: per column, its codes by dictionary id. */
        private final VectorCodes[] vectorCodes;

        Task(Layout layout) {
            at = layout.at();
            booleans = layout.booleans();
            seed = layout.seed();
            vectorCodes = new VectorCodes[index.length];
            for (int c = 0; c < index.length; c++) {
                index[c] = new CodeIndex(codes.get(c));
                vectorCodes[c] = new VectorCodes(index[c]);
            }
        }

        /** A row of the row pass. */
        void add(InternalRow r) {
            UTF8String quarter = r.isNullAt(0) ? null : r.getUTF8String(0);
            for (int c = 0; c < value.length; c++) {
                if (!listColumn[c]) {
                    value[c] = r.isNullAt(c + 1) ? 0 : index[c].indexOf(r.getUTF8String(c + 1));
                }
            }
            add(r, quarter);
        }

        /** A column batch of the batch pass: each row's codes from its vectors, by dictionary id where it has one. */
        void addBatch(ColumnarBatch batch) {
            int n = batch.numRows();
            ColumnVector quarters = batch.column(at[0]);
            ColumnVector[] vectors = new ColumnVector[value.length];
            for (int c = 0; c < value.length; c++) {
                vectors[c] = batch.column(at[c + 1]);
                if (!listColumn[c]) {
                    vectorCodes[c].startBatch(vectors[c], booleans[c]);
                }
            }
            int keyAt = at[columns.size() + 2];
            for (int i = 0; i < n; i++) {
                UTF8String quarter = quarters.isNullAt(i) ? null : quarters.getUTF8String(i);
                for (int c = 0; c < value.length; c++) {
                    if (!listColumn[c]) {
                        value[c] = vectorCodes[c].of(vectors[c], i);
                    }
                }
                InternalRow r = batch.getRow(i);
                add(r, quarter);
                if (leastPerYear > 0) {
                    keepIfLeast(r, !r.isNullAt(keyAt), r.isNullAt(keyAt) ? 0 : leastHash(r.getUTF8String(keyAt), seed));
                }
            }
        }

        /** A row whose single-valued columns' codes are in {@link #value}. */
        private void add(InternalRow r, UTF8String quarter) {
            // Staged files hold one quarter each: most rows are of the previous row's quarter.
            boolean same = quarter != null && quarter.equals(lastQuarter);
            long[][] cells = same ? lastCells : cellsOf(quarter);
            SparseCells[] sparse = same ? lastSparse : sparseByQuarter.get(quarter);
            for (int t = 0; t < plan.length; t++) {
                Plan p = plan[t];
                if (p.multiValued()) {
                    addItems(r, quarter, cells[t], t, p);
                    continue;
                }
                int[] at = p.columns();
                int[] sizes = p.sizes();
                long flat = 0;
                for (int d = 0; d < at.length; d++) {
                    int v = value[at[d]];
                    if (v < 0) {
                        flat = -1;
                        break;
                    }
                    flat = flat * sizes[d] + v;
                }
                if (flat >= 0) {
                    if (sparse[t] != null) {
                        sparse[t].add(flat);
                    } else {
                        cells[t][(int) flat]++;
                    }
                } else {
                    addUnknown(r, quarter, t, p);
                }
            }
        }

        /** The cells of a quarter other than the previous row's (made when first met). */
        private long[][] cellsOf(UTF8String quarter) {
            long[][] cells = byQuarter.get(quarter);
            if (cells == null) {
                cells = new long[plan.length][];
                SparseCells[] sparse = new SparseCells[plan.length];
                for (int t = 0; t < plan.length; t++) {
                    if (plan[t].sparse()) {
                        sparse[t] = new SparseCells();
                        cells[t] = new long[0];
                    } else {
                        cells[t] = new long[(int) plan[t].cells()];
                    }
                }
                UTF8String key = quarter == null ? null : quarter.clone();
                byQuarter.put(key, cells);
                sparseByQuarter.put(key, sparse);
            }
            if (quarter != null) {
                lastQuarter = quarter.clone();
                lastCells = cells;
                lastSparse = sparseByQuarter.get(quarter);
            }
            return cells;
        }

        /** A multi-valued table: each item of the row's list, and the "any item" total. */
        private void addItems(InternalRow r, UTF8String quarter, long[] cells, int t, Plan p) {
            int c = p.columns()[0];
            if (r.isNullAt(at[c + 1])) {
                return;
            }
            ArrayData items = r.getArray(at[c + 1]);
            int k = items.numElements();
            for (int e = 0; e < k; e++) {
                int i = items.isNullAt(e) ? 0 : index[c].indexOf(items.getUTF8String(e));
                if (i < 0) {
                    addOther(other, t, quarter, List.of(items.getUTF8String(e).toString()));
                } else {
                    cells[i]++;
                }
            }
            if (k > 0) {
                cells[p.sizes()[0] - 1]++;
            }
        }

        /** A row with a value outside a dimension's code list: counted by the values' text. */
        private void addUnknown(InternalRow r, UTF8String quarter, int t, Plan p) {
            List<String> key = new ArrayList<>();
            for (int d = 0; d < p.columns().length; d++) {
                key.add(text(r, p.columns()[d]));
            }
            addOther(other, t, quarter, key);
        }

        Partial partial() {
            Map<String, long[][]> counted = new HashMap<>();
            byQuarter.forEach((q, cells) -> {
                SparseCells[] sparse = sparseByQuarter.get(q);
                long[][] pairs = new long[cells.length][];
                for (int t = 0; t < cells.length; t++) {
                    pairs[t] = sparse[t] != null ? sparse[t].pairs() : pairs(cells[t]);
                }
                counted.put(q == null ? null : q.toString(), pairs);
            });
            Map<String, List<Candidate>> kept = new HashMap<>();
            least.forEach((year, queue) -> kept.put(year, new ArrayList<>(queue)));
            return new Partial(counted, other, kept);
        }

        /** The text of column {@code c}'s value in {@code r} (null for null), as the row pass casts it. */
        private String text(InternalRow r, int c) {
            int ordinal = at[c + 1];
            if (r.isNullAt(ordinal)) {
                return null;
            }
            return booleans[c]
                    ? String.valueOf(r.getBoolean(ordinal))
                    : r.getUTF8String(ordinal).toString();
        }

        /** Keeps the row if its {@code hash} is among the least {@link #leastPerYear} of its year so far. */
        void keepIfLeast(InternalRow r, boolean hashed, long hash) {
            int keyAt = at[columns.size() + 2];
            if (r.isNullAt(at[0]) || !hashed || r.isNullAt(keyAt)) {
                throw new IllegalStateException("a staged record without its quarter, its key or its hash");
            }
            UTF8String quarter = r.getUTF8String(at[0]);
            java.util.PriorityQueue<Candidate> queue;
            if (quarter.equals(lastLeastQuarter)) {
                queue = lastLeast;
            } else {
                queue = least.computeIfAbsent(
                        quarter.substring(0, 4).toString(),
                        y -> new java.util.PriorityQueue<>(leastPerYear + 1, Candidate.ORDER.reversed()));
                lastLeastQuarter = quarter.clone();
                lastLeast = queue;
            }
            if (queue.size() >= leastPerYear) {
                Candidate greatest = queue.peek();
                if (hash > greatest.hash()) {
                    return;
                }
                if (hash == greatest.hash()
                        && r.getUTF8String(keyAt).compareTo(UTF8String.fromString(greatest.key())) >= 0) {
                    return;
                }
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                if (!listColumn[c]) {
                    values.put(columns.get(c), text(r, c));
                }
            }
            queue.add(new Candidate(hash, r.getUTF8String(keyAt).toString(), quarter.toString(), values));
            if (queue.size() > leastPerYear) {
                queue.poll();
            }
        }
    }

    /**
     * The codes of one single-valued column in the batch pass. A dictionary-encoded batch's values are looked up by
     * their dictionary ids: each id once per batch (Spark gives each batch its dictionary), then from a table
     * stamped with the batch. Other batches' values are looked up by their bytes, which a plain vector gives without
     * a copy; a boolean's by its text.
     */
    static final class VectorCodes {
        private final CodeIndex index;
        private final int whenTrue;
        private final int whenFalse;
        private int[] codeOf = new int[32];
        private int[] stampOf = new int[32];
        private int stamp;
        private boolean booleans;
        private WritableColumnVector ids;

        VectorCodes(CodeIndex index) {
            this.index = index;
            whenTrue = index.indexOf(UTF8String.fromString("true"));
            whenFalse = index.indexOf(UTF8String.fromString("false"));
        }

        void startBatch(ColumnVector vector, boolean booleans) {
            this.booleans = booleans;
            stamp++;
            ids = !booleans && vector instanceof WritableColumnVector w && w.hasDictionary()
                    ? w.getDictionaryIds()
                    : null;
        }

        /** The code's position from 1 (0 for null, -1 when it is not in the list). */
        int of(ColumnVector vector, int row) {
            if (vector.isNullAt(row)) {
                return 0;
            }
            if (booleans) {
                return vector.getBoolean(row) ? whenTrue : whenFalse;
            }
            if (ids == null) {
                return index.indexOf(vector.getUTF8String(row));
            }
            int id = ids.getInt(row);
            if (id < stampOf.length && stampOf[id] == stamp) {
                return codeOf[id];
            }
            return lookUp(vector, row, id);
        }

        private int lookUp(ColumnVector vector, int row, int id) {
            if (id >= stampOf.length) {
                int size = Integer.highestOneBit(id) << 1;
                stampOf = Arrays.copyOf(stampOf, size);
                codeOf = Arrays.copyOf(codeOf, size);
            }
            stampOf[id] = stamp;
            codeOf[id] = index.indexOf(vector.getUTF8String(row));
            return codeOf[id];
        }
    }

    /**
     * The cells of a quarter counted in a hash table: positions (never negative) to counts, by open addressing over
     * two parallel arrays (no boxing per row).
     */
    static final class SparseCells {
        private long[] positions = new long[64];
        private long[] counts = new long[64];
        private int size;

        SparseCells() {
            java.util.Arrays.fill(positions, -1);
        }

        void add(long position) {
            int slot = slotOf(position);
            if (positions[slot] == position) {
                counts[slot]++;
                return;
            }
            positions[slot] = position;
            counts[slot] = 1;
            if (++size * 2 > positions.length) {
                grow();
            }
        }

        /** The slot holding {@code position}, or the free slot where it would go. */
        private int slotOf(long position) {
            int mask = positions.length - 1;
            int slot = (int) ((position * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (positions[slot] != position && positions[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldPositions = positions;
            long[] oldCounts = counts;
            positions = new long[oldPositions.length * 2];
            counts = new long[oldCounts.length * 2];
            java.util.Arrays.fill(positions, -1);
            for (int i = 0; i < oldPositions.length; i++) {
                if (oldPositions[i] >= 0) {
                    int slot = slotOf(oldPositions[i]);
                    positions[slot] = oldPositions[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }

        /** The cells counted as (position, count) pairs, in increasing position. */
        long[] pairs() {
            long[] sorted = new long[size];
            int n = 0;
            for (long p : positions) {
                if (p >= 0) {
                    sorted[n++] = p;
                }
            }
            java.util.Arrays.sort(sorted);
            long[] out = new long[2 * size];
            for (int i = 0; i < size; i++) {
                out[2 * i] = sorted[i];
                out[2 * i + 1] = counts[slotOf(sorted[i])];
            }
            return out;
        }
    }

    /** The cells counted, as (position, count) pairs: a task's dense arrays are mostly zeros. */
    private static long[] pairs(long[] cells) {
        int n = 0;
        for (long c : cells) {
            n += c != 0 ? 1 : 0;
        }
        long[] pairs = new long[2 * n];
        int at = 0;
        for (int flat = 0; flat < cells.length; flat++) {
            if (cells[flat] != 0) {
                pairs[at++] = flat;
                pairs[at++] = cells[flat];
            }
        }
        return pairs;
    }

    private static void addOther(
            Map<Integer, Map<List<String>, Long>> other, int table, UTF8String quarter, List<String> codes) {
        List<String> key = new ArrayList<>();
        key.add(quarter == null ? null : quarter.toString());
        key.addAll(codes);
        other.computeIfAbsent(table, x -> new HashMap<>()).merge(key, 1L, Long::sum);
    }

    /**
     * Per year, the {@code perYear} records of least hash (ties by key) of the tasks' {@link Partial#least}, in that
     * order.
     */
    public static Map<String, List<Candidate>> least(List<Partial> partials, int perYear) {
        Map<String, List<Candidate>> all = new java.util.TreeMap<>();
        for (Partial p : partials) {
            p.least()
                    .forEach((year, kept) ->
                            all.computeIfAbsent(year, y -> new ArrayList<>()).addAll(kept));
        }
        Map<String, List<Candidate>> out = new java.util.TreeMap<>();
        all.forEach((year, kept) -> {
            List<Candidate> sorted = new ArrayList<>(kept);
            sorted.sort(Candidate.ORDER);
            out.put(year, List.copyOf(sorted.subList(0, Math.min(perYear, sorted.size()))));
        });
        return out;
    }

    /**
     * The partial counts added up: per table (in the order given to {@link #partials}), its counts keyed by
     * {@code [reference_quarter, code...]}, only the combinations present.
     */
    public static Map<TableSchema, Map<List<String>, Long>> merge(
            List<TableSchema> tables, Dataset<Row> source, SchemaRegistry registry, List<Partial> partials) {
        List<Map<List<String>, Long>> merged = merge(specs(tables, registry), source, partials);
        Map<TableSchema, Map<List<String>, Long>> out = new LinkedHashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            out.put(tables.get(t), merged.get(t));
        }
        return out;
    }

    /**
     * The partial counts added up: per spec (in the order given to {@link #partials}), its counts keyed by
     * {@code [reference_quarter, code...]}, only the combinations present, in the order they were first added (the
     * partials in order, each one's cells in order). That order is the order in which their entries, keys and
     * counts were made, so a pass over them reads memory nearly in sequence; in a hash map's order every entry was
     * a few cache misses (at 1M victims, the frequency table took 0.25 s to build from the 0.5M frequencies in hash
     * order, 0.12 s in this one).
     */
    public static List<Map<List<String>, Long>> merge(List<Spec> specs, Dataset<Row> source, List<Partial> partials) {
        OnePassCounts counter = plan(specs, source);
        List<Map<List<String>, Long>> out = new ArrayList<>();
        for (int t = 0; t < specs.size(); t++) {
            Plan p = counter.plans.get(t);
            long cells = 0;
            for (Partial partial : partials) {
                long sent = 0;
                for (long[][] perTable : partial.cells().values()) {
                    sent += perTable[t].length / 2;
                }
                cells = Math.max(cells, sent);
            }
            // Sized for the most cells one task sent (no more distinct cells than that), so that it grows less.
            Map<List<String>, Long> counts =
                    new LinkedHashMap<>((int) Math.min(1 << 29, Math.max(16, cells * 4 / 3 + 1)));
            for (Partial partial : partials) {
                for (Map.Entry<String, long[][]> e : partial.cells().entrySet()) {
                    long[] pairs = e.getValue()[t];
                    for (int i = 0; i < pairs.length; i += 2) {
                        counts.merge(counter.key(specs.get(t), p, e.getKey(), pairs[i]), pairs[i + 1], Long::sum);
                    }
                }
                partial.other().getOrDefault(t, Map.of()).forEach((k, v) -> counts.merge(k, v, Long::sum));
            }
            out.add(counts);
        }
        return out;
    }

    /** The key of a dense cell: the quarter and each dimension's code (null at index 0, the total past the codes). */
    private List<String> key(Spec spec, Plan p, String quarter, long flat) {
        // The quarter, then each dimension's code: one array, seen as a list (never changed once made).
        String[] key = new String[p.columns().length + 1];
        key[0] = quarter;
        for (int d = p.columns().length - 1; d >= 0; d--) {
            int v = (int) (flat % p.sizes()[d]);
            flat /= p.sizes()[d];
            List<String> list = codes.get(p.columns()[d]);
            key[d + 1] = v == 0
                    ? null
                    : v <= list.size()
                            ? list.get(v - 1)
                            : spec.dimensions().get(d).totalCode();
        }
        return Arrays.asList(key);
    }
}
