package ca.hotlinetrends.reports.testing;

import ca.hotlinetrends.reports.chart.ReleaseCharts;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The fixture release of the tests and what is built from it. */
public final class Fixtures {

    /** The release of the stored fixture. */
    public static final String RELEASE = "2026Q3";

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static PublishedRelease release;

    private Fixtures() {}

    public static SchemaRegistry schemas() {
        return SCHEMAS;
    }

    /** The stored fixture folder (read only: copy it before rendering into it). */
    public static Path storedRelease() {
        URL url = Fixtures.class.getResource("/releases/" + RELEASE + "/certificate.json");
        if (url == null) {
            throw new IllegalStateException("the fixture release is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the fixture release in {@code dir}, to render into. */
    public static Path copyRelease(Path dir) {
        Path source = storedRelease();
        Path target = dir.resolve(RELEASE);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.sorted().toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The fixture release as read by the reports (shared, immutable). */
    public static synchronized PublishedRelease release() {
        if (release == null) {
            release = PublishedRelease.read(
                    storedRelease(), ca.hotlinetrends.calendar.Quarter.parse(RELEASE), SCHEMAS, ReleaseCharts.TABLES);
        }
        return release;
    }

    public static Messages messages(String language) {
        return Messages.of(language, SCHEMAS);
    }
}
