package ca.hotlinetrends.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A run's manifest, {@code restricted/runs/<run-id>/manifest.json}: what the run read (with SHA-256
 * checksums), wrote and counted, stage by stage. Written atomically (temporary file, then rename).
 */
public final class RunManifest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RunManifest() {}

    /** A run id: the UTC start time and a random suffix, e.g. {@code 20261128T131500Z-ingest-3fa2c1}. */
    public static String newRunId(String command, Instant start) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(start);
        return time + "-" + command + "-"
                + HexFormat.of().toHexDigits(new SplittableRandom().nextInt()).substring(2);
    }

    public static ObjectNode newDocument() {
        return JSON.createObjectNode();
    }

    public static void write(Warehouse warehouse, String runId, ObjectNode manifest) {
        Path dir = warehouse.createRestrictedDirectory(warehouse.run(runId));
        Path tmp = dir.resolve("manifest.json.tmp");
        try {
            JSON.writeValue(tmp.toFile(), manifest);
            Files.move(
                    tmp,
                    dir.resolve("manifest.json"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of run " + runId, e);
        }
        warehouse.lockDownRestricted();
    }

    /** SHA-256 of a file, in hex (as the release certificate hashes its files). */
    public static String sha256(Path file) {
        return ca.hotlinetrends.release.CertificateBuilder.sha256(file);
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
