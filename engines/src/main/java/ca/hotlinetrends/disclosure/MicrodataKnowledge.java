package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a published record-level extract tells an attacker about the count tables of the same records, written as
 * relations the attacker LPs understand (joint protection of microdata and tables).
 *
 * <p>The extract publishes classes: a period value (a quarter, a half, a year or {@code *}) and, per table
 * dimension, a code, a generalisation or {@code *}, with the number of records. Every staged record is either in
 * the extract, in exactly one class, or suppressed whole (their number is published). So, for one table whose unit
 * is the record, the records are a flow: each class sends its records to the table cells it is compatible with,
 * and every base cell (a finest period and non-total codes) receives exactly its count, from the classes and from
 * the suppressed records. This is the exact knowledge the extract adds, as a transportation problem:
 * <ul>
 *   <li>time is cut into atoms, the coarsest partition of the quarters that refines every period of the table's
 *       cells and every period value of the classes (plus one atom for quarters no table cell covers, such as a
 *       year to date a year-only table does not publish);</li>
 *   <li>{@code z(a, v)}, the records of atom {@code a} with codes {@code v}: a table cell when one covers exactly
 *       that atom, else an unknown auxiliary cell, and every table cell is the sum of the atoms it covers;</li>
 *   <li>{@code y(g, v) >= 0}, the records of class {@code g} with codes {@code v}: {@code sum_v y(g, v) = n(g)};</li>
 *   <li>{@code f(p, a, v) >= 0}, the records with period value {@code p} and codes {@code v} in atom {@code a}:
 *       {@code sum_{g of p} y(g, v) = sum_a f(p, a, v)};</li>
 *   <li>{@code s(a, v) >= 0}, the suppressed records there: {@code z(a, v) = sum_p f(p, a, v) + s(a, v)} and
 *       {@code sum s = S}. A multi-valued table (a record counts once for each of its codes) is linked code by
 *       code, each code with its own budget {@code sum_a s(a, v) <= S}.</li>
 * </ul>
 * Every auxiliary cell's id starts with {@link LabelKnowledge#AUXILIARY}: never held to the protection width,
 * never published in a table. Constants ({@code n(g)}, {@code S}, 0) are known to the attacker; the other
 * auxiliary cells are unknown. Not thread-safe; one instance per system built.
 */
public final class MicrodataKnowledge {

    /** A base cell of a table: its id in the system, the quarters it covers and its (non-total) codes. */
    public record BaseCell(String cellId, Set<String> quarters, List<String> codes) {
        public BaseCell {
            Objects.requireNonNull(cellId, "cellId");
            quarters = Set.copyOf(quarters);
            codes = List.copyOf(codes);
        }
    }

    /**
     * A published class projected on a table: the quarters its period value stands for ({@code null} for
     * {@code *}: any quarter up to the release), per dimension the table codes its value is compatible with, and
     * its number of records.
     */
    public record Group(Set<String> quarters, List<Set<String>> codes, long records) {
        public Group {
            quarters = quarters == null ? null : Set.copyOf(quarters);
            codes = codes.stream().map(Set::copyOf).toList();
            if (records < 0) {
                throw new IllegalArgumentException("a class has a negative number of records");
            }
        }
    }

    private static final String PREFIX = LabelKnowledge.AUXILIARY + "md|";

    private final Map<String, Long> constants = new LinkedHashMap<>();
    private final Set<String> unknowns = new LinkedHashSet<>();
    private final List<LinearRelation> relations = new ArrayList<>();
    private final Set<String> scopes = new java.util.HashSet<>();
    private int tables;

    /**
     * Links one extract to one table.
     *
     * @param scope a name unique within this instance for the pair (release, dataset, table)
     * @param cells the table's base cells (no total code; every period the table shows)
     * @param groups the extract's classes projected on the table's dimensions
     * @param suppressedRecords records of the extract's dataset suppressed whole
     * @param budgetPerCode true for a multi-valued table (a record may count under several codes)
     * @throws InconsistentCellSystemException when a class fits no base cell (the extract and the tables disagree)
     */
    public void link(
            String scope, List<BaseCell> cells, List<Group> groups, long suppressedRecords, boolean budgetPerCode) {
        link(scope, cells, groups, suppressedRecords, budgetPerCode, null);
    }

