package ca.hotlinetrends.disclosure;

/**
 * The final decision for one cell of a release.
 *
 * <p>{@link #SUPPRESSED_PRIMARY} marks a sensitive cell (the {@link MinCellCountRule} flags its
 * value); {@link #SUPPRESSED_SECONDARY} marks a complementary suppression, chosen only to protect
 * sensitive cells, or a non-sensitive cell kept suppressed because an earlier release suppressed
 * it (see {@link LedgerStatus#SUPPRESSED_EARLIER}).
 */
public enum SuppressionStatus {
    PUBLISHED,
    SUPPRESSED_PRIMARY,
    SUPPRESSED_SECONDARY;

    /** Whether the cell's value is withheld from the release. */
    public boolean suppressed() {
        return this != PUBLISHED;
    }
}
