package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.schema.Hierarchy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a chosen node to records: generalises each quasi-identifier to the node's level and
 * drops (returns {@code null} for) records whose equivalence class is suppressed. Suppression is
 * decided per class at the chosen node, so applying this to the data the frequency table was built
 * from reproduces the search's release exactly. A combination whose generalised tuple is not a
 * published class (in particular one that was not in the frequency table) is suppressed: a class
 * never published cannot have been checked.
 *
 * <p>Immutable, thread-safe and {@link Serializable} (only strings and standard collections
 * inside, no hierarchy), so a Spark job can ship it to executors in a closure or a broadcast. For
 * a join-based plan instead, use {@link #valueMapping(int)} per column and
 * {@link #publishedTuples()}.
 */
public final class Recoding implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> quasiIdentifiers;
    private final List<Integer> levels;
    private final List<Map<String, String>> mappings;
    /**
     * Every published generalised tuple with the tuple published for it: itself, or with values blanked by local
     * suppression (unmodifiable, its tuples immutable lists).
     */
    private final Map<List<String>, List<String>> outputs;
    /** Whether local suppression blanked any value. */
    private final boolean blanks;

    private Recoding(
            List<String> quasiIdentifiers,
            List<Integer> levels,
            List<Map<String, String>> mappings,
            Map<List<String>, List<String>> outputs,
            boolean blanks) {
        this.quasiIdentifiers = quasiIdentifiers;
        this.levels = levels;
        this.mappings = mappings;
        this.outputs = outputs;
        this.blanks = blanks;
    }

    /**
     * The recoding of a node with local suppression.
     *
     * @param outputs every published generalised tuple with the tuple published for it (the same tuple, or the
     *     tuple with some values blanked)
     */
    public static Recoding of(
            List<Hierarchy> hierarchies, List<Integer> levels, Map<List<String>, List<String>> outputs) {
        checkLevels(hierarchies, levels);
        // Immutable lists are kept as they are (List.copyOf returns them): the engine's tuples are not copied again.
        Map<List<String>, List<String>> map = new HashMap<>(Math.max(16, 2 * outputs.size()));
        boolean blanks = false;
        for (Map.Entry<List<String>, List<String>> e : outputs.entrySet()) {
            List<String> from = tuple(hierarchies, e.getKey());
            List<String> to = tuple(hierarchies, e.getValue());
            if (from.equals(to)) {
                to = from;
            } else {
                blanks = true;
            }
            map.put(from, to);
        }
        return new Recoding(
                names(hierarchies), List.copyOf(levels), mappings(hierarchies, levels), unmodifiableMap(map), blanks);
    }

    /**
     * The tuple published for a published generalised tuple: itself, or with values blanked by local suppression.
     */
    public List<String> output(List<String> generalisedTuple) {
        return outputs.getOrDefault(generalisedTuple, generalisedTuple);
    }

    /** Whether local suppression blanked any value. */
    public boolean blanks() {
        return blanks;
    }

    /**
     * The recoding of a node.
     *
     * @param hierarchies one per quasi-identifier, in order
     * @param levels the node's level per quasi-identifier
     * @param publishedTuples the generalised tuples of the published classes
     */
    public static Recoding of(
            List<Hierarchy> hierarchies, List<Integer> levels, Collection<List<String>> publishedTuples) {
        checkLevels(hierarchies, levels);
        Map<List<String>, List<String>> map = new HashMap<>(Math.max(16, 2 * publishedTuples.size()));
        for (List<String> t : publishedTuples) {
            List<String> tuple = tuple(hierarchies, t);
            map.put(tuple, tuple);
        }
        return new Recoding(
                names(hierarchies), List.copyOf(levels), mappings(hierarchies, levels), unmodifiableMap(map), false);
    }

    private static void checkLevels(List<Hierarchy> hierarchies, List<Integer> levels) {
        if (hierarchies.size() != levels.size()) {
            throw new IllegalArgumentException(
                    "one level per hierarchy (" + hierarchies.size() + ") is needed. Provided: " + levels.size());
        }
    }

    /** {@code t} as an immutable list (itself when it is one), checked to have one value per quasi-identifier. */
    private static List<String> tuple(List<Hierarchy> hierarchies, List<String> t) {
        if (t.size() != hierarchies.size()) {
            throw new IllegalArgumentException("a published tuple must have one value per quasi-identifier ("
                    + hierarchies.size() + "). Provided length: " + t.size());
        }
        return List.copyOf(t);
    }

    private static List<String> names(List<Hierarchy> hierarchies) {
        return hierarchies.stream().map(Hierarchy::attribute).toList();
    }

    /** Per quasi-identifier, each leaf's value at the node's level. */
    private static List<Map<String, String>> mappings(List<Hierarchy> hierarchies, List<Integer> levels) {
        List<Map<String, String>> maps = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            Hierarchy h = hierarchies.get(i);
            int level = levels.get(i);
            Map<String, String> map = new HashMap<>();
            for (String leaf : h.leaves()) {
                map.put(leaf, h.generalise(leaf, level));
            }
            maps.add(Map.copyOf(map));
        }
        return List.copyOf(maps);
    }

    private static Map<List<String>, List<String>> unmodifiableMap(Map<List<String>, List<String>> map) {
        return java.util.Collections.unmodifiableMap(map);
    }

    public List<String> quasiIdentifiers() {
        return quasiIdentifiers;
    }

    /** The chosen level per quasi-identifier. */
    public List<Integer> levels() {
        return levels;
    }

    /**
     * The published, generalised quasi-identifier values of a record, or {@code null} if the
     * record is suppressed.
     *
     * @param qiValues the record's original values, in quasi-identifier order
     * @throws IllegalArgumentException if a value is not a leaf of its hierarchy
     */
    public String[] apply(String... qiValues) {
        String[] generalised = generaliseAll(qiValues);
        if (!outputs.containsKey(Arrays.asList(generalised))) {
            return null;
        }
        return output(Arrays.asList(generalised)).toArray(new String[0]);
    }

    /** Whether a record with these original values is suppressed. */
    public boolean isSuppressed(String... qiValues) {
        return apply(qiValues) == null;
    }

    /** The generalisation of one original value of quasi-identifier {@code qi} (ignores suppression). */
    public String generalise(int qi, String value) {
        String g = mappings.get(qi).get(Objects.requireNonNull(value, "value"));
        if (g == null) {
            throw new IllegalArgumentException(
                    "value not in hierarchy for attribute '" + quasiIdentifiers.get(qi) + "'");
        }
        return g;
    }

    /** Original value to generalised value, for every leaf of quasi-identifier {@code qi}'s hierarchy. */
    public Map<String, String> valueMapping(int qi) {
        return mappings.get(qi);
    }

    /** The generalised tuples that are published; every other tuple is suppressed. */
    public Set<List<String>> publishedTuples() {
        return outputs.keySet();
    }

    private String[] generaliseAll(String[] qiValues) {
        if (qiValues.length != quasiIdentifiers.size()) {
            throw new IllegalArgumentException("a record must have one value per quasi-identifier ("
                    + quasiIdentifiers.size() + "). Provided length: " + qiValues.length);
        }
        String[] out = new String[qiValues.length];
        for (int i = 0; i < qiValues.length; i++) {
            out[i] = generalise(i, qiValues[i]);
        }
        return out;
    }
}
