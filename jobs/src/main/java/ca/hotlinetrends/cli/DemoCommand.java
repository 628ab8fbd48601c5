package ca.hotlinetrends.cli;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.pipeline.Operations;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generate a seeded synthetic export and publish a release from it, end to end, on local Spark.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(
            names = "--release",
            defaultValue = "2026Q3",
            description = "Release to publish (default: ${DEFAULT-VALUE}).")
    String release;

    @Option(
            names = "--seed",
            defaultValue = "" + GenerateConfig.DEFAULT_SEED,
            description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--notes",
            paramLabel = "DIR",
            description =
                    "Staff notes: DIR/<release>/en.md and fr.md, e.g. "
                            + "examples/notes (checked against the demo release and shown in its newsletter and brief). Default: none.")
    java.nio.file.Path notes;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        Quarter r = Quarter.parse(release);
        Path export = common.warehouse().root().resolve("demo-export");
        common.startSpark("run " + r);
        // The tables stage reads the released records back through DuckDB: its library loads meanwhile.
        ca.hotlinetrends.publish.MicrodataLinks.preload();
        HotlineTrends.progress("demo", "1/4 generating a synthetic export (seed " + seed + ", 2019Q1.." + r + ")");
        ExportGenerator.Result g = Operations.generate(
                common.context(), new GenerateConfig(export, seed, 1.0, GenerateConfig.DEFAULT_FROM, r, "csv", 0.0));
        HotlineTrends.progress(
                "demo",
                String.format(
                        "   %,d contacts, %,d potential victims, %,d cases -> %s",
                        g.contacts(), g.victims(), g.cases(), export));
        HotlineTrends.progress("demo", "2/4 ingesting, 3/4 publishing tables and microdata, 4/4 rendering reports");
        int code = RunCommand.pipeline(common, export, r, null, seed, notes, (stage, releaseDir) -> {});
        if (code != HotlineTrends.OK) {
            return code;
        }
        Path out = common.warehouse().release(r);
        System.out.println();
        System.out.printf("Demo finished in %.0f s. Outputs:%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("  tables       " + out.resolve("tables") + " (Parquet and CSV; x = suppressed)");
        System.out.println("  microdata    " + out.resolve("microdata") + " (k-anonymous records, anonymization.json)");
        System.out.println("  charts       " + out.resolve("charts"));
        System.out.println("  newsletter   " + out.resolve("reports/newsletter-en.html") + " (and -fr)");
        System.out.println("  brief        " + out.resolve("reports/policy-brief-en.pdf") + " (and -fr)");
        System.out.println("  certificate  " + out.resolve(ca.hotlinetrends.release.ReleaseCertificate.FILE));
        System.out.println("  restricted   " + common.warehouse().restricted()
                + " (staged, quarantine, each run's manifest and report.html under runs/; never published)");
        return HotlineTrends.OK;
    }
}
