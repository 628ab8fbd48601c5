package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.pipeline.Operations;
import ca.hotlinetrends.publish.OutsiderAudit;
import java.util.OptionalLong;
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
        OutsiderAudit.Result r = Operations.audit(
                common.context(),
                Quarter.parse(release),
                protectionWidth == null ? OptionalLong.empty() : OptionalLong.of(protectionWidth));
        System.out.print(r.summary());
        return r.passed() ? HotlineTrends.OK : HotlineTrends.PRIVACY_REFUSED;
    }
}
