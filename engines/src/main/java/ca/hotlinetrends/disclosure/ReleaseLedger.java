package ca.hotlinetrends.disclosure;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What earlier releases did: the ids of cells they published and the ids of cells they
 * suppressed. Applied to a {@link CellSystem} by {@link CellSystem.Builder#ledger(ReleaseLedger)};
 * ids that are not cells of that system are ignored (the ledger covers every release, a system
 * only the tables linked to the current one). See {@link LedgerStatus} for what each status means.
 * Immutable.
 *
 * @param publishedCellIds  ids published in some earlier release
 * @param suppressedCellIds ids suppressed in some earlier release; disjoint from the published ids
 */
public record ReleaseLedger(Set<String> publishedCellIds, Set<String> suppressedCellIds) {

    public ReleaseLedger {
        publishedCellIds = Set.copyOf(Objects.requireNonNull(publishedCellIds, "publishedCellIds"));
        suppressedCellIds = Set.copyOf(Objects.requireNonNull(suppressedCellIds, "suppressedCellIds"));
        Set<String> both = new HashSet<>(publishedCellIds);
        both.retainAll(suppressedCellIds);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("a cell cannot be both published and suppressed by earlier "
                    + "releases; cells in both sets: " + new TreeSet<>(both));
        }
    }

    /** The ledger of a first release: nothing published or suppressed before. */
    public static ReleaseLedger empty() {
        return new ReleaseLedger(Set.of(), Set.of());
    }

    /** The ledger status of a cell id. */
    public LedgerStatus statusOf(String cellId) {
        if (publishedCellIds.contains(cellId)) {
            return LedgerStatus.PUBLISHED_EARLIER;
        }
        return suppressedCellIds.contains(cellId) ? LedgerStatus.SUPPRESSED_EARLIER : LedgerStatus.NEW;
    }
}
