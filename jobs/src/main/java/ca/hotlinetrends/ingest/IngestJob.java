package ca.hotlinetrends.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldSpec;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest shell: reads an export with {@link ExportReader}, validates it with {@link IngestTransform},
 * writes staged and quarantined records and the run manifest.
 *
 * <p>Staged data is replaced quarter by quarter: the run writes the new quarters into its own work folder
 * first and only then swaps each touched quarter's folder in by rename, so a run killed at any point
 * leaves the previously staged quarters intact and readable; quarters the export does not touch are
 * never changed. Logs name columns, counts and reason codes, never values.
 */
public final class IngestJob {

    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private final SparkSession spark;
    private final SchemaRegistry schemas;
    private final HotlineConfig config;
    private final Warehouse warehouse;

    public IngestJob(SparkSession spark, SchemaRegistry schemas, HotlineConfig config, Warehouse warehouse) {
        this.spark = spark;
        this.schemas = schemas;
        this.config = config;
        this.warehouse = warehouse;
    }

    /**
     * Ingests one dataset.
     *
     * @param input a file, folder or glob
     * @param dataset {@code contacts} or {@code victims}
     * @param runDate records dated after this day are out of range
     * @param runId the run's id (its manifest goes to {@code restricted/runs/<runId>/})
     */
    public IngestResult run(String input, String dataset, LocalDate runDate, String runId) {
        Instant start = Instant.now();
        Map<String, Double> timings = new java.util.LinkedHashMap<>();
        DatasetSchema schema = schemas.dataset(dataset);
        List<Path> files = ExportReader.resolve(input);
        ExportReader reader = new ExportReader(spark, schema, config.ingest().mappingFor(dataset));
        Dataset<Row> raw = reader.read(files);
        spark.sparkContext().setJobGroup("ingest-" + dataset, "hotline-trends ingest " + dataset, false);

        // Pass 1: parse and validate once, into the run's restricted work folder (no in-memory cache).
        Path work = warehouse.createRestrictedDirectory(warehouse.restricted().resolve("work").resolve(runId));
        Path checkedPath = work.resolve("validated");
        long tValidate = System.nanoTime();
        IngestTransform.validate(raw, schema, schemas, runDate).write().mode(SaveMode.Overwrite)
                .parquet(checkedPath.toString());
        timings.put("parse_validate_seconds", seconds(tValidate));
        Dataset<Row> checked = spark.read().parquet(checkedPath.toString());
        // Keys used more than once by valid records: few, usually none.
        Dataset<Row> repeated = IngestTransform.repeatedKeys(checked, schema).persist();
        Dataset<Row> validated = IngestTransform.markDuplicates(checked, repeated, schema);
        try {
            long tWrite = System.nanoTime();
            Path newStaged = work.resolve("staged").resolve(dataset);
            IngestTransform.staged(validated, schema).write().mode(SaveMode.Overwrite)
                    .partitionBy("reference_quarter").parquet(newStaged.toString());
            Path quarantine = warehouse.quarantine(dataset).resolve("run_id=" + runId);
            IngestTransform.quarantined(validated, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(quarantine.toString());
            timings.put("write_seconds", seconds(tWrite));
            // Counts from what was written (Parquet footers and partition folders: no pass over the data).
            Map<String, Long> stagedByQuarter = new TreeMap<>();
            if (Files.isDirectory(newStaged)) {
                for (Row r : spark.read().parquet(newStaged.toString()).groupBy("reference_quarter").count().collectAsList()) {
                    stagedByQuarter.put(r.getString(0), r.getLong(1));
                }
            }
            Map<String, Long> byReason = new TreeMap<>();
            for (Row r : spark.read().parquet(quarantine.toString()).groupBy("reason").count().collectAsList()) {
                byReason.put(r.getString(0), r.getLong(1));
            }
            long staged = stagedByQuarter.values().stream().mapToLong(Long::longValue).sum();
            long read = staged + byReason.values().stream().mapToLong(Long::longValue).sum();
            List<String> revisions = revisions(schema, newStaged, new ArrayList<>(stagedByQuarter.keySet()));
            swapIn(newStaged, warehouse.staged(dataset), stagedByQuarter.keySet());
            deleteTree(work);
            warehouse.lockDownRestricted();

            double share = read == 0 ? 0 : (double) (read - staged) / read;
            boolean exceeded = share > config.ingest().quarantineThreshold();
            ObjectNode manifest = manifest(runId, dataset, files, read, staged, byReason, stagedByQuarter, revisions,
                    share, exceeded, Duration.between(start, Instant.now()));
            ObjectNode stages = manifest.putObject("stage_seconds");
            timings.forEach(stages::put);
            RunManifest.write(warehouse, runId, manifest);
            LOG.info("ingest {}: read {}, staged {}, quarantined {} {}", dataset, read, staged, read - staged, byReason);
            return new IngestResult(runId, dataset, read, staged, byReason, new ArrayList<>(stagedByQuarter.keySet()),
                    revisions, warehouse.run(runId).resolve("manifest.json"), exceeded);
        } finally {
            repeated.unpersist();
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e6) / 1000.0;
    }

    /**
     * Touched quarters that a published release already covers and whose content changed. Content is
     * compared by an order-free hash of the non-technical columns (references are new in every export).
     */
    private List<String> revisions(DatasetSchema schema, Path newStaged, List<String> quarters) {
        List<Quarter> releases = warehouse.publishedReleases();
        Path current = warehouse.staged(schema.dataset());
        if (releases.isEmpty() || !Files.isDirectory(current)) {
            return List.of();
        }
        Quarter latest = releases.get(releases.size() - 1);
        List<String> covered = quarters.stream().filter(q -> Quarter.parse(q).compareTo(latest) <= 0).toList();
        if (covered.isEmpty()) {
            return List.of();
        }
        Map<String, List<Long>> before = fingerprints(current, schema, covered);
        Map<String, List<Long>> after = fingerprints(newStaged, schema, covered);
        return covered.stream().filter(q -> !after.get(q).equals(before.get(q))).toList();
    }

    private Map<String, List<Long>> fingerprints(Path staged, DatasetSchema schema, List<String> quarters) {
        List<Column> content = new ArrayList<>();
        for (FieldSpec f : schema.fields()) {
            if (f.isStaged() && f.role() != PrivacyRole.TECHNICAL) {
                content.add(col(f.name()));
            }
        }
        Map<String, List<Long>> result = new HashMap<>();
        List<String> existing = quarters.stream()
                .filter(q -> Files.isDirectory(staged.resolve("reference_quarter=" + q))).toList();
        if (!existing.isEmpty()) {
            Dataset<Row> df = spark.read().option("basePath", staged.toString()).parquet(existing.stream()
                    .map(q -> staged.resolve("reference_quarter=" + q).toString()).toArray(String[]::new));
            for (Row r : df.groupBy("reference_quarter").agg(count(lit(1)),
                    sum(xxhash64(content.toArray(Column[]::new)).cast("decimal(38,0)")).cast("string"))
                    .collectAsList()) {
                result.put(r.getString(0), List.of(r.getLong(1), (long) r.getString(2).hashCode()));
            }
        }
        quarters.forEach(q -> result.putIfAbsent(q, List.of(0L, 0L)));
        return result;
    }

    /** Replaces each touched quarter folder of {@code target} with the new one, by rename. */
    private static void swapIn(Path fresh, Path target, Iterable<String> quarters) {
        try {
            Files.createDirectories(target);
            Warehouse.recoverStagedSwaps(target);
            for (String q : quarters) {
                String name = "reference_quarter=" + q;
                Path next = fresh.resolve(name);
                Path live = target.resolve(name);
                Path old = target.resolve("." + name + ".old");
                deleteTree(old);
                if (Files.exists(live)) {
                    Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
                }
                ca.hotlinetrends.warehouse.FaultPoints.reach("ingest-swap");
                Files.move(next, live, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap staged quarters into " + target, e);
        }
    }

    static void deleteTree(Path dir) {
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private ObjectNode manifest(String runId, String dataset, List<Path> files, long read, long staged,
            Map<String, Long> byReason, Map<String, Long> stagedByQuarter, List<String> revisions, double share,
            boolean exceeded, Duration duration) {
        ObjectNode m = RunManifest.newDocument();
        m.put("run_id", runId);
        m.put("command", "ingest");
        m.put("dataset", dataset);
        m.put("schema_version", schemas.dataset(dataset).version());
        ArrayNode inputs = m.putArray("inputs");
        for (Path f : files) {
            try {
                inputs.addObject().put("file", f.toAbsolutePath().toString()).put("bytes", Files.size(f))
                        .put("sha256", Files.isRegularFile(f) ? RunManifest.sha256(f) : "");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stat " + f, e);
            }
        }
        m.put("rows_read", read);
        m.put("rows_staged", staged);
        m.put("rows_quarantined", read - staged);
        ObjectNode reasons = m.putObject("quarantined_by_reason");
        byReason.forEach(reasons::put);
        m.put("quarantined_share", share);
        m.put("quarantine_threshold", config.ingest().quarantineThreshold());
        m.put("threshold_exceeded", exceeded);
        ObjectNode quarters = m.putObject("staged_by_quarter");
        stagedByQuarter.forEach(quarters::put);
        ArrayNode rev = m.putArray("revisions");
        revisions.forEach(rev::add);
        m.put("duration_seconds", duration.toMillis() / 1000.0);
        m.put("status", exceeded ? "failed: quarantine threshold exceeded" : "succeeded");
        return m;
    }
}
