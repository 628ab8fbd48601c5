package ca.hotlinetrends.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pipeline configuration: the defaults shipped in the jar ({@code hotline-trends-defaults.yaml}, the
 * one place defaults live) overlaid with the user's {@code --config} file, key by key. Every section is
 * a record validated in its constructor, so a bad value fails at start-up with the value in the message.
 */
public record HotlineConfig(Spark spark, Ingest ingest, Privacy privacy, Report report) {

    public HotlineConfig {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(report, "report");
    }

    /** Spark settings. */
    public record Spark(String master, String bindAddress, int shufflePartitions) {
        public Spark {
            Objects.requireNonNull(master, "spark.master");
            Objects.requireNonNull(bindAddress, "spark.bind_address");
            if (shufflePartitions < 1) {
                throw new IllegalArgumentException(
                        "spark.shuffle_partitions must be >= 1. Provided value: " + shufflePartitions);
            }
        }
    }

    /**
     * Ingest settings.
     *
     * @param driverKeyHashes how many valid records' key hashes (8 bytes each) the driver may gather to find repeated
     *     references; beyond that, an aggregate on the executors finds them
     */
    public record Ingest(
            double quarantineThreshold, long driverKeyHashes, Map<String, Map<String, String>> columnMapping) {
        public Ingest {
            if (!(quarantineThreshold >= 0 && quarantineThreshold <= 1)) {
                throw new IllegalArgumentException(
                        "ingest.quarantine_threshold must be in [0, 1]. Provided value: " + quarantineThreshold);
            }
            if (driverKeyHashes < 0 || driverKeyHashes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ingest.driver_key_hashes must be in [0, " + Integer.MAX_VALUE
                        + "]. Provided value: " + driverKeyHashes);
            }
            columnMapping = columnMapping == null ? Map.of() : Map.copyOf(columnMapping);
        }

        /** The export-header mapping for a dataset (empty when none is configured). */
        public Map<String, String> mappingFor(String dataset) {
            Map<String, String> m = columnMapping.get(dataset);
            return m == null ? Map.of() : m;
        }
    }

    /**
     * Privacy parameters. Values that weaken protection below the floors of {@link ProtectionFloors} are refused
     * unless {@code allowWeakerProtection} is set; {@link #overrides()} then lists them for the certificate.
     */
    public record Privacy(
            int k,
            double suppressionLimit,
            String metric,
            int minCellCount,
            int protectionWidth,
            boolean allowWeakerProtection,
            Boolean localSuppression,
            Map<String, Map<String, ca.hotlinetrends.schema.QuasiIdentifierLimit>> quasiIdentifiers,
            String recordLevelPeriods) {
        private static final Set<String> METRICS = Set.of("loss", "discernibility");

        /** Each year's records published once, in the first release after the year ends, with the year. */
        public static final String CLOSED_YEARS = "closed_years";

        /** Every release publishes all records up to it, with the period generalised away ({@code *}). */
        public static final String CUMULATIVE = "cumulative";

        private static final String PERIOD = "reference_quarter";

        public Privacy {
            localSuppression = localSuppression == null ? Boolean.TRUE : localSuppression;
            recordLevelPeriods = recordLevelPeriods == null ? CLOSED_YEARS : recordLevelPeriods;
            if (!recordLevelPeriods.equals(CLOSED_YEARS) && !recordLevelPeriods.equals(CUMULATIVE)) {
                throw new IllegalArgumentException("privacy.record_level_periods must be closed_years or cumulative. "
                        + "Provided value: " + recordLevelPeriods);
            }
            quasiIdentifiers = quasiIdentifiers == null ? Map.of() : Map.copyOf(quasiIdentifiers);
            if (k < 2) {
                throw new IllegalArgumentException("privacy.k must be >= 2. Provided value: " + k);
            }
            if (!(suppressionLimit >= 0 && suppressionLimit < 1)) {
                throw new IllegalArgumentException(
                        "privacy.suppression_limit must be in [0, 1). Provided value: " + suppressionLimit);
            }
            if (!METRICS.contains(metric)) {
                throw new IllegalArgumentException(
                        "privacy.metric must be loss or discernibility. Provided value: " + metric);
            }
            if (minCellCount < 1) {
                throw new IllegalArgumentException(
                        "privacy.min_cell_count must be >= 1. Provided value: " + minCellCount);
            }
            if (protectionWidth < 0) {
                throw new IllegalArgumentException(
                        "privacy.protection_width must be >= 0. Provided value: " + protectionWidth);
            }
            List<String> breaches = ProtectionFloors.breaches(k, suppressionLimit, minCellCount, protectionWidth);
            if (!breaches.isEmpty() && !allowWeakerProtection) {
                throw new IllegalArgumentException("refused: " + String.join("; ", breaches)
                        + ". Set privacy.allow_weaker_protection: true to publish with weaker protection anyway "
                        + "(it is recorded in certificate.json under overrides)");
            }
        }

        /** Strict parameters (no override allowed). */
        public Privacy(int k, double suppressionLimit, String metric, int minCellCount, int protectionWidth) {
            this(k, suppressionLimit, metric, minCellCount, protectionWidth, false, true, Map.of(), CLOSED_YEARS);
        }

        /** Whether record-level releases are closed-year extracts ({@link #CLOSED_YEARS}). */
        public boolean closedYears() {
            return recordLevelPeriods.equals(CLOSED_YEARS);
        }

        /**
         * The utility limit of a dataset's quasi-identifier: the one declared in {@code schemas/} with what {@code
         * privacy.quasi_identifiers.<dataset>.<column>} overrides.
         */
        public ca.hotlinetrends.schema.QuasiIdentifierLimit limit(
                ca.hotlinetrends.schema.DatasetSchema schema, String column) {
            Map<String, ca.hotlinetrends.schema.QuasiIdentifierLimit> overrides =
                    quasiIdentifiers.getOrDefault(schema.dataset(), Map.of());
            return declaredLimit(schema, column).overriddenBy(overrides.get(column));
        }

        /**
         * The limit {@code schemas/} declares for a quasi-identifier under this configuration's record-level
         * periods: cumulative extracts republish every earlier year in each release, so they keep no period (the
         * period at the top of its hierarchy, {@code *}) whatever the schema declares for closed-year extracts.
         */
        public ca.hotlinetrends.schema.QuasiIdentifierLimit declaredLimit(
                ca.hotlinetrends.schema.DatasetSchema schema, String column) {
            ca.hotlinetrends.schema.QuasiIdentifierLimit declared =
                    schema.anonymization().limit(column);
            if (closedYears() || !column.equals(PERIOD)) {
                return declared;
            }
            return new ca.hotlinetrends.schema.QuasiIdentifierLimit(
                    3,
                    3,
                    declared.weight(),
                    "cumulative extracts (privacy.record_level_periods: cumulative) republish every earlier year in "
                            + "each release, so the period is generalised away: two consecutive extracts with the year "
                            + "give back annual cells the tables suppress");
        }

        /** The accepted weakenings (empty unless {@code allowWeakerProtection} let some through). */
        public List<String> overrides() {
            return ProtectionFloors.breaches(k, suppressionLimit, minCellCount, protectionWidth);
        }
    }

