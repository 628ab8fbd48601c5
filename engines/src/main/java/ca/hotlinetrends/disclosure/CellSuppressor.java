package ca.hotlinetrends.disclosure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Primary and complementary cell suppression of linked tables, checked by an attacker audit.
 *
 * <p><b>Primary suppression.</b> A cell not published in an earlier release is sensitive when the
 * {@link MinCellCountRule} flags it; sensitive cells and cells suppressed in an earlier release
 * ({@link LedgerStatus#SUPPRESSED_EARLIER}) start suppressed. Cells published earlier are
 * constants for the attacker and are never suppressed.
 *
 * <p><b>Complementary suppression</b> (unless switched off) is a heuristic for the cell
 * suppression problem with linear constraints of Fischetti and Salazar-Gonz&aacute;lez (JASA
 * 95(451):916-928, 2000), in the LP/network tradition of Kelly, Golden and Assad (Networks
 * 22:397-417, 1992) and Cox (JASA 90:1453-1462, 1995). A sensitive cell {@code p} is protected
 * when its attacker interval is at least {@code protectionWidth} ({@code W}) wide; a proof of that is
 * a pair of {@link Witness witnesses}: tables the attacker cannot rule out (non-negative, every
 * relation holds, only suppressed cells differ from the truth) in which {@code p} is
 * {@code L = min(value, W / 2)} lower and {@code W - L} higher than its true value.
 * <ol>
 *   <li>Each sensitive cell, in ascending id order, is skipped if witnesses already found move it
 *       far enough. Otherwise a {@link ProtectionLp protection LP} finds the cheapest deviation of
 *       the table moving {@code p} up (cost of suppressing a cell: {@code costPerUnitCount * value +
 *       costPerCell}, linearised as in a fixed-charge flow; suppressed cells nearly free), first
 *       among the cells within 2 relation hops of {@code p}, then those plus the suppressed cells
 *       connected to {@code p}, then its whole component. Every new cell it moves becomes a
 *       complementary suppression. The up witness, reversed and scaled, is the down witness when it
 *       stays non-negative; otherwise a second LP finds one. If no witness exists for the default
 *       split of {@code W}, the split is re-balanced from the interval {@code p} would have with
 *       every unfixed cell suppressed; if even that interval is narrower than {@code W}, {@code p}
 *       cannot be protected and is reported. Otherwise it is protected: should the protection LPs
 *       still find no witnesses, witnesses from that interval's own LP are adopted (and should those
 *       fail too, every unfixed cell connected to {@code p} is suppressed), so a cell is reported only
 *       when no suppression pattern at all would protect it.</li>
 *   <li>Pruning: each complementary suppression, most costly first (ties by id), is tentatively
 *       published again; the change is kept only if every sensitive cell whose witness moved it gets
 *       new witnesses, from the remaining ones or from an LP over suppressed cells within 2 hops.</li>
 * </ol>
 * Suppression only grows in step 1, so every witness stays valid and step 1 ends with every
 * protectable sensitive cell protected; step 2 un-suppresses only with a new proof. Each step is a
 * single pass with a bounded number of LPs per cell, so the search terminates. Cells are indexed,
 * and LP variables ordered, by id, so the same input gives the same output. The connected components of the
 * relations are searched side by side, on as many threads as there are cores (at most 4), with the same outcome as
 * one pass over all cells ({@link ComplementSearch}).
 *
 * <p><b>Every suppressed cell keeps the width.</b> Nothing published says why a cell is suppressed, so a
 * complement narrowed below the width would both single itself out as no small count and narrow the cells it
 * protects. Cells suppressed in an earlier release are protected from the first round; after each round the
 * complements the audit finds narrower than the width are protected in a further round (at most {@value
 * #MAX_ROUNDS}), which only adds suppressions, so earlier witnesses stay valid.
 *
 * <p><b>Audit.</b> The final pattern is audited by {@link AttackerAudit}, independent of the complement search
 * (exact feasibility intervals of all suppressed cells): the last round's audit, which is of that pattern, judged
 * with every suppressed cell held to the width. The result is publishable only if no sensitive
 * cell is unprotectable and the audit passes; callers must refuse to publish otherwise
 * ({@link SuppressionResult#requirePublishable()}).
 *
 * <p>Immutable and thread-safe; each call works on its own state.
 */
public final class CellSuppressor {

    /** Threads the complementary suppression searches components on: the cores, at most 4. */
    private static final int THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final SuppressionConfig config;
    private final int threads;

    public CellSuppressor(SuppressionConfig config) {
        this(config, THREADS);
    }

    /** With {@code threads} 1, one pass over all cells (the tests' reference for components side by side). */
    CellSuppressor(SuppressionConfig config, int threads) {
        this.config = Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Suppresses, audits and reports; never alters a value. */
    public SuppressionResult suppress(CellSystem system) {
        return suppress(system, false);
    }

    /**
     * As {@link #suppress(CellSystem)}; with {@code stopAtUnprotectable}, stops at the first sensitive cell found
     * unprotectable and returns a result that is not publishable (its pattern incomplete, its audit empty), for a
     * caller that then protects another system instead (a run that withholds the record-level release).
     */
    public SuppressionResult suppress(CellSystem system, boolean stopAtUnprotectable) {
        Objects.requireNonNull(system, "system");
        SystemIndex index = system.index();
        MinCellCountRule rule = config.primaryRule();
        boolean[] sensitive = new boolean[index.cellCount];
        boolean[] suppressed = new boolean[index.cellCount];
        boolean anySensitive = false;
        for (int cell = 0; cell < index.cellCount; cell++) {
            sensitive[cell] = !index.fixedByLedger(cell) && rule.isSensitive(index.values[cell]) && !index.exempt[cell];
            suppressed[cell] = sensitive[cell] || index.ledger[cell] == LedgerStatus.SUPPRESSED_EARLIER;
            anySensitive |= sensitive[cell];
        }
        // Every suppressed cell keeps the width, not only small counts: nothing published says why a cell is
        // suppressed, so a complement narrowed below the width would tell the attacker it is not a small count and
        // narrow the small counts it protects. Cells suppressed in an earlier release are protected from the start;
        // a complement found narrower than the width after a round is protected in the next round.
        boolean[] held = sensitive.clone();
        for (int cell = 0; cell < index.cellCount; cell++) {
            if (index.ledger[cell] == LedgerStatus.SUPPRESSED_EARLIER && holdsWidth(index, cell)) {
                held[cell] = true;
            }
        }
        TreeSet<String> unprotected = new TreeSet<>();
        int complementLps = 0;
        boolean[] toProtect = held.clone();
        AttackerAudit attacker = new AttackerAudit(rule, config.protectionWidth());
        AuditResult audit;
        for (int round = 0; ; round++) {
            if (config.complementarySuppression() && any(toProtect)) {
                ComplementSearch search = new ComplementSearch(index, config, toProtect, suppressed);
                search.run(threads, stopAtUnprotectable);
                search.unprotectable().forEach(cell -> unprotected.add(index.ids[cell]));
                complementLps += search.lpsSolved();
                if (stopAtUnprotectable && !unprotected.isEmpty()) {
                    return summarise(
                            index, sensitive, suppressed, new AuditResult(List.of(), 0), unprotected, complementLps);
                }
            }
            audit = attacker.audit(index, suppressed, held);
            toProtect = new boolean[index.cellCount];
            boolean more = false;
            for (CellAudit c : audit.cells()) {
                int cell = index.indexOf(c.cellId());
                if (!held[cell] && holdsWidth(index, cell) && c.width() < config.protectionWidth()) {
                    toProtect[cell] = true;
                    more = true;
                }
            }
            if (!more || !config.complementarySuppression() || round == MAX_ROUNDS) {
                break;
            }
            for (int cell = 0; cell < index.cellCount; cell++) {
                held[cell] |= toProtect[cell];
            }
        }
        // The last round's audit was of the final pattern: judged with every suppressed cell held to the width, it
        // is the final audit (CellSuppressorPropertiesTest checks that a fresh audit of the pattern agrees).
        audit = attacker.judgedAsFinal(index, audit);
        unprotected.addAll(audit.failedCellIds());
        return summarise(index, sensitive, suppressed, audit, unprotected, complementLps);
    }

    /** Rounds of complementary suppression for complements found too narrow (each round only adds suppressions). */
    private static final int MAX_ROUNDS = 4;

    private boolean holdsWidth(SystemIndex index, int cell) {
        return AttackerAudit.holdsWidth(index, cell, config.primaryRule());
    }

    private static boolean any(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private static SuppressionResult summarise(
            SystemIndex index,
            boolean[] sensitive,
            boolean[] suppressed,
            AuditResult audit,
            TreeSet<String> unprotected,
            int lps) {
        Map<String, SuppressionStatus> statuses = new HashMap<>();
        Map<String, Long> published = new HashMap<>();
        int primaries = 0;
        int secondaries = 0;
        double totalCount = 0;
        double suppressedCount = 0;
        for (int cell = 0; cell < index.cellCount; cell++) {
            totalCount += index.values[cell];
            if (!suppressed[cell]) {
                statuses.put(index.ids[cell], SuppressionStatus.PUBLISHED);
                published.put(index.ids[cell], index.values[cell]);
                continue;
            }
            suppressedCount += index.values[cell];
            if (sensitive[cell]) {
                primaries++;
                statuses.put(index.ids[cell], SuppressionStatus.SUPPRESSED_PRIMARY);
            } else {
                secondaries++;
                statuses.put(index.ids[cell], SuppressionStatus.SUPPRESSED_SECONDARY);
            }
        }
        double cellShare = index.cellCount == 0 ? 0 : (double) (primaries + secondaries) / index.cellCount;
        double countShare = totalCount == 0 ? 0 : suppressedCount / totalCount;
        return new SuppressionResult(
                statuses,
                published,
                primaries,
                secondaries,
                cellShare,
                countShare,
                audit,
                List.copyOf(unprotected),
                lps);
    }
}
