package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.anonymity.AnonymityConfig;
import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.anonymity.Anonymizer;
import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.anonymity.risk.ProsecutorRisk;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.publish.ParquetProvenance;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.Hierarchy;
import ca.hotlinetrends.schema.PrivacyRole;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The research microdata release: for each dataset, staged records up to the release quarter are generalised and
 * suppressed to the configured k-anonymity (optimal full-domain generalisation within the suppression limit) and
 * written to {@code published/<release>/microdata/<dataset>/} with {@code anonymization.json}; the files written are
 * then re-checked independently, and removed if the check fails. Technical references (the export's refs) and the month are dropped; each record
 * gets a new random {@code record_id}, from a seed recorded in the file, so references never link a release
 * to an export or to another release.
 */
public final class MicrodataJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MicrodataJob.class);

    private final SparkSession spark;
    private final SchemaRegistry schemas;
    private final HotlineConfig config;
    private final Warehouse warehouse;
    private static final List<String> DATASETS = List.of("victims", "contacts");
    private static final String QUARTER = "reference_quarter";

    public MicrodataJob(SparkSession spark, SchemaRegistry schemas, HotlineConfig config, Warehouse warehouse) {
        this.spark = spark;
        this.schemas = schemas;
        this.config = config;
        this.warehouse = warehouse;
    }

    /** What one dataset's release contains. */
    public record DatasetRelease(String dataset, List<String> quasiIdentifiers, List<Integer> levels, long records,
            long suppressed, double informationLoss, ProsecutorRisk riskBefore, ProsecutorRisk riskAfter) {
    }

    /**
     * @param seed seed of the per-release record ids
     * @param runId the run, recorded in every Parquet footer it writes
     */
    public List<DatasetRelease> run(Quarter release, long seed, String runId) {
        return run(release, seed, runId, warehouse.release(release));
    }

    /**
     * As {@link #run(Quarter, long, String)}, into {@code releaseDir} (a staged release) instead of
     * {@code published/<release>/}.
     */
    public List<DatasetRelease> run(Quarter release, long seed, String runId, Path releaseDir) {
        return run(release, seed, runId, releaseDir, Map.of());
    }

    /**
     * The columns whose frequencies per quarter give a dataset's frequency table ({@link #run(Quarter, long, String,
     * Path, Map)}): its quasi-identifiers other than {@code reference_quarter}, for each dataset whose
     * quasi-identifiers include the quarter.
     */
    public static Map<String, List<String>> frequencyColumns(SchemaRegistry schemas) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String name : DATASETS) {
            List<String> qis = schemas.dataset(name).columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
            if (qis.contains(QUARTER)) {
                out.put(name, qis.stream().filter(q -> !q.equals(QUARTER)).toList());
            }
        }
        return out;
    }

    /**
     * As {@link #run(Quarter, long, String, Path)}, with the frequencies of some datasets' quasi-identifiers already
     * counted over the same staged records (by the trends stage's pass in a run): per dataset, {@code
     * [reference_quarter, value of each of its frequencyColumns...]} to the records up to the release with them.
     * The other datasets are counted here.
     */
    public List<DatasetRelease> run(Quarter release, long seed, String runId, Path releaseDir,
            Map<String, Map<List<String>, Long>> counted) {
        Path out = releaseDir.resolve("microdata");
        List<DatasetRelease> results = new ArrayList<>();
        ObjectNode doc = RunManifest.newDocument();
        doc.put("release", release.toString());
        ObjectNode models = doc.putObject("models");
        models.put("k", config.privacy().k());
        models.put("suppression_limit", config.privacy().suppressionLimit());
        models.put("metric", config.privacy().metric());
        models.put("method", "full-domain generalisation over schemas/hierarchies, globally optimal, plus suppression "
                + "of whole equivalence classes within the suppression limit");
        doc.put("record_id_seed", seed);
        ArrayNode datasets = doc.putArray("datasets");
        // The datasets are released side by side: one's Spark jobs use the cores while the other's are planned.
        List<java.util.concurrent.Callable<DatasetRelease>> each = new ArrayList<>();
        for (String name : DATASETS) {
            each.add(() -> {
                spark.sparkContext().setJobGroup("microdata", "hotline-trends microdata " + name, false);
                // Each file carries the release's provenance in its footer from the start (no second copy to stamp it).
                return releaseOne(name, release, seed, out.resolve(name), counted.get(name),
                        ParquetProvenance.Provenance.microdata(release.toString(), schemas.dataset(name).version(),
                                config.privacy().k(), runId).keyValues());
            });
        }
        List<DatasetRelease> released = ca.hotlinetrends.spark.SideBySide.run("microdata", each);
        for (int at = 0; at < DATASETS.size(); at++) {
            String name = DATASETS.get(at);
            DatasetRelease r = released.get(at);
            results.add(r);
            ObjectNode d = datasets.addObject();
            d.put("dataset", name);
            ArrayNode qis = d.putArray("quasi_identifiers");
            ObjectNode levels = d.putObject("generalisation_levels");
            for (int i = 0; i < r.quasiIdentifiers().size(); i++) {
                qis.add(r.quasiIdentifiers().get(i));
                levels.put(r.quasiIdentifiers().get(i), r.levels().get(i));
            }
            d.put("records_published", r.records());
            d.put("records_suppressed", r.suppressed());
            d.put("information_loss", r.informationLoss());
            // The risk after protection is a function of the published records; the risk before is a statistic of
            // records that are not all published, so it stays with staff (the run's restricted record).
            risk(d.putObject("risk_after"), r.riskAfter());
        }
        try {
            Files.createDirectories(out);
            RunManifest.json().writeValue(out.resolve("anonymization.json").toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write anonymization.json", e);
        }
        // The release certificate states the record-level protection too (and hashes the extract's files).
        ObjectNode cert = ca.hotlinetrends.publish.Certificate.read(releaseDir);
        cert.put("release", release.toString());
        ObjectNode anonymization = cert.putObject("anonymization");
        anonymization.put("k", config.privacy().k());
        anonymization.put("suppression_limit", config.privacy().suppressionLimit());
        anonymization.put("metric", config.privacy().metric());
        anonymization.put("details", "microdata/anonymization.json");
        ArrayNode quasi = anonymization.putArray("quasi_identifiers");
        results.stream().flatMap(r -> r.quasiIdentifiers().stream()).distinct().sorted().forEach(quasi::add);
        ObjectNode published = anonymization.putObject("records_published");
        results.forEach(r -> published.put(r.dataset(), r.records()));
        ca.hotlinetrends.publish.Certificate.write(releaseDir, cert);
        return results;
    }

    /**
     * The independent check of a written extract, from its class sizes as read back from the files themselves (by
     * the tasks that wrote them, {@link ExtractFiles#write}, or {@link #classSizes}), not from the plan that wrote
     * them: what would be published is what is checked. Refuses an equivalence class below k, or a record count
     * (read back, or in the files' footers) other than the anonymization's. On any failure the files are removed
     * (the release is staged: nothing was published).
     */
    static AnonymizationCheck.Outcome verifyWritten(Path out, String dataset, Map<List<String>, Long> classSizes,
            int k, long expectedRecords) {
        try {
            AnonymizationCheck.Outcome outcome = AnonymizationCheck.verify(classSizes, k);
            long written = ParquetProvenance.records(out);
            if (written != expectedRecords || outcome.records() != written) {
                throw new IllegalStateException("microdata " + dataset + ": " + written + " records written ("
                        + outcome.records() + " read back), but the anonymization published " + expectedRecords
                        + "; the files were removed");
            }
            return outcome;
        } catch (RuntimeException e) {
            org.apache.commons.io.FileUtils.deleteQuietly(out.toFile());
            throw e;
        }
    }

    /** The class sizes of the Parquet files of {@code out}, read from each file ({@link ExtractFiles#classSizes}). */
    static Map<List<String>, Long> classSizes(Path out, List<String> qis) {
        Map<List<String>, Long> sizes = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
                ExtractFiles.classSizes(f, qis).forEach((c, n) -> sizes.merge(c, n, Long::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + out, e);
        }
        return sizes;
    }

    private static void risk(ObjectNode n, ProsecutorRisk r) {
        n.put("highest_prosecutor_risk", r.highestRisk());
        n.put("average_prosecutor_risk", r.averageRisk());
        n.put("records_at_risk", r.recordsAtRisk());
        n.put("risk_threshold", r.threshold());
        n.put("sample_unique_share", r.sampleUniqueShare());
    }

    private DatasetRelease releaseOne(String dataset, Quarter release, long seed, Path out,
            Map<List<String>, Long> counted, Map<String, String> provenance) {
        DatasetSchema schema = schemas.dataset(dataset);
        Dataset<Row> staged = spark.read().parquet(warehouse.staged(dataset).toString())
                .where(col("reference_quarter").leq(lit(release.toString())));
        List<String> qis = schema.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER);
        List<Hierarchy> hierarchies = qis.stream().map(schemas::hierarchy).toList();
        long t0 = System.nanoTime();
        FrequencyTable table = counted != null ? Generalisation.frequencyTable(counted, QUARTER, qis)
                : Generalisation.frequencyTable(Generalisation.histogram(staged, qis, null).collectAsList(), qis, null);
        long t1 = System.nanoTime();
        AnonymityResult result = Anonymizer.anonymize(AnonymityConfig.builder().quasiIdentifiers(qis)
                .hierarchies(hierarchies).k(config.privacy().k()).suppressionLimit(config.privacy().suppressionLimit())
                .metric(config.privacy().metric()).build(), table);
        List<Column> keep = new ArrayList<>();
        long datasetSeed = seed ^ dataset.hashCode();
        for (String c : schema.stagedColumns()) {
            boolean technical = schema.hasField(c) ? schema.field(c).role() == PrivacyRole.TECHNICAL
                    : schema.derived().stream().anyMatch(d -> d.name().equals(c) && d.role() == PrivacyRole.TECHNICAL);
            if (!technical) {
                keep.add(col(c));
            }
        }
        Dataset<Row> generalised = Generalisation.apply(spark, staged, qis, result.recoding());
        long t2 = System.nanoTime();
        // Numbered in parallel in an order of the records alone (see RecordNumbering): the same data and seed give
        // the same record ids and the same files whatever the master, the input's splits or the cores.
        Dataset<Row> ordered = RecordNumbering.ordered(generalised, schema.stagedColumns(), schema.key(),
                RecordNumbering.partitions(result.publishedRecords()), keep);
        ExtractFiles.Written written = ExtractFiles.write(ordered, out, datasetSeed,
                ca.hotlinetrends.warehouse.SparkParquet.codec(spark), qis, provenance);
        long t3 = System.nanoTime();
        verifyWritten(out, dataset, written.classSizes(), config.privacy().k(), result.publishedRecords());
        // Timings go to the log only: anonymization.json is published and must not depend on the clock.
        LOG.info("microdata {}: histogram {} s{}, search {} s, generalise+number+write+read back {} s, check {} s", dataset,
                String.format("%.1f", (t1 - t0) / 1e9), counted != null ? " (counted by trends)" : "",
                String.format("%.1f", (t2 - t1) / 1e9),
                String.format("%.1f", (t3 - t2) / 1e9), String.format("%.1f", (System.nanoTime() - t3) / 1e9));
        ca.hotlinetrends.warehouse.FaultPoints.reachUnchecked("microdata-write", "the provenance of " + out);
        return new DatasetRelease(dataset, qis, result.levels(), result.publishedRecords(), result.suppressedRecords(),
                result.metricValue(), result.riskBefore(), result.riskAfter());
    }
}
