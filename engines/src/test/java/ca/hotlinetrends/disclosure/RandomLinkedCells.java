package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A small random system of linked cells, consistent by construction: 3-7 base counts (often small),
 * 1-3 weighted totals of 1-6 earlier cells ({@code s - sum(k * part) = 0}, {@code k} mostly 1, else 2
 * or 3, so nested and overlapping totals, parts with the same relations and fractional attacker
 * bounds occur), 0-2 copies of earlier cells ("same count" relations) and, per cell, whether it is
 * suppressed and whether it was published earlier. At most 12 cells, small enough for
 * {@link VertexEnumerationAttacker}.
 *
 * @param baseValues the base counts
 * @param totals     per total, raw picks: part {@code pick % cellsSoFar}, coefficient
 *                   {@code COEFFICIENTS[pick / 16 % COEFFICIENTS.length]}
 * @param copies     per copy, the copied cell {@code pick % cellsSoFar}
 * @param hidden     per cell (in creation order), whether it is suppressed
 * @param published  per cell, whether it was published in an earlier release
 */
record RandomLinkedCells(
        List<Long> baseValues,
        List<List<Integer>> totals,
        List<Integer> copies,
        List<Boolean> hidden,
        List<Boolean> published) {

    static final int MAX_CELLS = 12;
    private static final int[] COEFFICIENTS = {1, 1, 1, 1, 1, 2, 3};

    /** Counts: small ones (1-4) common, zeros and larger ones too. */
    static Arbitrary<Long> counts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 4)),
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(4, Arbitraries.longs().between(5, 40)));
    }

    /** Random systems; {@code publishedShare} is the chance that a cell was published earlier. */
    static Arbitrary<RandomLinkedCells> arbitrary(double publishedShare) {
        Arbitrary<List<Integer>> total =
                Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(6);
        int publishedPercent = (int) Math.round(publishedShare * 100);
        Arbitrary<Boolean> published = Arbitraries.integers().between(1, 100).map(p -> p <= publishedPercent);
        return Combinators.combine(
                        counts().list().ofMinSize(3).ofMaxSize(7),
                        total.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 1000).list().ofMaxSize(2),
                        Arbitraries.of(true, false).list().ofSize(MAX_CELLS),
                        published.list().ofSize(MAX_CELLS))
                .as(RandomLinkedCells::new);
    }

    private record Built(CellSystem system, List<String> ids) {}

    private Built build() {
        List<String> ids = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<LinearRelation> relations = new ArrayList<>();
        for (int i = 0; i < baseValues.size(); i++) {
            ids.add("base" + i);
            values.add(baseValues.get(i));
        }
        for (int t = 0; t < totals.size(); t++) {
            String id = "total" + t;
            Set<Integer> parts = new LinkedHashSet<>();
            totals.get(t).forEach(pick -> parts.add(pick % ids.size()));
            List<LinearRelation.Term> terms = new ArrayList<>();
            terms.add(new LinearRelation.Term(id, 1));
            long value = 0;
            for (int pick : totals.get(t)) {
                int part = pick % ids.size();
                if (parts.remove(part)) {
                    int coefficient = COEFFICIENTS[pick / 16 % COEFFICIENTS.length];
                    terms.add(new LinearRelation.Term(ids.get(part), -coefficient));
                    value += coefficient * values.get(part);
                }
            }
            relations.add(new LinearRelation("sum:" + id, terms));
            ids.add(id);
            values.add(value);
        }
        for (int c = 0; c < copies.size(); c++) {
            int original = copies.get(c) % ids.size();
            String id = "copy" + c;
            relations.add(LinearRelation.sameCount("same:" + id, id, ids.get(original)));
            ids.add(id);
            values.add(values.get(original));
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            LedgerStatus status = published.get(i) ? LedgerStatus.PUBLISHED_EARLIER : LedgerStatus.NEW;
            cells.add(new Cell(ids.get(i), values.get(i), status));
        }
        return new Built(CellSystem.of(cells, relations), ids);
    }

    CellSystem system() {
        return build().system();
    }

    /** The cells marked hidden that were not published earlier; at least one unfixed cell if there is any. */
    List<String> suppressedIds() {
        Built built = build();
        List<String> suppressed = new ArrayList<>();
        List<String> unfixed = new ArrayList<>();
        for (int i = 0; i < built.ids().size(); i++) {
            if (!published.get(i)) {
                unfixed.add(built.ids().get(i));
                if (hidden.get(i)) {
                    suppressed.add(built.ids().get(i));
                }
            }
        }
        if (suppressed.isEmpty() && !unfixed.isEmpty()) {
            suppressed.add(unfixed.get(0));
        }
        return suppressed;
    }

    /** Every cell not published earlier, in creation order. */
    List<String> unfixedIds() {
        return system().cells().stream()
                .filter(c -> c.ledgerStatus() != LedgerStatus.PUBLISHED_EARLIER)
                .map(Cell::id)
                .toList();
    }

    @Override
    public String toString() {
        CellSystem system = system();
        StringBuilder text = new StringBuilder("RandomLinkedCells[");
        system.cells()
                .forEach(c -> text.append(c.id())
                        .append('=')
                        .append(c.value())
                        .append(c.ledgerStatus() == LedgerStatus.PUBLISHED_EARLIER ? "(published)" : "")
                        .append(' '));
        system.relations().forEach(r -> text.append(r.terms()).append(' '));
        return text.append("suppressed=").append(suppressedIds()).append(']').toString();
    }
}
