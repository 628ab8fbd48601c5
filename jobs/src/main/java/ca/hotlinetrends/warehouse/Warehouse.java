package ca.hotlinetrends.warehouse;

import ca.hotlinetrends.calendar.Quarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The warehouse layout, the contract analysts and researchers rely on:
 * <pre>
 * restricted/staged/&lt;dataset&gt;/reference_quarter=YYYYQn/   validated records, never published
 * restricted/quarantine/&lt;dataset&gt;/run_id=&lt;run&gt;/            rejected records with a reason code
 * restricted/runs/&lt;run-id&gt;/manifest.json                     what a run read, wrote and counted
 * published/&lt;release&gt;/                                      all that may leave the building
 * published/.staging-&lt;release&gt;-&lt;run-id&gt;/                  a run's release until it is complete (hidden)
 * ledger/                                                  every cell ever published
 * </pre>
 * Everything under {@code restricted/} is owner-only (directories 700, files 600).
 */
public record Warehouse(Path root) {

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    public Warehouse {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path restricted() {
        return root.resolve("restricted");
    }

    public Path staged(String dataset) {
        return restricted().resolve("staged").resolve(dataset);
    }

    public Path quarantine(String dataset) {
        return restricted().resolve("quarantine").resolve(dataset);
    }

    public Path run(String runId) {
        return restricted().resolve("runs").resolve(runId);
    }

    public Path published() {
        return root.resolve("published");
    }

    public Path release(Quarter release) {
        return published().resolve(release.toString());
    }

    /**
     * Where a run writes a release before publishing it ({@code published/.staging-<release>-<run-id>/}); hidden
     * from readers, who only see folders named like a quarter.
     */
    public Path staging(Quarter release, String runId) {
        return published().resolve(".staging-" + release + "-" + runId);
    }

    /** Where the previous folder of a release waits while a run replaces it ({@code published/.replaced-...}). */
    public Path replaced(Quarter release, String runId) {
        return published().resolve(".replaced-" + release + "-" + runId);
    }

    public Path ledger() {
        return root.resolve("ledger");
    }

    /** Releases already published (folders under {@code published/} named like a quarter), oldest first. */
    public List<Quarter> publishedReleases() {
        if (!Files.isDirectory(published())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(published())) {
            List<Quarter> releases = new ArrayList<>();
            dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}Q[1-4]"))
                    .map(Quarter::parse)
                    .sorted()
                    .forEach(releases::add);
            return releases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + published(), e);
        }
    }

    /**
     * Makes {@code restricted/} and everything below it owner-only. No-op on file systems without POSIX. Files that
     * vanish meanwhile (another stage of the run renaming or removing its work files) are passed over.
     */
    public void lockDownRestricted() {
        Path r = restricted();
        if (!Files.exists(r)
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.walkFileTree(r, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(
                        Path dir, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                    return restrict(dir, OWNER_DIR);
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(
                        Path file, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                    return restrict(file, attrs.isDirectory() ? OWNER_DIR : OWNER_FILE);
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                        throw e;
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                private java.nio.file.FileVisitResult restrict(Path p, Set<PosixFilePermission> permissions)
                        throws IOException {
                    try {
                        Files.setPosixFilePermissions(p, permissions);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict permissions under " + r, e);
        }
    }

    /**
     * Puts back a staged quarter that an ingest killed in mid-swap left aside ({@code .reference_quarter=Q.old}
     * with no {@code reference_quarter=Q}), and deletes set-aside copies whose quarter is in place. Readers and
     * writers of staged data call it first.
     */
    public static void recoverStagedSwaps(Path stagedDataset) {
        if (!Files.isDirectory(stagedDataset)) {
            return;
        }
        try (Stream<Path> entries = Files.list(stagedDataset)) {
            for (Path old : entries.filter(p -> p.getFileName().toString().matches("\\.reference_quarter=.*\\.old"))
                    .toList()) {
                String name = old.getFileName().toString();
                Path live = stagedDataset.resolve(name.substring(1, name.length() - ".old".length()));
                if (Files.exists(live)) {
                    org.apache.commons.io.FileUtils.deleteDirectory(old.toFile());
                } else {
                    Files.move(old, live, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover interrupted swaps in " + stagedDataset, e);
        }
    }

    /** Creates a folder under restricted/ with owner-only permissions. */
    public Path createRestrictedDirectory(Path dir) {
        if (!dir.toAbsolutePath().normalize().startsWith(restricted())) {
            throw new IllegalArgumentException("not under restricted/: " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        lockDownRestricted();
        return dir;
    }
}
