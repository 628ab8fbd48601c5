package ca.hotlinetrends.disclosure;

/**
 * What earlier releases did with a cell, as recorded in the release ledger.
 *
 * <p>The attacker is assumed to hold every table of every earlier release, so a value published
 * earlier is public knowledge for ever: it enters the attacker's equations as a constant and can
 * no longer be suppressed. A cell suppressed in an earlier release <em>stays suppressed</em> in
 * every later release: publishing it now could open a differencing attack on the cells it was
 * protecting in earlier releases, and proving that it does not would require re-auditing every
 * earlier release with the new value, which this package does not attempt.
 */
public enum LedgerStatus {
    /** Never released before; this release decides whether it is published. */
    NEW,
    /** Published in an earlier release: its value is public and fixed. */
    PUBLISHED_EARLIER,
    /** Suppressed in an earlier release: it stays suppressed now. */
    SUPPRESSED_EARLIER
}
