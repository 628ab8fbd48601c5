package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.warehouse.RunManifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's content id: what its published files depend on, hashed, so that the same inputs give the same id and
 * the same bytes. It is the {@code run_id} stamped into every published Parquet footer and written into
 * {@code _RELEASE_COMPLETE}; the wall-clock run id stays in {@code restricted/runs/} (whose run manifest records
 * both).
 *
 * <p>The id is {@code content-} and the first 32 hex digits of the SHA-256 of a canonical JSON document holding:
 * the SHA-256 of every export file read by each dataset's ingest (from the ingest manifests; file paths are left
 * out, so moving an export does not change it), the release, the run date, the microdata seed, the ingest,
 * privacy and report sections of the configuration (not the Spark section, which changes how but not what is
 * computed), and the SHA-256 of every other release's ledger entry (the new release is protected against them).
 * Not covered: records staged by earlier ingests of other exports and the program's own version; a warehouse
 * that accumulated different staged data can therefore publish different bytes under the same id.
 */
public final class ContentId {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ContentId() {}

    /**
     * @param ingestManifests each dataset's ingest manifest, by dataset
     * @param ledgerEntries SHA-256 of each other release's ledger entry ({@link Ledger#entryHashes})
     */
    public static String of(
            Map<String, Path> ingestManifests,
            HotlineConfig config,
            Quarter release,
            LocalDate runDate,
            long seed,
            Map<String, String> ledgerEntries) {
        Objects.requireNonNull(config, "config");
        ObjectNode doc = CANONICAL.createObjectNode();
        doc.put("release", release.toString());
        doc.put("run_date", runDate.toString());
        doc.put("seed", seed);
        ObjectNode inputs = doc.putObject("inputs");
        new java.util.TreeMap<>(ingestManifests).forEach((dataset, manifest) -> {
            ArrayNode hashes = inputs.putArray(dataset);
            inputHashes(manifest).forEach(hashes::add);
        });
        ObjectNode conf = doc.putObject("config");
        conf.set("ingest", CANONICAL.valueToTree(config.ingest()));
        conf.set("privacy", CANONICAL.valueToTree(config.privacy()));
        ObjectNode report = CANONICAL.valueToTree(config.report());
        // Staff notes change only the documents (which the certificate hashes), never the tables or the records:
        // the content id stays that of the data, and is the same as before notes existed.
        report.remove("notes");
        conf.set("report", report);
        ObjectNode ledger = doc.putObject("ledger");
        new java.util.TreeMap<>(ledgerEntries).forEach(ledger::put);
        try {
            byte[] canonical = CANONICAL.writeValueAsString(sorted(doc)).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return "content-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the content of the run", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static List<String> inputHashes(Path manifest) {
        try {
            JsonNode m = RunManifest.json().readTree(manifest.toFile());
            List<String> hashes = new ArrayList<>();
            for (JsonNode input : m.path("inputs")) {
                hashes.add(input.path("sha256").asText());
            }
            hashes.sort(null);
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ingest manifest " + manifest, e);
        }
    }

    /** The same tree with every object's keys in order, so map order never changes the bytes. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = CANONICAL.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = CANONICAL.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
