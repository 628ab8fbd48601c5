package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A release being written by one run, published all at once or not at all.
 *
 * <p>Every stage writes into {@link #dir()}, {@code published/.staging-<release>-<run-id>/}, which readers ignore
 * (they list only folders named like a quarter). The ledger entry is staged too ({@link Ledger#stage}) and handed
 * over with {@link #deferLedger}. {@link #publish} writes {@value #COMPLETE_MARKER} (the content id), moves an
 * existing {@code published/<release>/} aside, renames the staging folder to {@code published/<release>/},
 * records the ledger entry and only then deletes the old folder; if a step fails, the old folder is put back.
 * {@link #close} without {@code publish} deletes the staging folder and the pending ledger entry, so a failed run
 * leaves the warehouse's published releases and ledger as they were. Between the two renames of a re-publication
 * there is a moment with no {@code published/<release>/}; readers never see a partial one.
 *
 * <p>A process killed outright can leave a hidden staging folder, a set-aside release or a pending ledger file
 * behind; none is read, and {@link #recover} (run at the start of every {@code run}, under the warehouse lock)
 * puts the warehouse back in order.
 * Not thread-safe; one run owns one instance.
 */
public final class StagedRelease implements AutoCloseable {

    /** The completion marker, written last, holding the content id. */
    public static final String COMPLETE_MARKER = ca.hotlinetrends.release.CertificateBuilder.COMPLETE_MARKER;

    private final Warehouse warehouse;
    private final Quarter release;
    private final String runId;
    private final Path dir;
    private Path pendingLedger;
    private boolean published;

    private StagedRelease(Warehouse warehouse, Quarter release, String runId) {
        this.warehouse = warehouse;
        this.release = release;
        this.runId = runId;
        this.dir = warehouse.staging(release, runId);
    }

    /** Creates an empty staging folder for {@code release}, owned by run {@code runId}. */
    public static StagedRelease open(Warehouse warehouse, Quarter release, String runId) {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(release, "release");
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "runId must be letters, digits, '.', '_' or '-'. Provided value: " + runId);
        }
        StagedRelease s = new StagedRelease(warehouse, release, runId);
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(s.dir.toFile());
            Files.createDirectories(s.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder " + s.dir, e);
        }
        return s;
    }

    /**
     * A staging folder that starts as a copy of the published release, when there is one (without its completion
     * marker): a single-stage command ({@code trends}, {@code anonymize --release}, {@code report}) changes its
     * part of the release there and publishes the whole folder with {@link #publish}, as a run does, so that
     * readers see the release before or after the command and never a half-written part.
     */
    public static StagedRelease openCopy(Warehouse warehouse, Quarter release, String runId) {
        StagedRelease s = open(warehouse, release, runId);
        Path current = warehouse.release(release);
        if (!Files.isDirectory(current)) {
            return s;
        }
        try (Stream<Path> all = Files.walk(current)) {
            for (Path p : all.sorted().toList()) {
                Path to = s.dir.resolve(current.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().equals(COMPLETE_MARKER)) {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e instanceof IOException io
                    ? new UncheckedIOException(
                            "cannot copy release " + release + " into its staging folder " + s.dir, io)
                    : (RuntimeException) e;
        }
        return s;
    }

    /** The folder the run writes the release into. */
    public Path dir() {
        return dir;
    }

    public Quarter release() {
        return release;
    }

    /** The run's tag for pending files ({@code <run-id>}). */
    public String runId() {
        return runId;
    }

    /** The pending ledger entry to record when (and only when) the release is published. */
    public void deferLedger(Path pending) {
        if (pendingLedger != null && !pendingLedger.equals(pending)) {
            new Ledger(warehouse).discard(pendingLedger);
        }
        this.pendingLedger = Objects.requireNonNull(pending, "pending");
    }

    /**
     * Publishes the release: marker, rename, ledger entry, then removal of the replaced folder.
     *
     * @param contentId the run's content id, written into the marker (a single-stage command, which has no
     *     content id of a whole run's inputs, gives its run id)
     * @return {@code published/<release>/}
     */
    public Path publish(String contentId) {
        if (published) {
            throw new IllegalStateException("release " + release + " of run " + runId + " is already published");
        }
        Path target = warehouse.release(release);
        Path aside = warehouse.replaced(release, runId);
        Path intent = pendingLedger == null ? null : publishing(pendingLedger);
        try {
            Files.writeString(
                    dir.resolve(COMPLETE_MARKER),
                    "release=" + release + "\ncontent_id=" + contentId + "\n",
                    StandardCharsets.UTF_8);
            if (intent != null) {
                // What recovery needs to finish the job should the process die between the rename and the ledger.
                Files.writeString(intent, contentId + "\n", StandardCharsets.UTF_8);
            }
            boolean replacing = Files.exists(target);
            if (replacing) {
                org.apache.commons.io.FileUtils.deleteDirectory(aside.toFile());
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                ca.hotlinetrends.warehouse.FaultPoints.reach("publish-rename");
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
                try {
                    ca.hotlinetrends.warehouse.FaultPoints.reach("ledger-commit");
                    if (pendingLedger != null) {
                        new Ledger(warehouse).commit(pendingLedger, release);
                        Files.deleteIfExists(intent);
                    }
                } catch (IOException | RuntimeException e) {
                    Files.move(target, dir, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                if (replacing) {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            published = true;
            pendingLedger = null;
            org.apache.commons.io.FileUtils.deleteDirectory(aside.toFile());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish release " + release + " from " + dir, e);
        }
    }

    /** The file that says a pending ledger entry's release is being published, holding the content id. */
    private static Path publishing(Path pendingLedger) {
        return pendingLedger.resolveSibling(
                pendingLedger.getFileName().toString().replace(".csv.pending", ".publishing"));
    }

    /** What {@link #recover} did. */
    public record Recovery(
            int stagingFoldersRemoved, int releasesRestored, int ledgerEntriesCompleted, int ledgerEntriesDiscarded) {
        public boolean any() {
            return stagingFoldersRemoved + releasesRestored + ledgerEntriesCompleted + ledgerEntriesDiscarded > 0;
        }
    }

    /**
     * Cleans up after runs that were killed, to be called while holding the warehouse lock (so no other run is
     * writing): a release moved aside and never replaced is put back; a release renamed into place whose ledger
     * entry was not yet recorded gets it (its completion marker holds the content id the run meant to record);
     * every other staging folder, set-aside folder and pending ledger entry is deleted.
     */
    public static Recovery recover(Warehouse warehouse) {
        int removed = 0;
        int restored = 0;
        int completed = 0;
        int discarded = 0;
        Ledger ledger = new Ledger(warehouse);
        try {
            if (Files.isDirectory(warehouse.published())) {
                try (Stream<Path> dirs = Files.list(warehouse.published())) {
                    for (Path p : dirs.sorted().toList()) {
                        String name = p.getFileName().toString();
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.replaced-(\\d{4}Q[1-4])-.*")
                                .matcher(name);
                        if (m.matches()) {
                            Path target = warehouse.published().resolve(m.group(1));
                            if (!Files.exists(target)) {
                                Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                                restored++;
                            } else {
                                org.apache.commons.io.FileUtils.deleteDirectory(p.toFile());
                                removed++;
                            }
                        }
                    }
                }
                try (Stream<Path> dirs = Files.list(warehouse.published())) {
                    for (Path p : dirs.filter(d -> d.getFileName().toString().startsWith(".staging-"))
                            .sorted()
                            .toList()) {
                        org.apache.commons.io.FileUtils.deleteDirectory(p.toFile());
                        removed++;
                    }
                }
            }
            Path entries = warehouse.ledger().resolve("releases");
            if (Files.isDirectory(entries)) {
                List<Path> pending;
                try (Stream<Path> files = Files.list(entries)) {
                    pending = files.filter(f -> f.getFileName().toString().endsWith(".csv.pending"))
                            .sorted()
                            .toList();
                }
                for (Path f : pending) {
                    Quarter release = Quarter.parse(f.getFileName().toString().substring(1, 7));
                    Path intent = publishing(f);
                    Path marker = warehouse.release(release).resolve(COMPLETE_MARKER);
                    if (Files.isRegularFile(intent)
                            && Files.isRegularFile(marker)
                            && Files.readString(marker, StandardCharsets.UTF_8)
                                    .contains("content_id="
                                            + Files.readString(intent, StandardCharsets.UTF_8)
                                                    .strip() + "\n")) {
                        ledger.commit(f, release);
                        completed++;
                    } else {
                        ledger.discard(f);
                        discarded++;
                    }
                    Files.deleteIfExists(intent);
                }
                try (Stream<Path> files = Files.list(entries)) {
                    for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".publishing"))
                            .toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            Path values = warehouse.restricted().resolve("ledger-values");
            if (Files.isDirectory(values)) {
                try (Stream<Path> files = Files.list(values)) {
                    for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".csv.pending"))
                            .toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up after an interrupted run in " + warehouse.root(), e);
        }
        return new Recovery(removed, restored, completed, discarded);
    }

    /** Deletes what an unpublished run staged; no-op after {@link #publish}. */
    @Override
    public void close() {
        if (published) {
            return;
        }
        if (pendingLedger != null) {
            new Ledger(warehouse).discard(pendingLedger);
            try {
                Files.deleteIfExists(publishing(pendingLedger));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + publishing(pendingLedger), e);
            }
        }
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the staging folder " + dir, e);
        }
    }
}
