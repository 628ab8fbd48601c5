package ca.hotlinetrends.anonymity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of the lattice search: the distinct combinations of quasi-identifier values in the
 * data, each with its number of records and, when a sensitive attribute is given, its number of
 * records per sensitive value. Typically collected from one Spark {@code groupBy(qi..., sensitive)
 * .count()}; the search costs grow with the number of combinations, not records.
 *
 * <p>Immutable and thread-safe once built. The builder merges repeated combinations. Values are
 * kept as given: a missing value must be mapped to a code of the hierarchy (for example the empty
 * string, if the hierarchy has it) before it gets here, since {@code null} is rejected.
 */
public final class FrequencyTable {

    private final List<String> quasiIdentifiers;
    private final String sensitiveAttribute;
    private final int width;
    private final int size;
    /** Each combination's values as numbers, {@link #width} per combination: {@code values[qi][code]}. */
    private final int[] codes;
    /** Per quasi-identifier, its distinct values (one String object each) by number. */
    private final String[][] values;

    private final long[] counts;
    /** Combination {@code r}'s sensitive values are entries {@code sensitiveOffsets[r]} to {@code [r + 1]}. */
    private final int[] sensitiveOffsets;

    private final String[] sensitiveValues;
    private final long[] sensitiveValueCounts;
    private final long totalRecords;

    private FrequencyTable(Builder b) {
        this.quasiIdentifiers = b.quasiIdentifiers;
        this.sensitiveAttribute = b.sensitiveAttribute;
        this.width = b.width;
        this.size = b.size;
        this.codes = Arrays.copyOf(b.codes, size * width);
        this.counts = Arrays.copyOf(b.counts, size);
        this.values = new String[width][];
        for (int i = 0; i < width; i++) {
            values[i] = b.values.get(i).toArray(new String[0]);
        }
        long total = 0;
        for (int r = 0; r < size; r++) {
            total = Math.addExact(total, counts[r]);
        }
        this.totalRecords = total;
        this.sensitiveOffsets = new int[size + 1];
        if (sensitiveAttribute == null) {
            this.sensitiveValues = new String[0];
            this.sensitiveValueCounts = new long[0];
            return;
        }
        int entries = 0;
        for (int r = 0; r < size; r++) {
            Map<String, Long> more = b.moreSensitive[r];
            entries += more == null ? 1 : more.size();
        }
        this.sensitiveValues = new String[entries];
        this.sensitiveValueCounts = new long[entries];
        int at = 0;
        for (int r = 0; r < size; r++) {
            sensitiveOffsets[r] = at;
            Map<String, Long> more = b.moreSensitive[r];
            if (more == null) {
                sensitiveValues[at] = b.values.get(width).get(b.firstSensitive[r]);
                sensitiveValueCounts[at++] = b.firstSensitiveCount[r];
            } else {
                for (Map.Entry<String, Long> e : more.entrySet()) {
                    sensitiveValues[at] = e.getKey();
                    sensitiveValueCounts[at++] = e.getValue();
                }
            }
        }
        sensitiveOffsets[size] = at;
    }

    /** A builder for a table without a sensitive attribute. */
    public static Builder builder(List<String> quasiIdentifiers) {
        return new Builder(quasiIdentifiers, null);
    }

    /** A builder for a table with per-combination counts of {@code sensitiveAttribute}'s values. */
    public static Builder builder(List<String> quasiIdentifiers, String sensitiveAttribute) {
        return new Builder(quasiIdentifiers, Checks.name("sensitive attribute", sensitiveAttribute));
    }

    /** Quasi-identifier names, in the order of each combination's values. */
    public List<String> quasiIdentifiers() {
        return quasiIdentifiers;
    }

    public Optional<String> sensitiveAttribute() {
        return Optional.ofNullable(sensitiveAttribute);
    }

    /** Number of distinct combinations. */
    public int size() {
        return size;
    }

    /** Number of records, the sum of all counts. */
    public long totalRecords() {
        return totalRecords;
    }

    /** The values of combination {@code row}, in quasi-identifier order. */
    public List<String> combination(int row) {
        Objects.checkIndex(row, size);
        String[] out = new String[width];
        for (int i = 0; i < width; i++) {
            out[i] = values[i][codes[row * width + i]];
        }
        return List.of(out);
    }

