package ca.hotlinetrends.bench;

import ca.hotlinetrends.anonymity.AnonymityConfig;
import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.anonymity.Anonymizer;
import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.microdata.Generalisation;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.PrivacyRole;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.spark.SparkSessions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark of the k-anonymity stage on staged victims: one plain Spark groupBy over the quasi-identifiers and the
 * l-diversity attribute, collected (the floor), against the stage as the microdata job runs it without a trends pass
 * before it: its frequencies counted in one pass over the same columns ({@link Generalisation#counts(Dataset,
 * ca.hotlinetrends.schema.DatasetSchema, SchemaRegistry, List)}), the frequency table built, and the lattice search
 * on the driver, with the release's own anonymity configuration (the schema's utility limits and weights,
 * l-diversity of the recruiter relation, local suppression). Each is warmed up once (the engine's search too), then timed three times; the
 * least of each is printed, with every round's parts. The staged records can be replicated to reach larger sizes
 * (the number of distinct combinations, which drives the search, stays the same). Usage: {@code AnonymizeBench
 * <staged-victims> <copies>}.
 */
public final class AnonymizeBench {

    private AnonymizeBench() {}

    public static void main(String[] args) {
        SchemaRegistry schemas = SchemaRegistry.load();
        HotlineConfig config = HotlineConfig.defaults();
        SparkSession spark = SparkSessions.create(config.spark(), "anonymize bench");
        DatasetSchema victims = schemas.dataset("victims");
        List<String> qis = victims.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
        AnonymityConfig anonymity = ca.hotlinetrends.microdata.MicrodataJob.anonymityConfig(schemas, config, "victims");
        String sensitive = anonymity.sensitiveAttribute().orElse(null);
        List<String> grouped = new java.util.ArrayList<>(qis);
        if (sensitive != null) {
            grouped.add(sensitive);
        }
        Dataset<Row> staged = spark.read().parquet(args[0]);
        int copies = Integer.parseInt(args[1]);
        Dataset<Row> data = copies == 1
                ? staged
                : staged.crossJoin(spark.range(copies).toDF("_copy")).drop("_copy");
        long records = data.count();
        Column[] keys = grouped.stream().map(functions::col).toArray(Column[]::new);
        // What the stage counts (MicrodataJob without a trends pass before it): the same columns, the quarter first.
        List<String> counted = new java.util.ArrayList<>();
        counted.add("reference_quarter");
        grouped.stream().filter(c -> !c.equals("reference_quarter")).forEach(counted::add);
        // Warm-up, both passes alike.
        data.groupBy(keys).count().collectAsList();
        Anonymizer.anonymize(
                anonymity,
                Generalisation.frequencyTable(
                        Generalisation.counts(data, victims, schemas, counted), counted, qis, sensitive));
        double bare = Double.MAX_VALUE;
        double engine = Double.MAX_VALUE;
        double search = Double.MAX_VALUE;
        double histogram = Double.MAX_VALUE;
        AnonymityResult result = null;
        int combinations = 0;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            data.groupBy(keys).count().collectAsList();
            bare = Math.min(bare, (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            Map<List<String>, Long> counts = Generalisation.counts(data, victims, schemas, counted);
            long tc = System.nanoTime();
            FrequencyTable table = Generalisation.frequencyTable(counts, counted, qis, sensitive);
            long t2 = System.nanoTime();
            combinations = table.size();
            result = Anonymizer.anonymize(anonymity, table);
            long t3 = System.nanoTime();
            engine = Math.min(engine, (t3 - t1) / 1e9);
            histogram = Math.min(histogram, (t2 - t1) / 1e9);
            search = Math.min(search, (t3 - t2) / 1e9);
            System.out.printf(
                    "run %d: groupby %.2f histogram %.2f (count %.2f, table %.2f) search %.2f%n",
                    run, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (tc - t1) / 1e9, (t2 - tc) / 1e9, (t3 - t2) / 1e9);
        }
        System.out.printf(
                "records %d distinct_combinations %d lattice_nodes %d nodes_evaluated %d levels %s "
                        + "suppressed %d blanked %d%n",
                records,
                combinations,
                result.latticeSize(),
                result.nodesEvaluated(),
                result.levels(),
                result.suppressedRecords(),
                result.totalBlankedValues());
        System.out.printf(
                "groupby_seconds %.2f engine_seconds %.2f (least of each part: histogram %.2f search %.2f) ratio %.2f%n",
                bare, engine, histogram, search, engine / bare);
        spark.stop();
    }
}
