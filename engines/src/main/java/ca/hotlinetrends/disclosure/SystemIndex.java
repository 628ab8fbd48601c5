package ca.hotlinetrends.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An integer-indexed, array-based view of a {@link CellSystem} for the LP code: cell {@code i} has
 * id {@code ids[i]}, relation {@code r} is {@code sum_k relationCoefficients[r][k] *
 * x[relationCells[r][k]] = 0}. Cells are indexed in ascending id order so that every loop over
 * indices is a deterministic loop over ids. Immutable after construction.
 */
final class SystemIndex {

    final int cellCount;
    final String[] ids;
    final long[] values;
    /** {@link #values} as doubles, the start of the attacker's LPs. */
    final double[] startValues;

    final LedgerStatus[] ledger;
    /** Cells never held to the protection width: auxiliary cells and those the system exempts. */
    final boolean[] exempt;

    final String[] relationNames;
    final int[][] relationCells;
    final int[][] relationCoefficients;
    /** For each cell, the relations that contain it, ascending. */
    final int[][] cellRelations;

    private final Map<String, Integer> indexById;

    SystemIndex(CellSystem system) {
        this(system.cells(), system.relations());
        for (int i = 0; i < cellCount; i++) {
            exempt[i] |= system.exemptFromWidth().contains(ids[i]);
        }
    }

    /**
     * An index over cells whose values need not satisfy the relations (the caller checks what it needs);
     * every relation must name cells of {@code cells} and ids must be unique.
     */
    SystemIndex(List<Cell> cells, List<LinearRelation> relations) {
        List<Cell> sorted = new ArrayList<>(cells);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        cellCount = sorted.size();
        ids = new String[cellCount];
        values = new long[cellCount];
        startValues = new double[cellCount];
        ledger = new LedgerStatus[cellCount];
        exempt = new boolean[cellCount];
        indexById = new HashMap<>(cellCount * 2);
        for (int i = 0; i < cellCount; i++) {
            Cell cell = sorted.get(i);
            ids[i] = cell.id();
            values[i] = cell.value();
            startValues[i] = cell.value();
            ledger[i] = cell.ledgerStatus();
            exempt[i] = LabelKnowledge.isAuxiliary(cell.id());
            if (indexById.put(cell.id(), i) != null) {
                throw new InconsistentCellSystemException("cell id '" + cell.id() + "' is defined more than once");
            }
        }
        relationNames = new String[relations.size()];
        relationCells = new int[relations.size()][];
        relationCoefficients = new int[relations.size()][];
        int[] degree = new int[cellCount];
        for (int r = 0; r < relations.size(); r++) {
            LinearRelation relation = relations.get(r);
            relationNames[r] = relation.name();
            int n = relation.terms().size();
            relationCells[r] = new int[n];
            relationCoefficients[r] = new int[n];
            for (int k = 0; k < n; k++) {
                Integer cell = indexById.get(relation.terms().get(k).cellId());
                if (cell == null) {
                    throw new InconsistentCellSystemException("relation '" + relation.name() + "' names cell '"
                            + relation.terms().get(k).cellId() + "' which is not a cell of the system");
                }
                relationCells[r][k] = cell;
                relationCoefficients[r][k] = relation.terms().get(k).coefficient();
                degree[cell]++;
            }
        }
        cellRelations = new int[cellCount][];
        for (int i = 0; i < cellCount; i++) {
            cellRelations[i] = new int[degree[i]];
        }
        int[] fill = new int[cellCount];
        for (int r = 0; r < relationCells.length; r++) {
            for (int cell : relationCells[r]) {
                cellRelations[cell][fill[cell]++] = r;
            }
        }
    }

    int relationCount() {
        return relationCells.length;
    }

    /** The index of a cell id, or -1. */
    int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    boolean fixedByLedger(int cell) {
        return ledger[cell] == LedgerStatus.PUBLISHED_EARLIER;
    }

    /**
     * The cells reachable from {@code start} by at most {@code radius} relation hops, stepping only
     * onto cells with {@code passable[cell]}; {@code start} itself excluded, ascending. A negative
     * radius means unlimited, i.e. the whole connected component of {@code start}.
     */
    int[] neighbourhood(int start, boolean[] passable, int radius) {
        int[] depth = new int[cellCount];
        Arrays.fill(depth, -1);
        boolean[] relationSeen = new boolean[relationCells.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        depth[start] = 0;
        queue.add(start);
        int found = 0;
        while (!queue.isEmpty()) {
            int cell = queue.poll();
            if (radius >= 0 && depth[cell] >= radius) {
                continue;
            }
            for (int r : cellRelations[cell]) {
                if (relationSeen[r]) {
                    continue;
                }
                relationSeen[r] = true;
                for (int other : relationCells[r]) {
                    if (depth[other] < 0 && passable[other]) {
                        depth[other] = depth[cell] + 1;
                        found++;
                        queue.add(other);
                    }
                }
            }
        }
        int[] region = new int[found];
        int k = 0;
        for (int i = 0; i < cellCount; i++) {
            if (i != start && depth[i] >= 0) {
                region[k++] = i;
            }
        }
        return region;
    }

    /** The connected components of the unknown cells (two unknown cells in one relation are connected). */
    java.util.Collection<java.util.List<Integer>> unknownComponents(boolean[] unknown) {
        UnionFind components = new UnionFind(cellCount);
        for (int r = 0; r < relationCount(); r++) {
            int first = -1;
            for (int cell : relationCells[r]) {
                if (unknown[cell]) {
                    if (first < 0) {
                        first = cell;
                    } else {
                        components.union(first, cell);
                    }
                }
            }
        }
        java.util.Map<Integer, java.util.List<Integer>> members = new java.util.LinkedHashMap<>();
        for (int cell = 0; cell < cellCount; cell++) {
            if (unknown[cell]) {
                members.computeIfAbsent(components.find(cell), k -> new java.util.ArrayList<>())
                        .add(cell);
            }
        }
        return members.values();
    }
}
