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
    private final List<String[]> combinations;
    private final long[] counts;
    private final List<Map<String, Long>> sensitiveCounts;
    private final long totalRecords;

    private FrequencyTable(Builder b) {
        this.quasiIdentifiers = b.quasiIdentifiers;
        this.sensitiveAttribute = b.sensitiveAttribute;
        int n = b.rows.size();
        List<String[]> combos = new ArrayList<>(n);
        List<Map<String, Long>> sensitive = new ArrayList<>(n);
        this.counts = new long[n];
        long total = 0;
        int i = 0;
        for (Map.Entry<List<String>, Row> e : b.rows.entrySet()) {
            combos.add(e.getKey().toArray(new String[0]));
            counts[i++] = e.getValue().count;
            total = Math.addExact(total, e.getValue().count);
            sensitive.add(sensitiveCopy(e.getValue().sensitive));
        }
        this.combinations = Collections.unmodifiableList(combos);
        this.sensitiveCounts = Collections.unmodifiableList(sensitive);
        this.totalRecords = total;
    }

    /** A row's sensitive counts, copied (the builder may go on adding) in their order; most rows have one value. */
    private static Map<String, Long> sensitiveCopy(Map<String, Long> counts) {
        if (counts == null) {
            return Map.of();
        }
        if (counts.size() == 1) {
            Map.Entry<String, Long> only = counts.entrySet().iterator().next();
            return Map.of(only.getKey(), only.getValue());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
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
        return combinations.size();
    }

    /** Number of records, the sum of all counts. */
    public long totalRecords() {
        return totalRecords;
    }

    /** The values of combination {@code row}, in quasi-identifier order. */
    public List<String> combination(int row) {
        return List.of(combinations.get(row));
    }

    /** The value of quasi-identifier {@code qi} in combination {@code row}. */
    public String value(int row, int qi) {
        return combinations.get(row)[qi];
    }

    /** Records with combination {@code row}, {@code >= 1}. */
    public long count(int row) {
        return counts[row];
    }

    /** Records per sensitive value for combination {@code row}; empty without a sensitive attribute. */
    public Map<String, Long> sensitiveCounts(int row) {
        return sensitiveCounts.get(row);
    }

    /** Collects combinations; not thread-safe. */
    public static final class Builder {

        private final List<String> quasiIdentifiers;
        private final String sensitiveAttribute;
        private Map<List<String>, Row> rows = new LinkedHashMap<>();
        /**
         * Per quasi-identifier and for the sensitive attribute (last), one String object per distinct value: values
         * collected from a data frame are a new String each, so without this the engine's encoding looked up
         * millions of separate objects (a cache miss each) where a few hundred distinct values are shared.
         */
        private final List<Map<String, String>> canonical = new ArrayList<>();

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
            for (int i = 0; i <= names.size(); i++) {
                canonical.add(new HashMap<>());
            }
        }

        /**
         * Sizes the builder for about {@code combinations} distinct combinations (say, the rows of a collected
         * histogram), so that it does not grow its table step by step; call before adding any.
         */
        public Builder expectCombinations(int combinations) {
            Checks.atLeast("combinations", combinations, 0);
            if (!rows.isEmpty()) {
                throw new IllegalStateException("size the builder before adding combinations");
            }
            rows = new LinkedHashMap<>(Math.max(16, (int) Math.min(1 << 30, 2L * combinations)));
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
            row(qiValues, count).count += count;
            return this;
        }

        /** Adds {@code count} records with these quasi-identifier values and this sensitive value. */
        public Builder add(String[] qiValues, String sensitiveValue, long count) {
            if (sensitiveAttribute == null) {
                throw new IllegalStateException("this table has no sensitive attribute: add combinations without one");
            }
            Objects.requireNonNull(sensitiveValue, () -> "value of sensitive attribute '" + sensitiveAttribute + "'");
            Row row = row(qiValues, count);
            row.count += count;
            if (row.sensitive == null) {
                row.sensitive = new HashMap<>();
            }
            row.sensitive.merge(canonical(quasiIdentifiers.size(), sensitiveValue), count, Long::sum);
            return this;
        }

        private Row row(String[] qiValues, long count) {
            Objects.requireNonNull(qiValues, "qiValues");
            if (qiValues.length != quasiIdentifiers.size()) {
                throw new IllegalArgumentException("a combination must have one value per quasi-identifier ("
                        + quasiIdentifiers.size() + "). Provided length: " + qiValues.length);
            }
            for (int i = 0; i < qiValues.length; i++) {
                if (qiValues[i] == null) {
                    throw new IllegalArgumentException(
                            "value of quasi-identifier '" + quasiIdentifiers.get(i) + "' must not be null");
                }
            }
            Checks.atLeast("count", count, 1);
            String[] values = new String[qiValues.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = canonical(i, qiValues[i]);
            }
            return rows.computeIfAbsent(Arrays.asList(values), k -> new Row());
        }

        private String canonical(int column, String value) {
            String known = canonical.get(column).putIfAbsent(value, value);
            return known != null ? known : value;
        }

        public FrequencyTable build() {
            return new FrequencyTable(this);
        }
    }

    private static final class Row {
        long count;
        Map<String, Long> sensitive;
    }
}