    /**
     * Links one extract that covers only some quarters (a closed-year extract: every record of its years, none of
     * the others) to one table. The records and the suppressed ones flow into the atoms of those quarters only; the
     * table cells of other quarters get nothing from the extract, and a class of period {@code *} (or {@code null})
     * stands for any quarter of the coverage.
     *
     * @param coverage the quarters the extract covers, or {@code null} for every quarter up to its release
     */
    public void link(
            String scope,
            List<BaseCell> cells,
            List<Group> groups,
            long suppressedRecords,
            boolean budgetPerCode,
            Set<String> coverage) {
        link(scope, cells, groups, suppressedRecords, budgetPerCode, coverage, 0);
    }

    /**
     * As {@link #link(String, List, List, long, boolean, Set)}, for a closed-year extract that holds back at least
     * {@code heldBackPerYear} records of each year it covers (they are among the suppressed records): in a table of
     * one code per record, the suppressed records of each covered year are at least that many.
     */
    public void link(
            String scope,
            List<BaseCell> cells,
            List<Group> groups,
            long suppressedRecords,
            boolean budgetPerCode,
            Set<String> coverage,
            long heldBackPerYear) {
        if (heldBackPerYear < 0 || heldBackPerYear > 0 && coverage == null) {
            throw new IllegalArgumentException("records held back per year need a closed-year extract: " + scope);
        }
        if (!scopes.add(scope)) {
            throw new IllegalArgumentException("scope linked twice: " + scope);
        }
        if (coverage != null && coverage.isEmpty()) {
            throw new IllegalArgumentException("an extract that covers no quarter: " + scope);
        }
        tables++;
        String p = PREFIX + scope + "|";
        if (coverage == null && groups.stream().allMatch(g -> g.quarters() == null)) {
            linkTimeless(p, scope, cells, groups, suppressedRecords, budgetPerCode);
            return;
        }
        if (coverage != null) {
            List<Group> bounded = new ArrayList<>();
            for (Group g : groups) {
                if (g.quarters() != null && !coverage.containsAll(g.quarters())) {
                    throw new IllegalArgumentException("a class of " + scope + " lies outside the extract's quarters");
                }
                bounded.add(g.quarters() == null ? new Group(coverage, g.codes(), g.records()) : g);
            }
            groups = bounded;
        }
        // Atoms: quarters with the same membership in every cell period and every class period.
        List<Set<String>> periods = new ArrayList<>();
        Map<Set<String>, Integer> periodIndex = new HashMap<>();
        for (BaseCell c : cells) {
            periodIndex.computeIfAbsent(c.quarters(), k -> {
                periods.add(k);
                return periods.size() - 1;
            });
        }
        int cellPeriods = periods.size();
        boolean anyStar = false;
        for (Group g : groups) {
            if (g.quarters() == null) {
                anyStar = true;
            } else {
                periodIndex.computeIfAbsent(g.quarters(), k -> {
                    periods.add(k);
                    return periods.size() - 1;
                });
            }
        }
        int coverageIndex = -1;
        if (coverage != null) {
            Set<String> key = Set.copyOf(coverage);
            coverageIndex = periodIndex.computeIfAbsent(key, k -> {
                periods.add(k);
                return periods.size() - 1;
            });
            // Each covered year is a period too, so that no atom spans two years.
            Map<String, Set<String>> byYear = new TreeMap<>();
            coverage.forEach(q -> byYear.computeIfAbsent(q.substring(0, 4), y -> new TreeSet<>())
                    .add(q));
            for (Set<String> y : byYear.values()) {
                periodIndex.computeIfAbsent(Set.copyOf(y), k -> {
                    periods.add(k);
                    return periods.size() - 1;
                });
            }
        }
        Set<String> quarters = new TreeSet<>();
        periods.forEach(quarters::addAll);
        Map<BitSet, TreeSet<String>> atomsBySignature = new LinkedHashMap<>();
        for (String q : quarters) {
            BitSet signature = new BitSet();
            for (int i = 0; i < periods.size(); i++) {
                if (periods.get(i).contains(q)) {
                    signature.set(i);
                }
            }
            atomsBySignature.computeIfAbsent(signature, k -> new TreeSet<>()).add(q);
        }
        List<TreeSet<String>> atoms = new ArrayList<>(atomsBySignature.values());
        List<BitSet> signatures = new ArrayList<>(atomsBySignature.keySet());
        if (anyStar) {
            atoms.add(new TreeSet<>()); // the quarters no period names: before the tables begin
            signatures.add(new BitSet());
        }
        List<String> atomNames = new ArrayList<>();
        for (TreeSet<String> a : atoms) {
            atomNames.add(a.isEmpty() ? "other" : a.size() == 1 ? a.first() : a.first() + "-" + a.last());
        }

        // The base codes and the cells by (quarters, codes).
        Set<List<String>> codeSet = new LinkedHashSet<>();
        Map<Set<String>, Map<List<String>, String>> cellAt = new HashMap<>();
        for (BaseCell c : cells) {
            codeSet.add(c.codes());
            cellAt.computeIfAbsent(c.quarters(), k -> new HashMap<>()).putIfAbsent(c.codes(), c.cellId());
        }
        List<List<String>> codes = new ArrayList<>(codeSet);
        String zero = constant(p + "zero", 0);

        // z(a, v): the table cell covering exactly the atom, else an unknown.
        String[][] z = new String[atoms.size()][codes.size()];
        for (int a = 0; a < atoms.size(); a++) {
            Map<List<String>, String> exact = cellAt.getOrDefault(atoms.get(a), Map.of());
            for (int v = 0; v < codes.size(); v++) {
                String id = exact.get(codes.get(v));
                z[a][v] = id != null ? id : unknown(p + "z|" + atomNames.get(a) + "|" + String.join("|", codes.get(v)));
            }
        }
        // Every table cell is the sum of the atoms it covers (unless it is that atom's own cell).
        for (BaseCell c : cells) {
            int period = periodIndex.get(c.quarters());
            int v = codes.indexOf(c.codes());
            List<String> parts = new ArrayList<>();
            for (int a = 0; a < atoms.size(); a++) {
                if (signatures.get(a).get(period)) {
                    parts.add(z[a][v]);
                }
            }
            if (parts.size() == 1 && parts.get(0).equals(c.cellId())) {
                continue;
            }
            relations.add(LinearRelation.sumOfParts(p + "cell|" + c.cellId(), c.cellId(), parts));
        }

        // y(g, v) and f(p, a, v), grouped by the classes' period values.
        Map<Set<String>, List<Integer>> groupsByPeriod = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            groupsByPeriod
                    .computeIfAbsent(
                            groups.get(g).quarters() == null
                                    ? Set.of("*")
                                    : groups.get(g).quarters(),
                            k -> new ArrayList<>())
                    .add(g);
        }
        List<List<String>> inflow = new ArrayList<>(); // per (a, v): the f cells
        for (int i = 0; i < atoms.size() * codes.size(); i++) {
            inflow.add(new ArrayList<>());
        }
        int fitsNothing = 0;
        int periodNumber = 0;
        for (Map.Entry<Set<String>, List<Integer>> e : groupsByPeriod.entrySet()) {
            int pv = periodNumber++;
            List<Integer> covered = new ArrayList<>();
            Integer index = e.getKey().contains("*") && e.getKey().size() == 1 ? null : periodIndex.get(e.getKey());
            for (int a = 0; a < atoms.size(); a++) {
                if (index == null || signatures.get(a).get(index)) {
                    covered.add(a);
                }
            }
            Map<Integer, List<String>> yByCode = new LinkedHashMap<>();
            for (int g : e.getValue()) {
                Group group = groups.get(g);
                List<String> ys = new ArrayList<>();
                for (int v = 0; v < codes.size(); v++) {
                    if (fits(group, codes.get(v))) {
                        String y = unknown(p + "y|" + pv + "|" + g + "|" + String.join("|", codes.get(v)));
                        ys.add(y);
                        yByCode.computeIfAbsent(v, k -> new ArrayList<>()).add(y);
                    }
                }
                if (ys.isEmpty()) {
                    if (group.records() > 0) {
                        fitsNothing += group.records();
                    }
                    continue;
                }
                String n = constant(p + "n|" + pv + "|" + g, group.records());
                relations.add(LinearRelation.sumOfParts(p + "class|" + pv + "|" + g, n, ys));
            }
            for (Map.Entry<Integer, List<String>> byCode : yByCode.entrySet()) {
                int v = byCode.getKey();
                List<Term> terms = new ArrayList<>();
                byCode.getValue().forEach(y -> terms.add(new Term(y, 1)));
                for (int a : covered) {
                    String f = unknown(p + "f|" + pv + "|" + atomNames.get(a) + "|" + String.join("|", codes.get(v)));
                    terms.add(new Term(f, -1));
                    inflow.get(a * codes.size() + v).add(f);
                }
                relations.add(relation(p + "spread|" + pv + "|" + String.join("|", codes.get(v)), terms));
            }
        }
        if (fitsNothing > 0) {
            throw new InconsistentCellSystemException(fitsNothing + " published records fit no cell of table " + scope
                    + ": the record-level release and the tables disagree");
        }
        // z(a, v) = inflow + suppressed records; the suppressed records' budget. Atoms outside a closed-year
        // extract's quarters receive none of its records: the extract says nothing about them.
        Map<Integer, List<String>> suppressedByCode = new LinkedHashMap<>();
        Map<String, List<String>> suppressedByYear = new TreeMap<>();
        for (int a = 0; a < atoms.size(); a++) {
            if (coverageIndex >= 0 && !signatures.get(a).get(coverageIndex)) {
                continue;
            }
            for (int v = 0; v < codes.size(); v++) {
                List<String> parts = new ArrayList<>(inflow.get(a * codes.size() + v));
                if (suppressedRecords > 0) {
                    String s = unknown(p + "s|" + atomNames.get(a) + "|" + String.join("|", codes.get(v)));
                    parts.add(s);
                    suppressedByYear
                            .computeIfAbsent(atoms.get(a).first().substring(0, 4), y -> new ArrayList<>())
                            .add(s);
                    suppressedByCode
                            .computeIfAbsent(budgetPerCode ? v : 0, k -> new ArrayList<>())
                            .add(s);
                }
                if (parts.isEmpty()) {
                    parts.add(zero);
                }
                relations.add(LinearRelation.sumOfParts(
                        p + "atom|" + atomNames.get(a) + "|" + String.join("|", codes.get(v)), z[a][v], parts));
            }
        }
        if (suppressedRecords > 0) {
            String budget = constant(p + "suppressed", suppressedRecords);
            for (Map.Entry<Integer, List<String>> e : suppressedByCode.entrySet()) {
                List<String> parts = new ArrayList<>(e.getValue());
                if (budgetPerCode) {
                    parts.add(unknown(p + "unused|" + String.join("|", codes.get(e.getKey()))));
                }
                relations.add(LinearRelation.sumOfParts(p + "budget|" + e.getKey(), budget, parts));
            }
        }
        if (heldBackPerYear > 0 && !budgetPerCode) {
            if (suppressedRecords < heldBackPerYear * suppressedByYear.size()) {
                throw new InconsistentCellSystemException(scope + ": fewer records suppressed than held back");
            }
            // One code per record: the suppressed records of each year, over its codes, are at least those held back.
            String held = constant(p + "held", heldBackPerYear);
            suppressedByYear.forEach((year, parts) -> {
                List<Term> terms = new ArrayList<>();
                parts.forEach(x -> terms.add(new Term(x, 1)));
                terms.add(new Term(held, -1));
                terms.add(new Term(unknown(p + "beyond-held|" + year), -1));
                relations.add(relation(p + "held|" + year, terms));
            });
        }
    }

    /**
     * The usual case, every class with period {@code *}: the records of codes {@code v} lie anywhere in time, so
     * the flow over time needs no variables. Per {@code v}, the table cells of a partition of time (the largest
     * cells first, say years, then a year to date) plus the records of the quarters no such cell covers
     * ({@code r(v) >= 0}, unknown) equal the classes' records with codes {@code v} plus the suppressed ones there:
     * {@code sum cells + r(v) = sum_g y(g, v) + s(v)}. This is the general model with the time flow summed out
     * (its projection on the table cells is the same), and much smaller.
     */
    private void linkTimeless(
            String p,
            String scope,
            List<BaseCell> cells,
            List<Group> groups,
            long suppressedRecords,
            boolean budgetPerCode) {
        Map<List<String>, List<BaseCell>> byCodes = new LinkedHashMap<>();
        for (BaseCell c : cells) {
            byCodes.computeIfAbsent(c.codes(), k -> new ArrayList<>()).add(c);
        }
        List<List<String>> codes = new ArrayList<>(byCodes.keySet());
        Map<Integer, List<String>> yByCode = new LinkedHashMap<>();
        int fitsNothing = 0;
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            List<String> ys = new ArrayList<>();
            for (int v = 0; v < codes.size(); v++) {
                if (fits(group, codes.get(v))) {
                    String y = unknown(p + "y|" + g + "|" + String.join("|", codes.get(v)));
                    ys.add(y);
                    yByCode.computeIfAbsent(v, k -> new ArrayList<>()).add(y);
                }
            }
            if (ys.isEmpty()) {
                fitsNothing += group.records();
                continue;
            }
            relations.add(LinearRelation.sumOfParts(p + "class|" + g, constant(p + "n|" + g, group.records()), ys));
        }
        if (fitsNothing > 0) {
            throw new InconsistentCellSystemException(fitsNothing + " published records fit no cell of table " + scope
                    + ": the record-level release and the tables disagree");
        }
        List<String> budget = new ArrayList<>();
        for (int v = 0; v < codes.size(); v++) {
            String key = String.join("|", codes.get(v));
            // A partition of time by the table's cells, largest first; the rest is unknown.
            List<BaseCell> candidates = new ArrayList<>(byCodes.get(codes.get(v)));
            candidates.sort((a, b) -> b.quarters().size() != a.quarters().size()
                    ? Integer.compare(b.quarters().size(), a.quarters().size())
                    : a.cellId().compareTo(b.cellId()));
            Set<String> covered = new java.util.HashSet<>();
            List<Term> terms = new ArrayList<>();
            for (BaseCell c : candidates) {
                if (c.quarters().stream().noneMatch(covered::contains)) {
                    covered.addAll(c.quarters());
                    terms.add(new Term(c.cellId(), 1));
                }
            }
            terms.add(new Term(unknown(p + "rest|" + key), 1));
            yByCode.getOrDefault(v, List.of()).forEach(y -> terms.add(new Term(y, -1)));
            if (suppressedRecords > 0) {
                String sv = unknown(p + "s|" + key);
                terms.add(new Term(sv, -1));
                if (budgetPerCode) {
                    relations.add(LinearRelation.sumOfParts(
                            p + "budget|" + key,
                            constant(p + "suppressed", suppressedRecords),
                            List.of(sv, unknown(p + "unused|" + key))));
                } else {
                    budget.add(sv);
                }
            }
            relations.add(relation(p + "codes|" + key, terms));
        }
        if (!budget.isEmpty()) {
            relations.add(
                    LinearRelation.sumOfParts(p + "budget", constant(p + "suppressed", suppressedRecords), budget));
        }
    }

    private static boolean fits(Group g, List<String> codes) {
        for (int d = 0; d < codes.size(); d++) {
            if (!g.codes().get(d).contains(codes.get(d))) {
                return false;
            }
        }
        return true;
    }

    private record Term(String cellId, int coefficient) {}

    private static LinearRelation relation(String name, List<Term> terms) {
        return new LinearRelation(
                name,
                terms.stream()
                        .map(t -> new LinearRelation.Term(t.cellId(), t.coefficient()))
                        .toList());
    }

    private String constant(String id, long value) {
        constants.put(id, value);
        return id;
    }

    private String unknown(String id) {
        unknowns.add(id);
        return id;
    }

    /** The known auxiliary cells (class sizes, the number of records suppressed, zero) and their values. */
    public Map<String, Long> constants() {
        return Collections.unmodifiableMap(constants);
    }

    /** The unknown auxiliary cells. */
    public Set<String> unknowns() {
        return Collections.unmodifiableSet(unknowns);
    }

    /** The relations, in the order added. */
    public List<LinearRelation> relations() {
        return List.copyOf(relations);
    }

    /** How many (extract, table) pairs were linked. */
    public int tablesLinked() {
        return tables;
    }

    /** Whether nothing was linked. */
    public boolean isEmpty() {
        return relations.isEmpty();
    }

    /**
     * Integer values for the unknown auxiliary cells that satisfy every relation, given the true value of every
     * table cell the relations name: a feasible flow of the records (the attacker's intervals do not depend on
     * which). The system is a network once the table cells are fixed, so a basic solution is integral; the point
     * is checked exactly.
     *
     * @param tableValues the true value of (at least) every table cell named by a relation
     * @throws InconsistentCellSystemException when no flow exists (the extract and the tables disagree)
     */
    public Map<String, Long> values(Map<String, Long> tableValues) {
        List<Cell> cells = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        relations.forEach(r -> r.terms().forEach(t -> named.add(t.cellId())));
        for (String id : named) {
            if (constants.containsKey(id)) {
                cells.add(Cell.newCell(id, constants.get(id)));
            } else if (unknowns.contains(id)) {
                cells.add(Cell.newCell(id, 0));
            } else {
                Long v = tableValues.get(id);
                if (v == null) {
                    throw new IllegalArgumentException("no value for table cell " + id);
                }
                cells.add(Cell.newCell(id, v));
            }
        }
        SystemIndex index = new SystemIndex(cells, relations);
        boolean[] open = new boolean[index.cellCount];
        for (String id : unknowns) {
            open[index.indexOf(id)] = true;
        }
        double[] point = FeasiblePoint.find(index, open, new LpSolver());
        Map<String, Long> out = new LinkedHashMap<>();
        for (String id : unknowns) {
            double x = point[index.indexOf(id)];
            long rounded = Math.round(x);
            if (Math.abs(x - rounded) > LpSolver.INTEGER_SNAP || rounded < 0) {
                throw new IllegalStateException("the records' flow is not integral at an auxiliary cell of the "
                        + "record-level release; the joint audit cannot be trusted");
            }
            out.put(id, rounded);
        }
        Map<String, Long> all = new HashMap<>(out);
        cells.forEach(c -> all.putIfAbsent(c.id(), c.value()));
        for (LinearRelation r : relations) {
            long sum = 0;
            for (LinearRelation.Term t : r.terms()) {
                sum += t.coefficient() * all.get(t.cellId());
            }
            if (sum != 0) {
                throw new IllegalStateException("the records' flow found for relation " + r.name()
                        + " does not hold exactly; the joint audit cannot be trusted");
            }
        }
        return out;
    }

    /**
     * Adds every auxiliary cell and relation to a system: constants as published earlier, unknowns as suppressed
     * earlier (so the suppression never decides them), with the values from {@link #values}.
     */
    public void addTo(
            CellSystem.Builder system,
            Map<String, Long> values,
            Set<String> publishedEarlier,
            Set<String> suppressedEarlier) {
        constants.forEach((id, v) -> {
            system.addCell(id, v);
            publishedEarlier.add(id);
        });
        for (String id : unknowns) {
            system.addCell(id, Objects.requireNonNull(values.get(id), "value of " + id));
            suppressedEarlier.add(id);
        }
        relations.forEach(system::addRelation);
    }
}
