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
import ca.hotlinetrends.warehouse.SparkParquet;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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

    /** The most bytes of pass output joined into one staged file. */
    private static final long STAGED_FILE_BYTES = 128L << 20;

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
        Map<String, Double> timings = new LinkedHashMap<>();
        DatasetSchema schema = schemas.dataset(dataset);
        long tInspect = System.nanoTime();
        List<Path> files = ExportReader.resolve(input);
        ExportReader reader = new ExportReader(spark, schema, config.ingest().mappingFor(dataset));
        ExportReader.Export raw = reader.read(files);
        timings.put("inspect_seconds", seconds(tInspect));
        spark.sparkContext().setJobGroup("ingest-" + dataset, "hotline-trends ingest " + dataset, false);

        // The one pass over the export: parse, validate and write every record once, staged and rejected records
        // side by side (partitioned by lane and quarter) in the run's restricted work folder.
        Path work = warehouse.createRestrictedDirectory(
                warehouse.restricted().resolve("work").resolve(runId));
        Path pass = work.resolve("pass");
        long tPass = System.nanoTime();
        ca.hotlinetrends.warehouse.FaultPoints.reachUnchecked("ingest-pass", "the staged " + dataset);
        Pass done = pass(raw, schema, runDate, pass);
        if (!done.unusual().isEmpty()) {
            // A quoted field holds a line break, or a record is very long or wide: the cuts by size were not sound.
            LOG.info(
                    "ingest {}: {} of {} CSV files read again in pieces cut at record boundaries",
                    dataset,
                    done.unusual().size(),
                    files.size());
            raw = reader.read(files, done.unusual());
            done = pass(raw, schema, runDate, pass);
            if (!done.unusual().isEmpty()) {
                throw new IllegalStateException("ingest " + dataset + ": pieces cut at record boundaries reported "
                        + "unusual records; nothing was staged");
            }
        }
        KeyHashes keyHashes = done.keyHashes();
        StructType lanesSchema = done.lanesSchema();
        timings.put("parse_validate_write_seconds", seconds(tPass));
        Path stagedLane = pass.resolve(IngestTransform.LANE + "=" + IngestTransform.STAGED_LANE);
        Path duplicatesPath = work.resolve("duplicates");

        // Keys used more than once by valid records (few, usually none): later uses are quarantined, and only the
        // quarters holding one are written again.
        long tDup = System.nanoTime();
        boolean anyDuplicate = Files.isDirectory(stagedLane)
                && separateDuplicates(
                        stagedLane, lanesSchema, schema, keyHashes.value(), duplicatesPath, work.resolve("first-uses"));
        timings.put("duplicates_seconds", seconds(tDup));

        // Staged files keep exactly the staged columns: copied column chunk by column chunk, nothing decoded.
        long tStage = System.nanoTime();
        Path newStaged = work.resolve("staged").resolve(dataset);
        Map<String, Long> stagedByQuarter =
                stageLane(stagedLane, newStaged, new LinkedHashSet<>(IngestTransform.stagedFileColumns(schema)));
        timings.put("stage_seconds", seconds(tStage));
        ca.hotlinetrends.warehouse.FaultPoints.reachUnchecked("ingest-staged", "the staged " + dataset);

        long tQuarantine = System.nanoTime();
        Path rejectedLane = pass.resolve(IngestTransform.LANE + "=" + IngestTransform.QUARANTINE_LANE);
        Path quarantine = warehouse.quarantine(dataset).resolve("run_id=" + runId);
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Map<String, Long>> byQuarter = new TreeMap<>();
        if (Files.isDirectory(rejectedLane) || anyDuplicate) {
            Dataset<Row> rejected = readLane(rejectedLane, lanesSchema);
            if (anyDuplicate) {
                rejected = rejected.unionByName(readLane(duplicatesPath, lanesSchema)
                        .select(Arrays.stream(rejected.columns())
                                .map(c -> col("`" + c + "`"))
                                .toArray(Column[]::new)));
            }
            IngestTransform.quarantined(
                            rejected,
                            schema,
                            files.stream().map(p -> p.getFileName().toString()).toList(),
                            spark,
                            done.firstLines())
                    .coalesce(1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(quarantine.toString());
            // By reason and quarter (the staff's run report charts it): at most reasons x quarters rows.
            for (Row r : spark.read()
                    .parquet(quarantine.toString())
                    .groupBy(
                            col("reason"),
                            IngestTransform.quarterOfRejected(schema.dateField(), schema.validFrom(), runDate)
                                    .as("quarter"))
                    .count()
                    .collectAsList()) {
                byReason.merge(r.getString(0), r.getLong(2), Long::sum);
                byQuarter.computeIfAbsent(r.getString(1), q -> new TreeMap<>()).put(r.getString(0), r.getLong(2));
            }
        } else {
            // Nothing was rejected: an empty quarantine file, with its schema, without a Spark job.
            deleteTree(quarantine);
            CompressionCodecName codec = SparkParquet.codec(spark);
            SparkParquet.write(
                    quarantine.resolve(SparkParquet.fileName("part-00000", codec)),
                    IngestTransform.quarantineSchema(schema),
                    List.of(),
                    codec);
        }
        timings.put("quarantine_seconds", seconds(tQuarantine));
        long staged =
                stagedByQuarter.values().stream().mapToLong(Long::longValue).sum();
        long read =
                staged + byReason.values().stream().mapToLong(Long::longValue).sum();
        long tFinish = System.nanoTime();
        List<String> revisions = revisions(schema, newStaged, new ArrayList<>(stagedByQuarter.keySet()));
        timings.put("revisions_seconds", seconds(tFinish));
        long tSwap = System.nanoTime();
        swapIn(newStaged, warehouse.staged(dataset), stagedByQuarter.keySet());
        deleteTree(work);
        warehouse.lockDownRestricted();
        timings.put("swap_seconds", seconds(tSwap));
        ca.hotlinetrends.warehouse.FaultPoints.reachUnchecked("ingest-swapped", "the manifest of " + dataset);

        double share = read == 0 ? 0 : (double) (read - staged) / read;
        boolean exceeded = share > config.ingest().quarantineThreshold();
        ObjectNode manifest = manifest(
                runId,
                dataset,
                files,
                read,
                staged,
                byReason,
                stagedByQuarter,
                revisions,
                share,
                exceeded,
                Duration.between(start, Instant.now()));
        ObjectNode quarantinedByQuarter = manifest.putObject("quarantined_by_quarter");
        byQuarter.forEach((q, reasons) -> reasons.forEach(quarantinedByQuarter.putObject(q)::put));
        ObjectNode stages = manifest.putObject("stage_seconds");
        timings.forEach(stages::put);
        RunManifest.write(warehouse, runId, manifest);
        LOG.info("ingest {}: read {}, staged {}, quarantined {} {}", dataset, read, staged, read - staged, byReason);
        return new IngestResult(
                runId,
                dataset,
                read,
                staged,
                byReason,
                new ArrayList<>(stagedByQuarter.keySet()),
                revisions,
                warehouse.run(runId).resolve("manifest.json"),
                exceeded);
    }

    /**
     * What the one pass left: the key hashes of its valid records, the layout it wrote, the CSV files whose pieces
     * turned out unusual (then nothing else is meaningful) and, per CSV file, the first line of each piece.
     */
    private record Pass(
            KeyHashes keyHashes,
            StructType lanesSchema,
            java.util.Set<Integer> unusual,
            Map<Integer, long[]> firstLines) {}

    /**
     * The one pass over the export: parse, validate and write every record once, staged and rejected records side by
     * side (partitioned by lane and quarter) in {@code out}.
     */
    private Pass pass(ExportReader.Export raw, DatasetSchema schema, LocalDate runDate, Path out) {
        deleteTree(out);
        KeyHashes keyHashes = new KeyHashes(config.ingest().driverKeyHashes());
        spark.sparkContext().register(keyHashes); // unnamed: kept out of the status listener and its UI
        org.apache.spark.util.CollectionAccumulator<long[]> pieces =
                spark.sparkContext().collectionAccumulator();
        IngestTransform.pass(spark, raw, schema, schemas, runDate, keyHashes, pieces, out)
                .collect();
        // Each report: source, piece, line feeds, and 1 when the piece was unusual.
        java.util.Set<Integer> unusual = new java.util.TreeSet<>();
        Map<List<Integer>, Long> lineFeeds = new HashMap<>();
        for (long[] r : pieces.value()) {
            if (r[3] == 1) {
                unusual.add((int) r[0]);
            } else {
                lineFeeds.put(List.of((int) r[0], (int) r[1]), r[2]);
            }
        }
        Map<Integer, List<CsvPiece>> bySource = new TreeMap<>();
        raw.csvPieces()
                .forEach(p -> bySource.computeIfAbsent(p.source(), x -> new ArrayList<>())
                        .add(p));
        Map<Integer, long[]> firstLines = new HashMap<>();
        if (unusual.isEmpty()) {
            bySource.forEach((source, list) -> firstLines.put(source, CsvPiece.fileLines(list, p -> {
                Long n = lineFeeds.get(List.of(p.source(), p.index()));
                if (n == null) {
                    throw new IllegalStateException("ingest " + schema.dataset() + ": piece " + p.index() + " of file "
                            + p.source() + " did not report its lines; nothing was staged");
                }
                return n;
            })));
        }
        return new Pass(keyHashes, IngestTransform.validatedSchema(schema), unusual, firstLines);
    }

    /**
     * Finds the staged lane's keys used more than once (usually none). When there are, writes their later uses, as
     * rejected records, to {@code duplicatesPath}, and rewrites the quarters of the lane that held one with only
     * the first uses (by way of {@code kept}). Returns whether there were any.
     *
     * @param keyHashes the pass's key hashes ({@link KeyHashes}); when null (too many to gather on the driver), the
     *     repeated hashes are found by an aggregate over the lane
     */
    private boolean separateDuplicates(
            Path stagedLane,
            StructType lanesSchema,
            DatasetSchema schema,
            List<long[]> keyHashes,
            Path duplicatesPath,
            Path kept) {
        List<Row> hashes = new ArrayList<>();
        if (keyHashes != null) {
            for (long h : KeyHashes.repeated(keyHashes)) {
                hashes.add(RowFactory.create(h));
            }
            if (hashes.isEmpty()) {
                return false; // the usual case: no key repeats, and the lane need not be read
            }
        }
        Dataset<Row> lane = readLane(stagedLane, lanesSchema);
        Dataset<Row> keys = lane.select(col(schema.key()), col(IngestTransform.SOURCE), col(IngestTransform.POSITION));
        if (keyHashes == null) {
            LOG.info(
                    "ingest {}: too many keys to check on the driver; repeated keys are found by an aggregate",
                    schema.dataset());
            hashes = IngestTransform.repeatedHashes(keys, schema).collectAsList();
        }
        Dataset<Row> repeated = hashes.isEmpty()
                ? null
                : IngestTransform.repeatedKeys(
                                keys,
                                spark.createDataFrame(
                                        hashes, new StructType().add("_dup_hash", DataTypes.LongType, false)),
                                schema)
                        .persist();
        try {
            if (repeated != null && !repeated.isEmpty()) {
                Dataset<Row> duplicates = IngestTransform.duplicates(lane, repeated, schema);
                duplicates.write().mode(SaveMode.Overwrite).parquet(duplicatesPath.toString());
                List<String> affected = new ArrayList<>();
                for (Row r : spark.read()
                        .parquet(duplicatesPath.toString())
                        .select(IngestTransform.PARTITION)
                        .distinct()
                        .collectAsList()) {
                    affected.add(r.getString(0));
                }
                IngestTransform.firstUses(
                                lane.where(col(IngestTransform.PARTITION).isin(affected.toArray())), repeated, schema)
                        .write()
                        .mode(SaveMode.Overwrite)
                        .partitionBy(IngestTransform.PARTITION)
                        .parquet(kept.toString());
                for (String q : affected) {
                    String name = IngestTransform.PARTITION + "=" + q;
                    deleteTree(stagedLane.resolve(name));
                    if (Files.isDirectory(kept.resolve(name))) {
                        Files.move(kept.resolve(name), stagedLane.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace quarters holding duplicate references", e);
        } finally {
            if (repeated != null) {
                repeated.unpersist();
            }
        }
    }

    /**
     * Reads one lane of the pass's output (a {@code _lane=...} folder, or files written in its layout) with the
     * schema it was written with, but the lane column. An absent folder reads as no rows.
     */
    private Dataset<Row> readLane(Path path, StructType lanesSchema) {
        StructType schema = new StructType();
        for (org.apache.spark.sql.types.StructField f : lanesSchema.fields()) {
            if (!f.name().equals(IngestTransform.LANE)) {
                schema = schema.add(f);
            }
        }
        if (!Files.isDirectory(path)) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).parquet(path.toString());
    }

    /**
     * Copies the staged lane's files into the staged layout ({@code reference_quarter=Q/part-*.parquet}) with only
     * the staged columns; returns the rows staged per quarter, from the files' footers.
     */
    private static Map<String, Long> stageLane(Path stagedLane, Path target, java.util.Set<String> columns) {
        Map<String, Long> byQuarter = new TreeMap<>();
        if (!Files.isDirectory(stagedLane)) {
            return byQuarter;
        }
        String prefix = IngestTransform.PARTITION + "=";
        List<Path> quarters;
        try (Stream<Path> listed = Files.list(stagedLane)) {
            quarters = listed.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the files of " + stagedLane, e);
        }
        // Quarters are copied side by side: each copy is file I/O and footer work on the driver.
        Map<Path, Long> rowsByQuarter = new java.util.concurrent.ConcurrentHashMap<>();
        quarters.parallelStream().forEach(q -> rowsByQuarter.put(q, stageQuarter(q, target, columns)));
        for (Path q : quarters) {
            byQuarter.put(q.getFileName().toString().substring(prefix.length()), rowsByQuarter.get(q));
        }
        return byQuarter;
    }

    /** Joins one quarter's pass files into staged files of up to {@link #STAGED_FILE_BYTES}; returns its rows. */
    private static long stageQuarter(Path q, Path target, java.util.Set<String> columns) {
        try {
            Path out = Files.createDirectories(target.resolve(q.getFileName()));
            long rows = 0;
            List<Path> parts;
            try (Stream<Path> listed = Files.list(q)) {
                parts = listed.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
            }
            // Each task of the pass wrote a file per quarter: they are joined into files of up to STAGED_FILE_BYTES.
            List<Path> group = new ArrayList<>();
            long groupBytes = 0;
            int file = 0;
            for (Path part : parts) {
                long bytes = Files.size(part);
                if (!group.isEmpty() && groupBytes + bytes > STAGED_FILE_BYTES) {
                    rows += ParquetColumns.copy(group, out.resolve(stagedFileName(file++)), columns);
                    group.clear();
                    groupBytes = 0;
                }
                group.add(part);
                groupBytes += bytes;
            }
            if (!group.isEmpty()) {
                rows += ParquetColumns.copy(group, out.resolve(stagedFileName(file)), columns);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the files of " + q, e);
        }
    }

    private static String stagedFileName(int index) {
        return String.format(java.util.Locale.ROOT, "part-%05d.zstd.parquet", index);
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
        List<String> covered = quarters.stream()
                .filter(q -> Quarter.parse(q).compareTo(latest) <= 0)
                .toList();
        // A quarter whose staged files hold the same content columns, chunk for chunk, as before (an export read again,
        // the usual case for every quarter but the newest) holds the same records: only the others are read and
        // compared. The technical columns (run id, source line) always differ and are not compared.
        Set<String> content = contentColumns(schema);
        List<String> changed = covered.stream()
                .filter(q -> !sameContent(
                        current.resolve("reference_quarter=" + q),
                        newStaged.resolve("reference_quarter=" + q),
                        content))
                .toList();
        if (changed.isEmpty()) {
            return List.of();
        }
        Map<String, List<Long>> before = fingerprints(current, schema, changed);
        Map<String, List<Long>> after = fingerprints(newStaged, schema, changed);
        return changed.stream().filter(q -> !after.get(q).equals(before.get(q))).toList();
    }

    /** The staged columns that hold a record's content (not the technical ones), as the fingerprints read them. */
    private static Set<String> contentColumns(DatasetSchema schema) {
        Set<String> names = new LinkedHashSet<>();
        for (FieldSpec f : schema.fields()) {
            if (f.isStaged() && f.role() != PrivacyRole.TECHNICAL) {
                names.add(f.name());
            }
        }
        return names;
    }

    /**
     * Whether two quarter folders hold files of the same names with the same content columns ({@link
     * ParquetColumns#sameColumns}); false if either is missing.
     */
    static boolean sameContent(Path a, Path b, Set<String> columns) {
        if (!Files.isDirectory(a) || !Files.isDirectory(b)) {
            return false;
        }
        try (Stream<Path> left = Files.list(a);
                Stream<Path> right = Files.list(b)) {
            List<String> names = left.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            List<String> others = right.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            return !names.isEmpty()
                    && names.equals(others)
                    && names.stream().allMatch(n -> ParquetColumns.sameColumns(a.resolve(n), b.resolve(n), columns));
        } catch (IOException e) {
            return false; // compared by content instead
        }
    }

    private Map<String, List<Long>> fingerprints(Path staged, DatasetSchema schema, List<String> quarters) {
        List<Column> content =
                contentColumns(schema).stream().map(name -> col(name)).toList();
        Map<String, List<Long>> result = new HashMap<>();
        List<String> existing = quarters.stream()
                .filter(q -> Files.isDirectory(staged.resolve("reference_quarter=" + q)))
                .toList();
        if (!existing.isEmpty()) {
            Dataset<Row> df = spark.read()
                    .option("basePath", staged.toString())
                    .parquet(existing.stream()
                            .map(q -> staged.resolve("reference_quarter=" + q).toString())
                            .toArray(String[]::new));
            for (Row r : df.groupBy("reference_quarter")
                    .agg(
                            count(lit(1)),
                            sum(xxhash64(content.toArray(Column[]::new))
                                            .cast(org.apache.spark.sql.types.DataTypes.createDecimalType(38, 0)))
                                    .cast(org.apache.spark.sql.types.DataTypes.StringType))
                    .collectAsList()) {
                result.put(r.getString(0), List.of(r.getLong(1), (long)
                        r.getString(2).hashCode()));
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

    private ObjectNode manifest(
            String runId,
            String dataset,
            List<Path> files,
            long read,
            long staged,
            Map<String, Long> byReason,
            Map<String, Long> stagedByQuarter,
            List<String> revisions,
            double share,
            boolean exceeded,
            Duration duration) {
        ObjectNode m = RunManifest.newDocument();
        m.put("run_id", runId);
        m.put("command", "ingest");
        m.put("dataset", dataset);
        m.put("schema_version", schemas.dataset(dataset).version());
        ArrayNode inputs = m.putArray("inputs");
        for (Path f : files) {
            try {
                inputs.addObject()
                        .put("file", f.toAbsolutePath().toString())
                        .put("bytes", Files.size(f))
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
