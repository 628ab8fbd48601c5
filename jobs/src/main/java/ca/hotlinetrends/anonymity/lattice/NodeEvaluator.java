package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.EquivalenceClass;
import ca.hotlinetrends.anonymity.criteria.ClassProfile;
import ca.hotlinetrends.anonymity.criteria.PrivacyModel;
import ca.hotlinetrends.anonymity.metric.GeneralisationStatistics;
import ca.hotlinetrends.anonymity.metric.NodeStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups an {@link EncodedTable} under a node and applies the privacy models class by class.
 *
 * <p>Grouping packs each row's generalised codes into one {@code long} (mixed radix; when the
 * radix would overflow, the partial keys are first renumbered densely) and counts rows per key in
 * an open-addressing table, so one evaluation costs {@code O(rows * quasi-identifiers)} whatever
 * the number of records. A class is published when it has at least the largest minimum class
 * size of the models and satisfies every model; otherwise all its records are suppressed.
 *
 * <p>Not thread-safe: it reuses scratch arrays across evaluations. Use one per thread.
 */
public final class NodeEvaluator {

    private final EncodedTable table;
    private final Lattice lattice;
    private final List<PrivacyModel> models;
    private final boolean usesSensitiveValues;
    private final long minimumClassSize;
    private final long maxSuppressedRecords;

    private final long[] keys;
    private final int[] classOf;
    private final long[] classSize;
    private final int[] classRepresentative;
    private final boolean[] published;
    private final int mask;
    private final long[] slotKeys;
    private final int[] slotClass;
    private final int[] slotStamp;
    private int stamp;
    private int classCount;

