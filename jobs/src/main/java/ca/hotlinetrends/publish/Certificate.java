package ca.hotlinetrends.publish;

import ca.hotlinetrends.warehouse.RunManifest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code published/<release>/certificate.json}: the rules and parameters a release was protected with,
 * what was suppressed, the audit result, the ledger version and a SHA-256 of every published file.
 */
public final class Certificate {

    public static final String FILE = "certificate.json";

    private Certificate() {
    }

    /** Reads the certificate of a release, or a fresh document when there is none yet. */
    public static ObjectNode read(Path releaseDir) {
        Path file = releaseDir.resolve(FILE);
        if (!Files.exists(file)) {
            return RunManifest.newDocument();
        }
        try {
            return (ObjectNode) RunManifest.json().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Recomputes the hashes of every published file and writes the certificate atomically. */
    public static Path write(Path releaseDir, ObjectNode certificate) {
        ObjectNode files = certificate.putObject("files_sha256");
        try (Stream<Path> all = Files.walk(releaseDir)) {
            List<Path> published = all.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(FILE))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".crc"))
                    .filter(p -> !p.getFileName().toString().equals("_SUCCESS"))
                    .filter(p -> !p.getFileName().toString().equals(StagedRelease.COMPLETE_MARKER))
                    .sorted().toList();
            for (Path p : published) {
                files.put(releaseDir.relativize(p).toString(), RunManifest.sha256(p));
            }
            Path tmp = releaseDir.resolve(FILE + ".tmp");
            RunManifest.json().writeValue(tmp.toFile(), certificate);
            Files.move(tmp, releaseDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return releaseDir.resolve(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate in " + releaseDir, e);
        }
    }
}