    /**
     * Report settings.
     *
     * @param languages the languages the reports are rendered in
     * @param notes the folder of staff notes ({@code <notes>/<release>/en.md} and {@code fr.md}), relative to the
     *     current directory; null for none
     */
    public record Report(List<String> languages, String notes) {
        public Report {
            languages = List.copyOf(languages);
            if (notes != null && notes.isBlank()) {
                throw new IllegalArgumentException(
                        "report.notes must be a folder or absent. Provided value: '" + notes + "'");
            }
            for (String l : languages) {
                if (!l.equals("en") && !l.equals("fr")) {
                    throw new IllegalArgumentException("report.languages must be en and/or fr. Provided value: " + l);
                }
            }
        }

        /** Without notes. */
        public Report(List<String> languages) {
            this(languages, null);
        }

        /** The notes folder, when one is configured. */
        public java.util.Optional<Path> notesFolder() {
            return java.util.Optional.ofNullable(notes).map(Path::of);
        }

        /** These settings with {@code folder} as the notes folder (a command line's {@code --notes}). */
        public Report withNotes(Path folder) {
            return new Report(languages, folder.toString());
        }
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The shipped defaults. */
    public static HotlineConfig defaults() {
        return load(null);
    }

    /** The defaults overlaid with {@code file} (may be null). */
    public static HotlineConfig load(Path file) {
        ObjectMapper mapper = yaml();
        try (InputStream in = HotlineConfig.class.getResourceAsStream("/hotline-trends-defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("hotline-trends-defaults.yaml is missing from the class path");
            }
            ObjectNode tree = (ObjectNode) mapper.readTree(in);
            if (file != null) {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("config file does not exist: " + file);
                }
                JsonNode user = mapper.readTree(file.toFile());
                if (user != null && !user.isNull()) {
                    if (!user.isObject()) {
                        throw new IllegalArgumentException("config file must be a YAML mapping: " + file);
                    }
                    merge(tree, (ObjectNode) user, "");
                }
            }
            return mapper.treeToValue(tree, HotlineConfig.class);
        } catch (IOException e) {
            // A record constructor's own message (key, value, rule) is clearer than Jackson's wrapping of it.
            String reason = e.getCause() instanceof IllegalArgumentException bad
                    ? bad.getMessage()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(
                    "invalid configuration" + (file == null ? "" : " in " + file) + ": " + reason, e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode overlay, String path) {
        overlay.fields().forEachRemaining(entry -> {
            String key = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JsonNode existing = base.get(entry.getKey());
            if (existing == null
                    && !path.startsWith("ingest.column_mapping")
                    && !path.startsWith("privacy.quasi_identifiers")) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'");
            }
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) entry.getValue(), key);
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
