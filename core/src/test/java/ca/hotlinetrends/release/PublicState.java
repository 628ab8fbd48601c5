package ca.hotlinetrends.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a warehouse has made public, for tests that compare two warehouses or one before and after: the SHA-256 of
 * every file under {@code published/} and {@code ledger/}, by path relative to the warehouse. Shared by the jobs'
 * and the cluster's tests (core's test jar).
 */
public final class PublicState {

    private PublicState() {}

    public static Map<String, String> of(Path warehouse) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String sub : List.of("published", "ledger")) {
            Path root = warehouse.resolve(sub);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    m.put(warehouse.relativize(p).toString(), CertificateBuilder.sha256(p));
                }
            }
        }
        return m;
    }
}