    /** The value of quasi-identifier {@code qi} in combination {@code row}. */
    public String value(int row, int qi) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(qi, width);
        return values[qi][codes[row * width + qi]];
    }

    /**
     * The distinct values of quasi-identifier {@code qi}, numbered as {@link #valueNumber} numbers them (in the order
     * they were first added).
     */
    public List<String> distinctValues(int qi) {
        return List.of(values[Objects.checkIndex(qi, width)]);
    }

    /** The number of {@link #value}{@code (row, qi)} among {@link #distinctValues}{@code (qi)}. */
    public int valueNumber(int row, int qi) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(qi, width);
        return codes[row * width + qi];
    }

    /** Records with combination {@code row}, {@code >= 1}. */
    public long count(int row) {
        return counts[Objects.checkIndex(row, size)];
    }

    /** Records per sensitive value for combination {@code row}; empty without a sensitive attribute. */
    public Map<String, Long> sensitiveCounts(int row) {
        int n = sensitiveValueCount(row);
        if (n == 0) {
            return Map.of();
        }
        int from = sensitiveOffsets[row];
        if (n == 1) {
            return Map.of(sensitiveValues[from], sensitiveValueCounts[from]);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (int j = from; j < from + n; j++) {
            out.put(sensitiveValues[j], sensitiveValueCounts[j]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** How many distinct sensitive values combination {@code row} has (0 without a sensitive attribute). */
    public int sensitiveValueCount(int row) {
        Objects.checkIndex(row, size);
        return sensitiveOffsets[row + 1] - sensitiveOffsets[row];
    }

    /** The {@code j}-th sensitive value of combination {@code row}, in {@link #sensitiveCounts}' order. */
    public String sensitiveValue(int row, int j) {
        return sensitiveValues[sensitiveOffsets[row] + Objects.checkIndex(j, sensitiveValueCount(row))];
    }

    /** The records of combination {@code row} with its {@code j}-th sensitive value. */
    public long sensitiveValueRecords(int row, int j) {
        return sensitiveValueCounts[sensitiveOffsets[row] + Objects.checkIndex(j, sensitiveValueCount(row))];
    }

    /**
     * Collects combinations; not thread-safe. Combinations are numbered in the order they are first added, each
     * value by the order in which it first appears in its column: a combination is found again by an open-addressing
     * table over those numbers, so that adding one allocates nothing but for a new value or a second sensitive value.
     */
    public static final class Builder {

        private final List<String> quasiIdentifiers;
        private final String sensitiveAttribute;
        private final int width;
        /**
         * Per quasi-identifier and for the sensitive attribute (last), the number of each distinct value and the
         * value by number: one String object per distinct value (values collected from a data frame are a new String
         * each; the first one seen is kept).
         */
        private final List<Map<String, Integer>> numbers = new ArrayList<>();

        private final List<List<String>> values = new ArrayList<>();
        private int size;
        private int[] codes;
        private long[] counts;
        /** The first sensitive value's number and records of each combination. */
        private int[] firstSensitive;

        private long[] firstSensitiveCount;
        /**
         * Of a combination with a second sensitive value, its records per value, in a {@link HashMap}'s order (the
         * order in which the values are read back).
         */
        private Map<String, Long>[] moreSensitive;
        /** Open addressing: combination number + 1, or 0 for an empty slot. */
        private int[] slots;

        private final int[] scratch;

        private Builder(List<String> quasiIdentifiers, String sensitiveAttribute) {
            Objects.requireNonNull(quasiIdentifiers, "quasiIdentifiers");
            if (quasiIdentifiers.isEmpty()) {
                throw new IllegalArgumentException("a frequency table needs at least one quasi-identifier");
            }
            List<String> names = List.copyOf(quasiIdentifiers);
            for (String name : names) {
                Checks.name("quasi-identifier name", name);
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("quasi-identifiers must be distinct. Provided value: " + names);
            }
            if (sensitiveAttribute != null && names.contains(sensitiveAttribute)) {
                throw new IllegalArgumentException(
                        "the sensitive attribute must not be a quasi-identifier. Provided value: "
                                + sensitiveAttribute);
            }
            this.quasiIdentifiers = names;
            this.sensitiveAttribute = sensitiveAttribute;
            this.width = names.size();
            for (int i = 0; i <= width; i++) {
                numbers.add(new HashMap<>());
                values.add(new ArrayList<>());
            }
            this.scratch = new int[width];
            allocate(16);
        }

        private void allocate(int combinations) {
            codes = new int[Math.multiplyExact(combinations, width)];
            counts = new long[combinations];
            firstSensitive = new int[combinations];
            firstSensitiveCount = new long[combinations];
            moreSensitive = newMaps(combinations);
            slots = new int[Integer.highestOneBit(Math.max(16, combinations) * 2 - 1) << 1];
        }

        /**
         * Sizes the builder for about {@code combinations} distinct combinations (say, the rows of a collected
         * histogram), so that it does not grow its table step by step; call before adding any.
         */
        public Builder expectCombinations(int combinations) {
            Checks.atLeast("combinations", combinations, 0);
            if (size > 0) {
                throw new IllegalStateException("size the builder before adding combinations");
            }
            allocate((int) Math.min(1 << 24, Math.max(16, (long) combinations))); // a hint: past it, it grows
            return this;
        }

        /**
         * Adds {@code count} records with these quasi-identifier values (table without a sensitive
         * attribute).
         */
        public Builder add(String[] qiValues, long count) {
            if (sensitiveAttribute != null) {
                throw new IllegalStateException("this table counts values of '" + sensitiveAttribute
                        + "': add each combination with its sensitive value");
            }
            int row = row(qiValues, count);
            counts[row] += count;
            return this;
        }

        /** Adds {@code count} records with these quasi-identifier values and this sensitive value. */
        public Builder add(String[] qiValues, String sensitiveValue, long count) {
            if (sensitiveAttribute == null) {
                throw new IllegalStateException("this table has no sensitive attribute: add combinations without one");
            }
            Objects.requireNonNull(sensitiveValue, () -> "value of sensitive attribute '" + sensitiveAttribute + "'");
            int row = row(qiValues, count);
            int value = number(width, sensitiveValue);
            if (counts[row] == 0) {
                firstSensitive[row] = value;
                firstSensitiveCount[row] = count;
            } else {
                Map<String, Long> more = moreSensitive[row];
                if (more == null && firstSensitive[row] == value) {
                    firstSensitiveCount[row] += count;
                } else {
                    if (more == null) {
                        more = new HashMap<>();
                        more.put(values.get(width).get(firstSensitive[row]), firstSensitiveCount[row]);
                        moreSensitive[row] = more;
                    }
                    more.merge(values.get(width).get(value), count, Long::sum);
                }
            }
            counts[row] += count;
            return this;
        }

        /** The number of {@code value} in column {@code column} (a new one when it is new). */
        private int number(int column, String value) {
            Map<String, Integer> known = numbers.get(column);
            Integer n = known.get(value);
            if (n == null) {
                n = known.size();
                known.put(value, n);
                values.get(column).add(value);
            }
            return n;
        }

        /** The combination of these values, added with no records when it is new. */
        private int row(String[] qiValues, long count) {
            Objects.requireNonNull(qiValues, "qiValues");
            if (qiValues.length != width) {
                throw new IllegalArgumentException("a combination must have one value per quasi-identifier (" + width
                        + "). Provided length: " + qiValues.length);
            }
            for (int i = 0; i < width; i++) {
                if (qiValues[i] == null) {
                    throw new IllegalArgumentException(
                            "value of quasi-identifier '" + quasiIdentifiers.get(i) + "' must not be null");
                }
            }
            Checks.atLeast("count", count, 1);
            for (int i = 0; i < width; i++) {
                scratch[i] = number(i, qiValues[i]);
            }
            int mask = slots.length - 1;
            int slot = slotHash(scratch, 0) & mask;
            while (true) {
                int c = slots[slot];
                if (c == 0) {
                    break;
                }
                if (Arrays.equals(codes, (c - 1) * width, c * width, scratch, 0, width)) {
                    return c - 1;
                }
                slot = (slot + 1) & mask;
            }
            if (size == counts.length) {
                grow();
                return row(qiValues, count);
            }
            int row = size++;
            System.arraycopy(scratch, 0, codes, row * width, width);
            slots[slot] = row + 1;
            return row;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Long>[] newMaps(int n) {
            return (Map<String, Long>[]) new Map<?, ?>[n];
        }

        /** The hash of the {@link #width} value numbers from {@code from}, the same wherever they are held. */
        private int slotHash(int[] numbers, int from) {
            int h = 0;
            for (int i = from; i < from + width; i++) {
                h = 31 * h + numbers[i];
            }
            return mix(h);
        }

        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }

        private void grow() {
            int capacity = Math.multiplyExact(counts.length, 2);
            codes = Arrays.copyOf(codes, Math.multiplyExact(capacity, width));
            counts = Arrays.copyOf(counts, capacity);
            firstSensitive = Arrays.copyOf(firstSensitive, capacity);
            firstSensitiveCount = Arrays.copyOf(firstSensitiveCount, capacity);
            moreSensitive = Arrays.copyOf(moreSensitive, capacity);
            slots = new int[Math.multiplyExact(slots.length, 2)];
            int mask = slots.length - 1;
            for (int r = 0; r < size; r++) {
                int slot = slotHash(codes, r * width) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = r + 1;
            }
        }

        public FrequencyTable build() {
            return new FrequencyTable(this);
        }
    }
}
