package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.AnonymityException;
import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.anonymity.metric.GeneralisationStatistics;
import ca.hotlinetrends.schema.Hierarchy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A frequency table with every value replaced by an int code, and per attribute and level the
 * code maps the search needs: rolling a row up to a level is two array reads.
 *
 * <p>Codes at each level are dense ({@code 0 .. valueCount-1}), in the order the values first
 * appear in the hierarchy file. Immutable after construction (arrays are never handed out) and
 * thread-safe.
 */
public final class EncodedTable {

    final int rows;
    final int qiCount;
    final long totalRecords;
    /** [qi][row]: leaf code (index in the hierarchy's leaves). */
    final int[][] leafCodes;

    final long[] counts;
    /** [qi][level][leaf code]: code of the generalised value at that level. */
    final int[][][] generalised;
    /** [qi][level]: number of distinct values at that level. */
    final int[][] valueCounts;
    /** [qi][level][code]: number of hierarchy leaves under that value. */
    final int[][][] leavesUnder;
    /** [qi][level][code]: the value's label. */
    final String[][][] labels;
    /** [qi]: leaves of the hierarchy. */
    final int[] leafCounts;
    /** [qi][level]: sum over all records of (leaves under the generalised value - 1). */
    final long[][] allLeafExcess;
    /** Number of distinct sensitive values; 0 without a sensitive attribute. */
    final int sensitiveDomain;
    /** Row r's sensitive entries are at [sensitiveOffsets[r], sensitiveOffsets[r+1]). */
    final int[] sensitiveOffsets;

    final int[] sensitiveCodes;
    final long[] sensitiveCounts;

