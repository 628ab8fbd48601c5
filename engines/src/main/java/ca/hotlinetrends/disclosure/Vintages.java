package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cells of a sequence of releases in which a count may be revised: late records change a period that an
 * earlier release already showed. Each release names its cells by a <em>base id</em> (table and coordinates,
 * the same in every release); a cell that a release revises starts a new <em>vintage</em>, a separate cell
 * {@code <base id>@<release>} that the later releases show until it is revised again. The old vintage keeps
 * its old value and its old relations, so an attacker holding both releases has both systems of equations.
 *
 * <p>Each release's relations (written over base ids) are mapped to the vintages that release showed; a
 * relation whose terms are all the same vintages in two releases is kept once (named after its latest
 * vintage). Consecutive vintages of a base id are listed as {@link Revision revisions}: the difference between
 * them is the number of late (or withdrawn) records, a count in its own right, which callers protect as a cell
 * (see {@link #addTo}).
 *
 * <p>Plain Java, immutable after {@link #of}.
 */
public final class Vintages {

    /**
     * One release as an observer holds it.
     *
     * @param name      release name (e.g. {@code 2025Q4}), used in vintage ids
     * @param values    base id to value, in display order; a {@code null} value is unknown to the observer
     * @param relations relations among this release's cells, over base ids
     * @param revised   base ids this release revises (they start a new vintage here)
     */
    public record Release(String name, Map<String, Long> values, List<LinearRelation> relations, Set<String> revised) {
        public Release {
            Objects.requireNonNull(name, "name");
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            relations = List.copyOf(relations);
            revised = Set.copyOf(revised);
        }
    }

    /**
     * Two consecutive vintages of a base id.
     *
     * @param baseId  the cell's base id
     * @param olderId the vintage it replaced
     * @param newerId the new vintage
     * @param release the release that revised it
     */
    public record Revision(String baseId, String olderId, String newerId, String release) {}

    private final List<Release> releases;
    /** base id -> release index at which a vintage starts -> vintage id. */
    private final Map<String, TreeMap<Integer, String>> vintages = new HashMap<>();

    private final Map<String, Integer> startOf = new HashMap<>();
    private final Map<String, Long> values = new LinkedHashMap<>();
    private final Map<String, LinearRelation> relations = new LinkedHashMap<>();
    private final List<Revision> revisions = new ArrayList<>();

    private Vintages(List<Release> releases) {
        this.releases = List.copyOf(releases);
        for (int i = 0; i < this.releases.size(); i++) {
            Release r = this.releases.get(i);
            for (String base : r.values().keySet()) {
                TreeMap<Integer, String> byStart = vintages.get(base);
                if (byStart == null) {
                    byStart = new TreeMap<>();
                    byStart.put(i, base);
                    startOf.put(base, -1);
                    vintages.put(base, byStart);
                } else if (r.revised().contains(base)) {
                    String older = byStart.lastEntry().getValue();
                    String newer = base + "@" + r.name();
                    byStart.put(i, newer);
                    startOf.put(newer, i);
                    revisions.add(new Revision(base, older, newer, r.name()));
                }
                String id = idOf(i, base);
                Long v = r.values().get(base);
                if (!values.containsKey(id) || values.get(id) == null) {
                    values.put(id, v);
                } else if (v != null && !v.equals(values.get(id))) {
                    throw new InconsistentCellSystemException("cell '" + base + "' shows two values in one vintage "
                            + "(releases up to " + r.name() + "); a release that changes it must revise it");
                }
            }
        }
        for (int i = 0; i < this.releases.size(); i++) {
            for (LinearRelation rel : this.releases.get(i).relations()) {
                List<LinearRelation.Term> terms = new ArrayList<>(rel.terms().size());
                int latest = -1;
                for (LinearRelation.Term t : rel.terms()) {
                    String id = idOf(i, t.cellId());
                    latest = Math.max(latest, startOf.get(id));
                    terms.add(new LinearRelation.Term(id, t.coefficient()));
                }
                String name = latest < 0
                        ? rel.name()
                        : rel.name() + "@" + this.releases.get(latest).name();
                relations.putIfAbsent(name, new LinearRelation(name, terms));
            }
        }
    }

    /** The vintages of a sequence of releases, oldest first; a base id a release revises must have been shown before. */
    public static Vintages of(List<Release> releases) {
        return new Vintages(releases);
    }

    /**
     * The base ids each release revises when every value is known: those whose value differs from the value
     * the most recent earlier release showing them had.
     *
     * @param valuesByRelease base id to value, one map per release, oldest first
     * @return one set per release
     */
    public static List<Set<String>> revisedByValue(List<Map<String, Long>> valuesByRelease) {
        Map<String, Long> last = new HashMap<>();
        List<Set<String>> out = new ArrayList<>();
        for (Map<String, Long> release : valuesByRelease) {
            Set<String> revised = new java.util.TreeSet<>();
            release.forEach((id, v) -> {
                Long before = last.put(id, v);
                if (before != null && !before.equals(v)) {
                    revised.add(id);
                }
            });
            out.add(revised);
        }
        return out;
    }

    /** The vintage of a base id shown by release {@code index}; the base id itself until it is first revised. */
    public String idOf(int index, String baseId) {
        TreeMap<Integer, String> byStart = vintages.get(baseId);
        if (byStart == null) {
            throw new IllegalArgumentException("cell '" + baseId + "' is not a cell of any release");
        }
        Map.Entry<Integer, String> e = byStart.floorEntry(index);
        return e == null ? byStart.firstEntry().getValue() : e.getValue();
    }

    /** Every vintage and its value ({@code null} if unknown), in first-shown order. */
    public Map<String, Long> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Every relation, mapped to vintages, without duplicates. */
    public List<LinearRelation> relations() {
        return List.copyOf(relations.values());
    }

    /** Every revision, in release order. */
    public List<Revision> revisions() {
        return List.copyOf(revisions);
    }

    /** Whether a cell id is that of a revision's size ({@link #revisionCellId}). */
    public static boolean isRevisionCell(String id) {
        return id.endsWith("~revision");
    }

    /** The id of the cell that holds a revision's size. */
    public static String revisionCellId(Revision r) {
        return r.newerId() + "~revision";
    }

    /**
     * Adds every vintage with its value and every relation to a builder, and for each revision the size of the
     * revision as a cell of its own ({@link #revisionCellId}), never published ({@link LedgerStatus#SUPPRESSED_EARLIER}),
     * sensitive under the primary rule like any count, and linked by {@code newer - older = size} (or
     * {@code older - newer = size} for a downward revision, so that the size stays non-negative: the attacker is
     * granted the direction). Every value must be known.
     */
    public void addTo(CellSystem.Builder builder) {
        values.forEach((id, v) -> {
            if (v == null) {
                throw new IllegalStateException(
                        "cell '" + id + "' has no value: only an observer's vintages can be unknown");
            }
            builder.addCell(id, v);
        });
        relations.values().forEach(builder::addRelation);
        for (Revision r : revisions) {
            long older = values.get(r.olderId());
            long newer = values.get(r.newerId());
            String size = revisionCellId(r);
            builder.addCell(new Cell(size, Math.abs(newer - older), LedgerStatus.SUPPRESSED_EARLIER));
            int sign = newer >= older ? 1 : -1;
            builder.addRelation(new LinearRelation(
                    "revision:" + r.newerId(),
                    List.of(
                            new LinearRelation.Term(r.newerId(), sign),
                            new LinearRelation.Term(r.olderId(), -sign),
                            new LinearRelation.Term(size, -1))));
        }
    }
}