    /**
     * @param maxSuppressedRecords the suppression limit as a number of records
     */
    public NodeEvaluator(EncodedTable table, Lattice lattice, List<PrivacyModel> models, long maxSuppressedRecords) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one privacy model is needed");
        }
        this.table = table;
        this.lattice = lattice;
        this.models = List.copyOf(models);
        this.usesSensitiveValues = models.stream().anyMatch(PrivacyModel::usesSensitiveValues);
        this.minimumClassSize = models.stream().mapToLong(PrivacyModel::minimumClassSize).max().orElseThrow();
        this.maxSuppressedRecords = maxSuppressedRecords;
        int rows = table.rows;
        this.keys = new long[rows];
        this.classOf = new int[rows];
        this.classSize = new long[rows];
        this.classRepresentative = new int[rows];
        this.published = new boolean[rows];
        int capacity = Integer.highestOneBit(Math.max(2, rows) * 2 - 1) << 1; // power of two >= 2 * rows
        this.mask = capacity - 1;
        this.slotKeys = new long[capacity];
        this.slotClass = new int[capacity];
        this.slotStamp = new int[capacity];
    }

    /** The largest minimum class size over the privacy models. */
    public long minimumClassSize() {
        return minimumClassSize;
    }

    /** The suppression limit as a number of records. */
    public long maxSuppressedRecords() {
        return maxSuppressedRecords;
    }

    /** Groups the data under {@code node} and reports feasibility and the metric sums. */
    public NodeEvaluation evaluate(int node) {
        int[] levels = lattice.levels(node);
        group(levels);
        decidePublication();
        int q = table.qiCount;
        long suppressed = 0;
        long publishedSquares = 0;
        long[] publishedExcess = new long[q];
        for (int c = 0; c < classCount; c++) {
            long size = classSize[c];
            if (!published[c]) {
                suppressed += size;
                continue;
            }
            publishedSquares += size * size;
            int row = classRepresentative[c];
            for (int i = 0; i < q; i++) {
                int code = table.generalised[i][levels[i]][table.leafCodes[i][row]];
                publishedExcess[i] += size * (table.leavesUnder[i][levels[i]][code] - 1L);
            }
        }
        GeneralisationStatistics g = table.generalisationStatistics(levels, minimumClassSize);
        NodeStatistics statistics = new NodeStatistics(g, suppressed, publishedSquares, publishedExcess);
        return new NodeEvaluation(node, suppressed <= maxSuppressedRecords, classCount, statistics);
    }

    /** The equivalence classes at {@code node}, in order of first appearance in the table. */
    public List<EquivalenceClass> classes(int node) {
        int[] levels = lattice.levels(node);
        group(levels);
        decidePublication();
        List<EquivalenceClass> result = new ArrayList<>(classCount);
        for (int c = 0; c < classCount; c++) {
            int row = classRepresentative[c];
            String[] values = new String[table.qiCount];
            for (int i = 0; i < values.length; i++) {
                values[i] = table.labels[i][levels[i]][table.generalised[i][levels[i]][table.leafCodes[i][row]]];
            }
            result.add(new EquivalenceClass(Arrays.asList(values), classSize[c], !published[c]));
        }
        return result;
    }

    private void decidePublication() {
        if (!usesSensitiveValues) {
            for (int c = 0; c < classCount; c++) {
                published[c] = classSize[c] >= minimumClassSize && satisfiesAll(ClassProfile.ofSize(classSize[c]));
            }
            return;
        }
        // Bucket rows by class (counting sort) to gather each class's sensitive counts.
        int rows = table.rows;
        int[] start = new int[classCount + 1];
        for (int r = 0; r < rows; r++) {
            start[classOf[r] + 1]++;
        }
        for (int c = 0; c < classCount; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[rows];
        int[] fill = Arrays.copyOf(start, classCount);
        for (int r = 0; r < rows; r++) {
            order[fill[classOf[r]]++] = r;
        }
        long[] perValue = new long[table.sensitiveDomain];
        int[] touched = new int[table.sensitiveDomain];
        for (int c = 0; c < classCount; c++) {
            if (classSize[c] < minimumClassSize) {
                published[c] = false;
                continue;
            }
            int distinct = 0;
            for (int p = start[c]; p < start[c + 1]; p++) {
                int r = order[p];
                for (int e = table.sensitiveOffsets[r]; e < table.sensitiveOffsets[r + 1]; e++) {
                    int code = table.sensitiveCodes[e];
                    if (perValue[code] == 0) {
                        touched[distinct++] = code;
                    }
                    perValue[code] += table.sensitiveCounts[e];
                }
            }
            long[] counts = new long[distinct];
            for (int t = 0; t < distinct; t++) {
                counts[t] = perValue[touched[t]];
                perValue[touched[t]] = 0;
            }
            published[c] = satisfiesAll(new ClassProfile(classSize[c], counts));
        }
    }

    private boolean satisfiesAll(ClassProfile profile) {
        for (PrivacyModel model : models) {
            if (!model.isSatisfiedBy(profile)) {
                return false;
            }
        }
        return true;
    }

    /** Fills classOf, classSize, classRepresentative and classCount. */
    private void group(int[] levels) {
        int rows = table.rows;
        Arrays.fill(keys, 0, rows, 0L);
        long radix = 1;
        for (int i = 0; i < table.qiCount; i++) {
            int values = table.valueCounts[i][levels[i]];
            if (values == 1) {
                continue;
            }
            if (radix > Long.MAX_VALUE / values) {
                radix = renumber(false);
            }
            int[] map = table.generalised[i][levels[i]];
            int[] leaf = table.leafCodes[i];
            for (int r = 0; r < rows; r++) {
                keys[r] = keys[r] * values + map[leaf[r]];
            }
            radix *= values;
        }
        classCount = renumber(true);
    }

    /**
     * Numbers the distinct keys densely in order of first appearance. With {@code classes}, records
     * the classes; otherwise replaces each key by its number. Returns the number of distinct keys.
     */
    private int renumber(boolean classes) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        int rows = table.rows;
        int next = 0;
        for (int r = 0; r < rows; r++) {
            long key = keys[r];
            int slot = (int) mix(key) & mask;
            while (slotStamp[slot] == stamp && slotKeys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            int id;
            if (slotStamp[slot] != stamp) {
                slotStamp[slot] = stamp;
                slotKeys[slot] = key;
                id = next++;
                slotClass[slot] = id;
                if (classes) {
                    classSize[id] = 0;
                    classRepresentative[id] = r;
                }
            } else {
                id = slotClass[slot];
            }
            if (classes) {
                classOf[r] = id;
                classSize[id] += table.counts[r];
            } else {
                keys[r] = id;
            }
        }
        return next;
    }

    /** Murmur3 64-bit finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
