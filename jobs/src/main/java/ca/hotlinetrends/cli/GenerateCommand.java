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
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write a seeded synthetic hotline export (contacts and victims) for tests, demos and benchmarks.")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    HotlineTrends.Common common = new HotlineTrends.Common();

    @Option(names = "--out", required = true, description = "Folder to write the export into.")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "" + GenerateConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--scale",
            defaultValue = "1",
            description = "Volume multiplier (default: ${DEFAULT-VALUE}; 2000 gives about 10 million contacts).")
    double scale;

    @Option(names = "--from", defaultValue = "2019Q1", description = "First quarter (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", defaultValue = "2026Q3", description = "Last quarter (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(
            names = "--format",
            defaultValue = "csv",
            description = "csv, jsonl or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--dirty",
            defaultValue = "0",
            description =
                    "Share of records spoiled on purpose, labelled in dirty-labels.csv (default: ${DEFAULT-VALUE}).")
    double dirty;

    @Option(
            names = "--datasets",
            defaultValue = "contacts,victims",
            split = ",",
            description =
                    "Datasets to write (default: ${DEFAULT-VALUE}); the others are generated and discarded, so records do not depend on this choice.")
    java.util.Set<String> datasets;

    @Override
    public Integer call() {
        GenerateConfig g =
                new GenerateConfig(out, seed, scale, Quarter.parse(from), Quarter.parse(to), format, dirty, datasets);
        long t0 = System.nanoTime();
        ExportGenerator.Result r = Operations.generate(common.context(), g);
        HotlineTrends.progress(
                "generate",
                String.format(
                        "%,d contacts, %,d potential victims in %,d cases (%s) in %.1f s -> %s",
                        r.contacts(), r.victims(), r.cases(), format, (System.nanoTime() - t0) / 1e9, out));
        if (!r.planted().isEmpty()) {
            HotlineTrends.progress("generate", "dirty records planted: " + r.planted() + " (see dirty-labels.csv)");
        }
        return HotlineTrends.OK;
    }
}
