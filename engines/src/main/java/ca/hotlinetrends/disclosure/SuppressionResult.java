package ca.hotlinetrends.disclosure;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of {@link CellSuppressor#suppress(CellSystem)}: the final status of every cell, the
 * values that may be published (unchanged true values: suppression hides, it never alters), summary
 * counts and shares, the independent {@link AttackerAudit} of the final pattern and the sensitive
 * cells left unprotected.
 *
 * <p>Fail closed: publish only if {@link #publishable()}. Maps are sorted by cell id. Immutable.
 *
 * @param statuses             final status of every cell of the system
 * @param publishedValues      the value of every {@link SuppressionStatus#PUBLISHED} cell, and only those
 * @param primaryCount         number of {@link SuppressionStatus#SUPPRESSED_PRIMARY} cells
 * @param secondaryCount       number of {@link SuppressionStatus#SUPPRESSED_SECONDARY} cells
 * @param suppressedCellShare  suppressed cells over all cells, in {@code [0, 1]}
 * @param suppressedCountShare sum of suppressed values over sum of all values (0 if that is 0), in
 *                             {@code [0, 1]}; cells shown in several linked tables count once per table
 * @param audit                the attacker audit of the final pattern
 * @param unprotectedCellIds   sensitive cells that could not be protected (every possible complement
 *                             is fixed by earlier releases) or that fail the audit; ascending
 * @param complementLpsSolved  LPs solved while choosing complements (the audit counts its own)
 */
public record SuppressionResult(
        Map<String, SuppressionStatus> statuses,
        Map<String, Long> publishedValues,
        int primaryCount,
        int secondaryCount,
        double suppressedCellShare,
        double suppressedCountShare,
        AuditResult audit,
        List<String> unprotectedCellIds,
        int complementLpsSolved) {

    public SuppressionResult {
        statuses = sortedCopy(Objects.requireNonNull(statuses, "statuses"));
        publishedValues = sortedCopy(Objects.requireNonNull(publishedValues, "publishedValues"));
        Objects.requireNonNull(audit, "audit");
        unprotectedCellIds = List.copyOf(Objects.requireNonNull(unprotectedCellIds, "unprotectedCellIds"));
        long primaries = statuses.values().stream()
                .filter(s -> s == SuppressionStatus.SUPPRESSED_PRIMARY)
                .count();
        long secondaries = statuses.values().stream()
                .filter(s -> s == SuppressionStatus.SUPPRESSED_SECONDARY)
                .count();
        if (primaryCount != primaries || secondaryCount != secondaries) {
            throw new IllegalArgumentException("primaryCount and secondaryCount must match the statuses (" + primaries
                    + ", " + secondaries + "). Provided values: " + primaryCount + ", " + secondaryCount);
        }
        for (Map.Entry<String, SuppressionStatus> entry : statuses.entrySet()) {
            boolean published = entry.getValue() == SuppressionStatus.PUBLISHED;
            if (published != publishedValues.containsKey(entry.getKey())) {
                throw new IllegalArgumentException("publishedValues must hold exactly the published cells; cell '"
                        + entry.getKey() + "' is " + entry.getValue());
            }
        }
        if (publishedValues.size() != statuses.size() - primaries - secondaries) {
            throw new IllegalArgumentException("publishedValues names cells that have no status");
        }
        requireShare("suppressedCellShare", suppressedCellShare);
        requireShare("suppressedCountShare", suppressedCountShare);
        for (String id : unprotectedCellIds) {
            if (statuses.get(id) == null || !statuses.get(id).suppressed()) {
                throw new IllegalArgumentException(
                        "an unprotected cell must be suppressed; cell '" + id + "' is " + statuses.get(id));
            }
        }
        if (!unprotectedCellIds.containsAll(audit.failedCellIds())) {
            throw new IllegalArgumentException("every cell failing the audit must be listed as unprotected; "
                    + "failing: " + audit.failedCellIds() + ", listed: " + unprotectedCellIds);
        }
        if (complementLpsSolved < 0) {
            throw new IllegalArgumentException(
                    "complementLpsSolved must be >= 0. Provided value: " + complementLpsSolved);
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]. Provided value: " + share);
        }
    }

    private static <V> SortedMap<String, V> sortedCopy(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** Whether the release may be published: every sensitive cell is protected and the audit passes. */
    public boolean publishable() {
        return unprotectedCellIds.isEmpty() && audit.passed();
    }

    /**
     * Returns normally only if {@link #publishable()}; the guard a release job calls before writing.
     *
     * @throws UnprotectedCellsException naming the unprotected cells otherwise
     */
    public void requirePublishable() {
        if (!publishable()) {
            throw new UnprotectedCellsException(unprotectedCellIds);
        }
    }

    /** The status of one cell. */
    public SuppressionStatus status(String cellId) {
        SuppressionStatus status = statuses.get(cellId);
        if (status == null) {
            throw new IllegalArgumentException("no cell with id '" + cellId + "' in this result");
        }
        return status;
    }

    /** The ids with a given status, ascending. */
    public List<String> cellIds(SuppressionStatus status) {
        return statuses.entrySet().stream()
                .filter(e -> e.getValue() == status)
                .map(Map.Entry::getKey)
                .toList();
    }
}
