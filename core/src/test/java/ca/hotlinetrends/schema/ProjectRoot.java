package ca.hotlinetrends.schema;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root from a module's test working directory. */
public final class ProjectRoot {

    private ProjectRoot() {}

    public static Path find() {
        String configured = System.getProperty("hotline.projectRoot");
        if (configured != null && Files.isDirectory(Path.of(configured, "schemas"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("schemas")) && Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (a folder with schemas/ and mvnw) above " + here);
    }

    /** Copies the project's {@code schemas/} folder to {@code target}, for tests that edit a schema. */
    public static Path copySchemas(Path target) throws java.io.IOException {
        Path schemas = find().resolve("schemas");
        try (var files = Files.walk(schemas)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(schemas.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
