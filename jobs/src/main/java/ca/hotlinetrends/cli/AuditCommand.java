package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.OutsiderAudit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit --release R}: the attacker audit as an outsider, from the published CSV tables of R and every
 * earlier release only. Exit 0 when every suppressed-primary cell keeps at least the protection width and no
 * published cell changed between releases, 4 otherwise. No Spark.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Audit published releases as an outsider: feasible range of every suppressed cell from the "
                + "published CSV tables of the release and every earlier one.")
final class AuditCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--release", required = true, description = "Last release to read, e.g. 2026Q3.")
    String release;

    @Option(
            names = "--protection-width",
            description = "Smallest acceptable width of a suppressed cell's feasible range (default: the "
                    + "protection width the release's certificate states; for a release whose certificate states "
                    + "none, the configuration's privacy.protection_width, 5).")
    Integer protectionWidth;

    @Override
    public Integer call() {
        HotlineConfig config = common.config();
        Quarter audited = Quarter.parse(release);
        // The release's own rule, as its certificate states it: an outsider has nothing else to go by.
        long width = protectionWidth != null
                ? protectionWidth
                : ca.hotlinetrends.release.ReleaseCertificate.readIfPresent(
                                common.warehouse().release(audited))
                        .flatMap(c -> {
                            java.util.OptionalLong w = c.tableProtection().protectionWidth();
                            return w.isPresent() ? java.util.Optional.of(w.getAsLong()) : java.util.Optional.empty();
                        })
                        .orElse((long) config.privacy().protectionWidth());
        HotlineTrends.progress(
                "audit",
                "reading published releases up to " + release + " in "
                        + common.warehouse().published());
        // Staff tell small counts apart with the restricted ledger values; without them (an outsider's copy of
        // published/) every suppressed cell is held to the width.
        ca.hotlinetrends.publish.Ledger ledger = new ca.hotlinetrends.publish.Ledger(common.warehouse());
        OutsiderAudit.Result r = new OutsiderAudit(common.schemas(), width)
                .run(common.warehouse().published(), audited, q -> readable(ledger, q));
        System.out.print(r.summary());
        return r.passed() ? HotlineTrends.OK : HotlineTrends.PRIVACY_REFUSED;
    }

    private static java.util.Optional<java.util.Map<String, Long>> readable(
            ca.hotlinetrends.publish.Ledger ledger, Quarter q) {
        try {
            return ledger.vintage(q);
        } catch (IllegalStateException e) {
            return java.util.Optional.empty();
        }
    }
}
