package ca.hotlinetrends.publish;

import ca.hotlinetrends.disclosure.AuditResult;
import ca.hotlinetrends.disclosure.CellSuppressor;
import ca.hotlinetrends.disclosure.CellSystem;
import ca.hotlinetrends.disclosure.ReleaseLedger;
import ca.hotlinetrends.disclosure.SuppressionConfig;
import ca.hotlinetrends.disclosure.SuppressionResult;
import ca.hotlinetrends.disclosure.SuppressionStatus;
import ca.hotlinetrends.tables.CountTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Protects a set of linked count tables: primary and complementary suppression jointly with everything
 * earlier releases published (the ledger), then an independent attacker audit of the final pattern. Fails
 * closed: when any cell cannot be protected or the audit fails, it throws and nothing is published.
 */
public final class TableProtector {

    /** The protected tables and the evidence for the certificate. */
    public record Protected(List<CountTable> tables, SuppressionResult suppression, AuditResult audit) {
        public Protected {
            tables = List.copyOf(tables);
        }
    }

    private final SuppressionConfig config;

    public TableProtector(SuppressionConfig config) {
        this.config = config;
    }

    /**
     * @param tables the tables with true counts (all statuses PUBLISHED on entry)
     * @param relations adds each table's additivity (and links between tables) to the builder
     * @param ledger what earlier releases published and suppressed
     */
    public Protected protect(
            List<CountTable> tables, java.util.function.Consumer<CellSystem.Builder> relations, ReleaseLedger ledger) {
        return protect(tables, List.of(), relations, ledger);
    }

    /**
     * @param tables the tables of this release, with true counts
     * @param context cells of earlier releases that this release does not show again (e.g. an earlier year to
     *     date): the attacker holds them, so they enter the system with their ledger status, but are not returned
     * @param relations adds every relation among all these cells
     * @param ledger what earlier releases published and suppressed
     */
    public Protected protect(
            List<CountTable> tables,
            List<CountTable> context,
            java.util.function.Consumer<CellSystem.Builder> relations,
            ReleaseLedger ledger) {
        CellSystem.Builder builder = CellSystem.builder();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (CountTable t : tables) {
            for (CountTable.Cell c : t.cells()) {
                builder.addCell(t.cellId(c), c.count());
                ids.add(t.cellId(c));
            }
        }
        for (CountTable t : context) {
            for (CountTable.Cell c : t.cells()) {
                String id = t.cellId(c);
                if (ids.add(id)) {
                    if (!ledger.publishedCellIds().contains(id)
                            && !ledger.suppressedCellIds().contains(id)) {
                        throw new PrivacyCheckException("cell " + id + " of an earlier release is not in the ledger: "
                                + "the ledger and the published releases disagree");
                    }
                    builder.addCell(id, c.count());
                }
            }
        }
        relations.accept(builder);
        return protect(
                tables,
                java.util.function.Function.identity(),
                builder.ledger(ledger).build());
    }

    /**
     * Protects the tables of a release within a system already built (with earlier releases, their vintages and
     * ledger statuses).
     *
     * @param tables   the tables of this release, with true counts
     * @param systemId the id in {@code system} of a cell of these tables, given its {@link CountTable#cellId}
     * @param system   every cell the attacker can combine, the ledger applied
     */
    public Protected protect(
            List<CountTable> tables, java.util.function.Function<String, String> systemId, CellSystem system) {
        return protect(tables, systemId, system, false);
    }

    /**
     * As {@link #protect(List, java.util.function.Function, CellSystem)}; with {@code stopAtUnprotectable}, the
     * refusal comes at the first cell found unprotectable, naming that cell alone (for a run that then protects the
     * tables without its record-level release).
     */
    public Protected protect(
            List<CountTable> tables,
            java.util.function.Function<String, String> systemId,
            CellSystem system,
            boolean stopAtUnprotectable) {
        SuppressionResult result = new CellSuppressor(config).suppress(system, stopAtUnprotectable);
        if (!result.publishable()) {
            throw new PrivacyCheckException(result.unprotectedCellIds().size() + " cells cannot be protected "
                    + "(every complement is fixed by earlier releases or the audit fails), e.g. "
                    + result.unprotectedCellIds().stream().limit(5).toList());
        }
        // The suppressor's last audit is of this pattern, every suppressed cell held to the width (a fresh audit of
        // the pattern gives the same intervals: CellSuppressorPropertiesTest); solving it again cost as much as the
        // audit itself. Checked here again all the same: publish only what passed.
        AuditResult audit = result.audit();
        // And it must be of this pattern: every suppressed cell that is not auxiliary audited, and no other.
        List<String> suppressedIds = new ArrayList<>();
        result.statuses().forEach((id, s) -> {
            if (s.suppressed() && !ca.hotlinetrends.disclosure.LabelKnowledge.isAuxiliary(id)) {
                suppressedIds.add(id);
            }
        });
        List<String> auditedIds =
                audit.cells().stream().map(c -> c.cellId()).sorted().toList();
        if (!auditedIds.equals(suppressedIds.stream().sorted().toList())) {
            throw new PrivacyCheckException("the attacker audit is not of the suppression pattern to publish ("
                    + auditedIds.size() + " cells audited, " + suppressedIds.size() + " suppressed); nothing is "
                    + "published");
        }
        if (!audit.passed()) {
            throw new PrivacyCheckException(
                    "the attacker audit narrows " + audit.failures().size()
                            + " suppressed cells below the protection width of " + config.protectionWidth() + ", e.g. "
                            + audit.failedCellIds().stream().limit(5).toList());
        }
        List<CountTable> out = new ArrayList<>();
        for (CountTable t : tables) {
            List<CountTable.Cell> cells = new ArrayList<>();
            for (CountTable.Cell c : t.cells()) {
                SuppressionStatus s = result.status(systemId.apply(t.cellId(c)));
                cells.add(c.withStatus(
                        switch (s) {
                            case PUBLISHED -> CountTable.Status.PUBLISHED;
                            case SUPPRESSED_PRIMARY -> CountTable.Status.SUPPRESSED_PRIMARY;
                            case SUPPRESSED_SECONDARY -> CountTable.Status.SUPPRESSED_SECONDARY;
                        }));
            }
            out.add(t.withCells(cells));
        }
        return new Protected(out, result, audit);
    }

    /** Cell id to status code for the ledger. */
    public static Map<String, String> ledgerEntries(List<CountTable> tables) {
        Map<String, String> m = new TreeMap<>();
        for (CountTable t : tables) {
            for (CountTable.Cell c : t.cells()) {
                m.put(t.cellId(c), c.status().code());
            }
        }
        return m;
    }
}
