package ca.hotlinetrends.microdata;

import ca.hotlinetrends.anonymity.AnonymityConfig;
import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.anonymity.Anonymizer;
import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.schema.Hierarchy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code anonymize --config FILE --out DIR} shell, for any CSV or Parquet file: one Spark aggregation builds
 * the frequency table, the engine searches the lattice on the driver, Spark applies the chosen generalisation
 * and suppression, the output is re-checked independently, then written as Parquet.
 */
public final class AnonymizeJob {

    /** What a run found and wrote, with its timings. */
    public record Result(
            AnonymityResult anonymity,
            long recordsWritten,
            double histogramSeconds,
            double searchSeconds,
            double applySeconds,
            int distinctCombinations,
            Path out) {}

    private AnonymizeJob() {}

    public static Result run(SparkSession spark, AnonymizeSpec spec, Path out) {
        Dataset<Row> data = read(spark, spec);
        long t0 = System.nanoTime();
        List<Row> histogram = Generalisation.histogram(data, spec.quasiIdentifiers(), spec.sensitiveAttribute())
                .collectAsList();
        FrequencyTable table =
                Generalisation.frequencyTable(histogram, spec.quasiIdentifiers(), spec.sensitiveAttribute());
        long t1 = System.nanoTime();
        AnonymityResult result = Anonymizer.anonymize(config(spec).build(), table);
        long t2 = System.nanoTime();
        Dataset<Row> anonymised = Generalisation.apply(spark, data, spec.quasiIdentifiers(), result.recoding())
                .cache();
        try {
            AnonymizationCheck.verify(
                    anonymised,
                    spec.quasiIdentifiers(),
                    spec.k(),
                    spec.sensitiveAttribute(),
                    spec.l(),
                    spec.lVariant());
            anonymised.write().mode("overwrite").parquet(out.toString());
            long written = anonymised.count();
            long t3 = System.nanoTime();
            return new Result(result, written, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, table.size(), out);
        } finally {
            anonymised.unpersist();
        }
    }

    /** The engine's configuration of a job file: hierarchies read, limits and weights in quasi-identifier order. */
    static AnonymityConfig.Builder config(AnonymizeSpec spec) {
        List<Hierarchy> hierarchies = new ArrayList<>();
        for (String qi : spec.quasiIdentifiers()) {
            hierarchies.add(Hierarchy.read(qi, Path.of(spec.hierarchies().get(qi)), ';'));
        }
        AnonymityConfig.Builder cfg = AnonymityConfig.builder()
                .quasiIdentifiers(spec.quasiIdentifiers())
                .hierarchies(hierarchies)
                .k(spec.k())
                .suppressionLimit(spec.suppressionLimit())
                .metric(spec.metric())
                .localSuppression(spec.localSuppression());
        // In the order of the quasi-identifiers, so the same job file gives the same configuration.
        for (String qi : spec.quasiIdentifiers()) {
            if (spec.maxLevels().containsKey(qi)) {
                cfg.maxLevel(qi, spec.maxLevels().get(qi));
            }
            if (spec.minLevels().containsKey(qi)) {
                cfg.minLevel(qi, spec.minLevels().get(qi));
            }
            if (spec.weights().containsKey(qi)) {
                cfg.weight(qi, spec.weights().get(qi));
            }
        }
        if (spec.l() != null) {
            cfg.lDiversity(spec.sensitiveAttribute(), spec.l(), spec.lVariant());
        }
        return cfg;
    }

    /**
     * Runs the job without Spark when the input is a small CSV file that {@link LocalAnonymizeJob} reads as Spark
     * does (the same rows written); otherwise returns empty and the caller runs {@link #run}.
     */
    public static java.util.Optional<Result> runWithoutSpark(AnonymizeSpec spec, Path out) {
        return LocalAnonymizeJob.read(spec).map(csv -> LocalAnonymizeJob.run(spec, csv, out));
    }

    private static Dataset<Row> read(SparkSession spark, AnonymizeSpec spec) {
        String input = spec.input();
        if (input.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")) {
            return spark.read().parquet(input);
        }
        if (!java.nio.file.Files.isRegularFile(Path.of(input))) {
            throw new IllegalArgumentException("anonymize input does not exist: " + input
                    + " (relative paths resolve against the current directory)");
        }
        return spark.read()
                .option("header", "true")
                .option("sep", spec.separator())
                .option("inferSchema", "false")
                .csv(input);
    }
}
