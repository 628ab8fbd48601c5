package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a published suppression label told its readers about a cell, written as relations the attacker LPs
 * understand. Releases written before labels were withdrawn said whether a suppressed cell was a small count
 * ({@code 1 <= x <= minCellCount - 1}) or not ({@code x = 0} or {@code x >= minCellCount}); both are attacker
 * knowledge for ever.
 *
 * <p>The LPs only know equalities among non-negative cells, so a bound {@code x >= lo} is written
 * {@code x - c_lo - s = 0} and {@code x <= hi} as {@code x + s - c_hi = 0}, with a published constant cell
 * {@code c} and an unknown non-negative slack {@code s}. Both are auxiliary cells ({@link #isAuxiliary}): never
 * sensitive, never published in a table. "Not a small count" is not convex; the audit gives its attacker the
 * true side of it ({@code x = 0} when the cell is 0, {@code x >= minCellCount} otherwise), an attacker who knows
 * more than the real one, so every interval it finds is at most as wide as the real attacker's (sound, and
 * conservative). Not thread-safe; one instance per system built.
 */
public final class LabelKnowledge {

    /** The prefix of auxiliary cell ids; no table cell id starts with it. */
    public static final String AUXILIARY = "~";

    private final Map<String, Long> constants = new LinkedHashMap<>();
    private final Map<String, Long> slacks = new LinkedHashMap<>();
    private final List<LinearRelation> relations = new ArrayList<>();
    private final java.util.Set<String> labelled = new java.util.HashSet<>();

    /** Whether a cell id names an auxiliary cell (a constant or a slack), not a table cell. */
    public static boolean isAuxiliary(String cellId) {
        return cellId.startsWith(AUXILIARY);
    }

    /**
     * Adds what a "small count" label says: {@code 1 <= x <= minCellCount - 1}.
     *
     * @param trueValue the cell's true value when known (for the slacks' values), else {@code null}
     */
    public void smallCount(String cellId, int minCellCount, Long trueValue) {
        if (!labelled.add(cellId + "|small|" + minCellCount)) {
            return;
        }
        atLeast(cellId, 1, trueValue);
        atMost(cellId, minCellCount - 1L, trueValue);
    }

    /**
     * Adds what a "not a small count" label says, on the true side: {@code x = 0} or {@code x >= minCellCount}.
     *
     * @param trueValue the cell's true value, not {@code null} (the side cannot be chosen without it)
     */
    public void notSmallCount(String cellId, int minCellCount, long trueValue) {
        if (!labelled.add(cellId + "|not-small|" + minCellCount)) {
            return;
        }
        if (trueValue == 0) {
            relations.add(LinearRelation.sameCount("label|" + cellId + "|zero", cellId, constant(0)));
        } else {
            atLeast(cellId, minCellCount, trueValue);
        }
    }

    private void atLeast(String cellId, long lo, Long trueValue) {
        String slack = AUXILIARY + "slack|" + cellId + "|ge" + lo;
        slacks.put(slack, trueValue == null ? null : Math.max(0, trueValue - lo));
        relations.add(new LinearRelation(
                "label|" + cellId + "|ge" + lo,
                List.of(
                        new LinearRelation.Term(cellId, 1),
                        new LinearRelation.Term(constant(lo), -1),
                        new LinearRelation.Term(slack, -1))));
    }

    private void atMost(String cellId, long hi, Long trueValue) {
        String slack = AUXILIARY + "slack|" + cellId + "|le" + hi;
        slacks.put(slack, trueValue == null ? null : Math.max(0, hi - trueValue));
        relations.add(new LinearRelation(
                "label|" + cellId + "|le" + hi,
                List.of(
                        new LinearRelation.Term(cellId, 1),
                        new LinearRelation.Term(slack, 1),
                        new LinearRelation.Term(constant(hi), -1))));
    }

    private String constant(long value) {
        String id = AUXILIARY + "const|" + value;
        constants.put(id, value);
        return id;
    }

    /** The constant cells and their (public) values. */
    public Map<String, Long> constants() {
        return Map.copyOf(constants);
    }

    /** The slack cells, with their true values where the labelled cells' values were given (else null values). */
    public Map<String, Long> slacks() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slacks));
    }

    /** The relations, in the order added. */
    public List<LinearRelation> relations() {
        return List.copyOf(relations);
    }

    /** Whether no label was added. */
    public boolean isEmpty() {
        return relations.isEmpty();
    }

    /** Adds every auxiliary cell (constants as published earlier, slacks as suppressed earlier) and relation. */
    public void addTo(
            CellSystem.Builder system,
            java.util.Set<String> publishedEarlier,
            java.util.Set<String> suppressedEarlier) {
        Objects.requireNonNull(system, "system");
        constants.forEach((id, v) -> {
            system.addCell(id, v);
            publishedEarlier.add(id);
        });
        slacks.forEach((id, v) -> {
            system.addCell(id, Objects.requireNonNull(v, "the true value behind " + id));
            suppressedEarlier.add(id);
        });
        relations.forEach(system::addRelation);
    }
}
