package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.schema.Hierarchy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
    private final Set<List<String>> published;
    /** Generalised tuple to published tuple where local suppression blanked values; empty otherwise. */
    private final Map<List<String>, List<String>> blanked;

    private Recoding(
            List<String> quasiIdentifiers,
            List<Integer> levels,
            List<Map<String, String>> mappings,
            Set<List<String>> published,
            Map<List<String>, List<String>> blanked) {
        this.quasiIdentifiers = quasiIdentifiers;
        this.levels = levels;
        this.mappings = mappings;
        this.published = published;
        this.blanked = blanked;
    }

    /**
     * The recoding of a node with local suppression.
     *
     * @param outputs every published generalised tuple with the tuple published for it (the same tuple, or the
     *     tuple with some values blanked)
     */
    public static Recoding of(
            List<Hierarchy> hierarchies, List<Integer> levels, Map<List<String>, List<String>> outputs) {
        Recoding plain = of(hierarchies, levels, outputs.keySet());
        Map<List<String>, List<String>> changed = new HashMap<>();
        outputs.forEach((from, to) -> {
            if (to.size() != from.size()) {
                throw new IllegalArgumentException("a published tuple must have one value per quasi-identifier");
            }
            if (!from.equals(to)) {
                changed.put(List.copyOf(from), List.copyOf(to));
            }
        });
        return new Recoding(plain.quasiIdentifiers, plain.levels, plain.mappings, plain.published, Map.copyOf(changed));
    }

    /**
     * The tuple published for a published generalised tuple: itself, or with values blanked by local suppression.
     */
    public List<String> output(List<String> generalisedTuple) {
        return blanked.getOrDefault(generalisedTuple, generalisedTuple);
    }

    /** Whether local suppression blanked any value. */
    public boolean blanks() {
        return !blanked.isEmpty();
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
        if (hierarchies.size() != levels.size()) {
            throw new IllegalArgumentException(
                    "one level per hierarchy (" + hierarchies.size() + ") is needed. Provided: " + levels.size());
        }
        List<String> names = new ArrayList<>();
        List<Map<String, String>> maps = new ArrayList<>();
        for (int i = 0; i < hierarchies.size(); i++) {
            Hierarchy h = hierarchies.get(i);
            int level = levels.get(i);
            Map<String, String> map = new HashMap<>();
            for (String leaf : h.leaves()) {
                map.put(leaf, h.generalise(leaf, level));
            }
            names.add(h.attribute());
            maps.add(Map.copyOf(map));
        }
        Set<List<String>> tuples = new HashSet<>();
        for (List<String> t : publishedTuples) {
            if (t.size() != hierarchies.size()) {
                throw new IllegalArgumentException("a published tuple must have one value per quasi-identifier ("
                        + hierarchies.size() + "). Provided length: " + t.size());
            }
            tuples.add(List.copyOf(t));
        }
        return new Recoding(List.copyOf(names), List.copyOf(levels), List.copyOf(maps), Set.copyOf(tuples), Map.of());
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
        if (!published.contains(Arrays.asList(generalised))) {
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
        return published;
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
