package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cells of all tables linked to a release plus the linear relations between them: everything
 * an attacker can combine. This is the linked-tables model of the general cell suppression problem
 * (Fischetti and Salazar-Gonz&aacute;lez, JASA 95(451):916-928, 2000): a vector of non-negative
 * cell values and a system of linear equalities {@code M x = 0}.
 *
 * <p>Construction checks that ids are unique, every relation names known cells and the true
 * values satisfy every relation (exactly, in integer arithmetic); a violation throws
 * {@link InconsistentCellSystemException}. Cells keep the order in which they were added.
 * Immutable and thread-safe.
 */
public final class CellSystem {

    private final List<Cell> cells;
    private final List<LinearRelation> relations;
    private final Map<String, Cell> cellsById;
    private final SystemIndex index;
    private final java.util.Set<String> exempt;

    private CellSystem(List<Cell> cells, List<LinearRelation> relations) {
        this(cells, relations, java.util.Set.of());
    }

    private CellSystem(List<Cell> cells, List<LinearRelation> relations, java.util.Set<String> exempt) {
        this.exempt = java.util.Set.copyOf(exempt);
        this.cells = List.copyOf(cells);
        this.relations = List.copyOf(relations);
        Map<String, Cell> byId = new LinkedHashMap<>();
        for (Cell cell : this.cells) {
            if (byId.putIfAbsent(cell.id(), cell) != null) {
                throw new InconsistentCellSystemException("cell id '" + cell.id() + "' is defined more than once");
            }
        }
        this.cellsById = Collections.unmodifiableMap(byId);
        for (LinearRelation relation : this.relations) {
            checkHolds(relation);
        }
        this.index = new SystemIndex(this);
    }

    /** A system from cells and relations; see the class contract for the checks. */
    public static CellSystem of(List<Cell> cells, List<LinearRelation> relations) {
        Objects.requireNonNull(cells, "cells");
        Objects.requireNonNull(relations, "relations");
        return new CellSystem(cells, relations);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    private void checkHolds(LinearRelation relation) {
        long sum = 0;
        for (LinearRelation.Term term : relation.terms()) {
            Cell cell = cellsById.get(term.cellId());
            if (cell == null) {
                throw new InconsistentCellSystemException("relation '" + relation.name() + "' names cell '"
                        + term.cellId() + "' which is not a cell of the system");
            }
            sum = Math.addExact(sum, Math.multiplyExact((long) term.coefficient(), cell.value()));
        }
        if (sum != 0) {
            throw new InconsistentCellSystemException("the cell values violate relation '" + relation.name()
                    + "': the tables are not consistent (check totals and links)");
        }
    }

    /** All cells, in insertion order. */
    public List<Cell> cells() {
        return cells;
    }

    /** All relations, in insertion order. */
    public List<LinearRelation> relations() {
        return relations;
    }

    /** The cell with this id. */
    public Cell cell(String id) {
        Cell cell = cellsById.get(Objects.requireNonNull(id, "id"));
        if (cell == null) {
            throw new IllegalArgumentException("no cell with id '" + id + "' in this system");
        }
        return cell;
    }

    /** Whether a cell with this id exists. */
    public boolean contains(String id) {
        return cellsById.containsKey(id);
    }

    /** Integer-indexed view shared by the audit and the suppression search. */
    SystemIndex index() {
        return index;
    }

    /**
     * Cells that need no protection width even when they are small counts (besides auxiliary cells): cells an
     * earlier release already disclosed beyond any protection, kept as attacker knowledge only.
     */
    public java.util.Set<String> exemptFromWidth() {
        return exempt;
    }

    /**
     * Collects cells and relations. Cells added without a status are {@link LedgerStatus#NEW} until
     * a {@link #ledger(ReleaseLedger) ledger} says otherwise. Not thread-safe; {@link #build()}
     * returns an immutable system.
     */
    public static final class Builder {
        private final List<Cell> cells = new ArrayList<>();
        private final List<LinearRelation> relations = new ArrayList<>();
        private ReleaseLedger ledger = ReleaseLedger.empty();
        private final java.util.Set<String> exempt = new java.util.HashSet<>();

        private Builder() {}

        /** Cells held to no protection width (see {@link CellSystem#exemptFromWidth()}). */
        public Builder exemptFromWidth(java.util.Collection<String> ids) {
            exempt.addAll(ids);
            return this;
        }

        /** Adds a new cell. */
        public Builder addCell(String id, long value) {
            cells.add(Cell.newCell(id, value));
            return this;
        }

        /** Adds a cell with an explicit ledger status. */
        public Builder addCell(Cell cell) {
            cells.add(Objects.requireNonNull(cell, "cell"));
            return this;
        }

        /** Adds a relation. */
        public Builder addRelation(LinearRelation relation) {
            relations.add(Objects.requireNonNull(relation, "relation"));
            return this;
        }

        /** Links the same count shown in two places: {@code first - second = 0}. */
        public Builder sameCount(String firstId, String secondId) {
            return addRelation(LinearRelation.sameCount("same:" + firstId + "=" + secondId, firstId, secondId));
        }

        /** Links a total to its parts, possibly in other tables: {@code total - sum(parts) = 0}. */
        public Builder sumOfParts(String totalId, List<String> partIds) {
            return addRelation(LinearRelation.sumOfParts("sum:" + totalId, totalId, partIds));
        }

        /** Links a total to its parts, possibly in other tables: {@code total - sum(parts) = 0}. */
        public Builder sumOfParts(String totalId, String... partIds) {
            return sumOfParts(totalId, Arrays.asList(partIds));
        }

        /**
         * Applies earlier releases: cells added as {@link LedgerStatus#NEW} take the ledger's status.
         * A cell added with an explicit status that the ledger contradicts makes {@link #build()} throw.
         */
        public Builder ledger(ReleaseLedger releaseLedger) {
            this.ledger = Objects.requireNonNull(releaseLedger, "releaseLedger");
            return this;
        }

        /** The immutable, checked system. */
        public CellSystem build() {
            List<Cell> resolved = new ArrayList<>(cells.size());
            for (Cell cell : cells) {
                LedgerStatus fromLedger = ledger.statusOf(cell.id());
                if (cell.ledgerStatus() == LedgerStatus.NEW) {
                    resolved.add(cell.withLedgerStatus(fromLedger));
                } else if (fromLedger == LedgerStatus.NEW || fromLedger == cell.ledgerStatus()) {
                    resolved.add(cell);
                } else {
                    throw new InconsistentCellSystemException("cell '" + cell.id() + "' was added as "
                            + cell.ledgerStatus() + " but the ledger records it as " + fromLedger);
                }
            }
            return new CellSystem(resolved, relations, exempt);
        }
    }
}