    private EncodedTable(FrequencyTable table, List<Hierarchy> hierarchies) {
        this.rows = table.size();
        this.qiCount = hierarchies.size();
        this.totalRecords = table.totalRecords();
        this.leafCodes = new int[qiCount][rows];
        this.counts = new long[rows];
        this.generalised = new int[qiCount][][];
        this.valueCounts = new int[qiCount][];
        this.leavesUnder = new int[qiCount][][];
        this.labels = new String[qiCount][][];
        this.leafCounts = new int[qiCount];
        this.allLeafExcess = new long[qiCount][];
        for (int r = 0; r < rows; r++) {
            counts[r] = table.count(r);
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < qiCount; i++) {
            Hierarchy h = hierarchies.get(i);
            encodeHierarchy(i, h);
            Map<String, Integer> leafIndex = new HashMap<>();
            List<String> leaves = h.leaves();
            for (int c = 0; c < leaves.size(); c++) {
                leafIndex.put(leaves.get(c), c);
            }
            // Each distinct value is looked up once; the rows carry the table's numbers of their values.
            List<String> distinct = table.distinctValues(i);
            int[] leafOf = new int[distinct.size()];
            for (int v = 0; v < leafOf.length; v++) {
                leafOf[v] = leafIndex.getOrDefault(distinct.get(v), -1);
            }
            Set<String> missing = new HashSet<>();
            long missingRecords = 0;
            for (int r = 0; r < rows; r++) {
                int code = leafOf[table.valueNumber(r, i)];
                if (code < 0) {
                    missing.add(table.value(r, i));
                    missingRecords += counts[r];
                    code = 0;
                }
                leafCodes[i][r] = code;
            }
            if (!missing.isEmpty()) {
                problems.add("value not in hierarchy for attribute '" + h.attribute() + "': " + missing.size()
                        + " distinct value(s), " + missingRecords + " record(s)");
            }
            allLeafExcess[i] = new long[h.height()];
            for (int level = 0; level < h.height(); level++) {
                long sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += counts[r] * (leavesUnder[i][level][generalised[i][level][leafCodes[i][r]]] - 1L);
                }
                allLeafExcess[i][level] = sum;
            }
        }
        if (!problems.isEmpty()) {
            throw new AnonymityException(String.join("; ", problems));
        }
        if (table.sensitiveAttribute().isPresent()) {
            Map<String, Integer> codes = new LinkedHashMap<>();
            this.sensitiveOffsets = new int[rows + 1];
            int entries = 0;
            for (int r = 0; r < rows; r++) {
                entries += table.sensitiveValueCount(r);
            }
            this.sensitiveCodes = new int[entries];
            this.sensitiveCounts = new long[entries];
            int at = 0;
            for (int r = 0; r < rows; r++) {
                sensitiveOffsets[r] = at;
                for (int j = 0, n = table.sensitiveValueCount(r); j < n; j++) {
                    sensitiveCodes[at] = codes.computeIfAbsent(table.sensitiveValue(r, j), k -> codes.size());
                    sensitiveCounts[at] = table.sensitiveValueRecords(r, j);
                    at++;
                }
            }
            sensitiveOffsets[rows] = at;
            this.sensitiveDomain = codes.size();
        } else {
            this.sensitiveOffsets = new int[rows + 1];
            this.sensitiveCodes = new int[0];
            this.sensitiveCounts = new long[0];
            this.sensitiveDomain = 0;
        }
    }

    /** A copy of {@code of} with other rows: the hierarchy's arrays and the statistics are shared. */
    private EncodedTable(
            EncodedTable of,
            int[][] leafCodes,
            long[] counts,
            int[] sensitiveOffsets,
            int[] sensitiveCodes,
            long[] sensitiveCounts) {
        this.rows = counts.length;
        this.qiCount = of.qiCount;
        this.totalRecords = of.totalRecords;
        this.leafCodes = leafCodes;
        this.counts = counts;
        this.generalised = of.generalised;
        this.valueCounts = of.valueCounts;
        this.leavesUnder = of.leavesUnder;
        this.labels = of.labels;
        this.leafCounts = of.leafCounts;
        this.allLeafExcess = of.allLeafExcess;
        this.sensitiveDomain = of.sensitiveDomain;
        this.sensitiveOffsets = sensitiveOffsets;
        this.sensitiveCodes = sensitiveCodes;
        this.sensitiveCounts = sensitiveCounts;
    }

    /**
     * This table for a lattice that starts at {@code lowest}: the rows that agree at those levels are one row, since
     * no node of that lattice tells them apart (a hierarchy generalises a value the same way from every level up).
     * Each merged row keeps the leaf codes of its first row, the sum of the counts and, per sensitive value, the sum
     * of its records; the rows keep the order of their first rows, so every node's classes appear in the same order
     * as in this table. The generalisation statistics are this table's, at every level. Evaluating a node below
     * {@code lowest} on the result is meaningless; {@link #rowCounts()} is the merged rows'. Returns this table when
     * no level is above 0 or no two rows merge.
     */
    public EncodedTable mergedAt(int[] lowest) {
        if (lowest.length != qiCount) {
            throw new IllegalArgumentException("one lowest level per quasi-identifier is needed");
        }
        long[] keys = new long[rows];
        int[] rowOf = new int[rows];
        LongIds ids = new LongIds(Math.min(rows, 1 << 16));
        long radix = 1;
        boolean any = false;
        for (int i = 0; i < qiCount; i++) {
            any |= lowest[i] > 0;
            int values = valueCounts[i][lowest[i]];
            if (values == 1) {
                continue;
            }
            if (radix > Long.MAX_VALUE / values) {
                // Number the partial keys densely (at most rows distinct) before they overflow.
                ids.clear();
                for (int r = 0; r < rows; r++) {
                    keys[r] = ids.idOf(keys[r]);
                }
                radix = ids.size();
            }
            int[] map = generalised[i][lowest[i]];
            int[] leaf = leafCodes[i];
            for (int r = 0; r < rows; r++) {
                keys[r] = keys[r] * values + map[leaf[r]];
            }
            radix *= values;
        }
        if (!any) {
            return this;
        }
        ids.clear();
        for (int r = 0; r < rows; r++) {
            rowOf[r] = ids.idOf(keys[r]);
        }
        int merged = ids.size();
        if (merged == rows) {
            return this;
        }
        int[][] codes = new int[qiCount][merged];
        long[] mergedCounts = new long[merged];
        for (int r = 0; r < rows; r++) {
            int m = rowOf[r];
            if (mergedCounts[m] == 0) { // its first row (every row counts at least one record)
                for (int i = 0; i < qiCount; i++) {
                    codes[i][m] = leafCodes[i][r];
                }
            }
            mergedCounts[m] += counts[r];
        }
        if (sensitiveDomain == 0) {
            return new EncodedTable(this, codes, mergedCounts, new int[merged + 1], sensitiveCodes, sensitiveCounts);
        }
        // Per merged row, its sensitive counts summed by code: at most the entries of its rows, in order of code.
        long[] byCode = new long[sensitiveDomain];
        int[] offsets = new int[merged + 1];
        int[] rowsOf = new int[rows];
        int[] fill = new int[merged + 1];
        int[] start = new int[merged + 1];
        for (int r = 0; r < rows; r++) {
            start[rowOf[r] + 1]++;
        }
        for (int m = 0; m < merged; m++) {
            start[m + 1] += start[m];
        }
        System.arraycopy(start, 0, fill, 0, merged + 1);
        for (int r = 0; r < rows; r++) {
            rowsOf[fill[rowOf[r]]++] = r;
        }
        int[] outCodes = new int[sensitiveCodes.length];
        long[] outCounts = new long[sensitiveCodes.length];
        int at = 0;
        for (int m = 0; m < merged; m++) {
            offsets[m] = at;
            for (int o = start[m]; o < start[m + 1]; o++) {
                int r = rowsOf[o];
                for (int e = sensitiveOffsets[r]; e < sensitiveOffsets[r + 1]; e++) {
                    byCode[sensitiveCodes[e]] += sensitiveCounts[e];
                }
            }
            for (int v = 0; v < sensitiveDomain; v++) {
                if (byCode[v] != 0) {
                    outCodes[at] = v;
                    outCounts[at++] = byCode[v];
                    byCode[v] = 0;
                }
            }
        }
        offsets[merged] = at;
        return new EncodedTable(
                this,
                codes,
                mergedCounts,
                offsets,
                java.util.Arrays.copyOf(outCodes, at),
                java.util.Arrays.copyOf(outCounts, at));
    }

    private void encodeHierarchy(int i, Hierarchy h) {
        List<String> leaves = h.leaves();
        int height = h.height();
        leafCounts[i] = leaves.size();
        generalised[i] = new int[height][leaves.size()];
        valueCounts[i] = new int[height];
        leavesUnder[i] = new int[height][];
        labels[i] = new String[height][];
        for (int level = 0; level < height; level++) {
            Map<String, Integer> codes = new LinkedHashMap<>();
            for (int c = 0; c < leaves.size(); c++) {
                String value = h.generalise(leaves.get(c), level);
                Integer code = codes.get(value);
                if (code == null) {
                    code = codes.size();
                    codes.put(value, code);
                }
                generalised[i][level][c] = code;
            }
            valueCounts[i][level] = codes.size();
            leavesUnder[i][level] = new int[codes.size()];
            labels[i][level] = new String[codes.size()];
            for (Map.Entry<String, Integer> e : codes.entrySet()) {
                labels[i][level][e.getValue()] = e.getKey();
                leavesUnder[i][level][e.getValue()] = h.leavesUnder(level, e.getKey());
            }
        }
    }

    /**
     * Encodes {@code table} with one hierarchy per quasi-identifier, in the table's order.
     *
     * @throws AnonymityException if a value of the table is not a leaf of its hierarchy (the
     *     message names the attribute and counts values and records, never a value)
     */
    public static EncodedTable encode(FrequencyTable table, List<Hierarchy> hierarchies) {
        if (hierarchies.size() != table.quasiIdentifiers().size()) {
            throw new IllegalArgumentException("one hierarchy per quasi-identifier ("
                    + table.quasiIdentifiers().size() + ") is needed. Provided: " + hierarchies.size());
        }
        return new EncodedTable(table, hierarchies);
    }

    public int rows() {
        return rows;
    }

    public long totalRecords() {
        return totalRecords;
    }

    public int quasiIdentifierCount() {
        return qiCount;
    }

    /** The label of value {@code code} of quasi-identifier {@code qi} at {@code level}. */
    public String label(int qi, int level, int code) {
        return labels[qi][level][code];
    }

    /** Generalisation-only statistics of the node with these levels. */
    public GeneralisationStatistics generalisationStatistics(int[] levels, long minimumClassSize) {
        long[] excess = new long[qiCount];
        for (int i = 0; i < qiCount; i++) {
            excess[i] = allLeafExcess[i][levels[i]];
        }
        return new GeneralisationStatistics(totalRecords, minimumClassSize, leafCounts, excess);
    }

    /** Record counts of the distinct combinations (the equivalence classes at the bottom node). */
    public long[] rowCounts() {
        return counts.clone();
    }
}
