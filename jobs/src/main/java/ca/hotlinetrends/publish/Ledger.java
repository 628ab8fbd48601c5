package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.disclosure.ReleaseLedger;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The publication ledger, {@code ledger/releases/<release>.csv}: every cell a release published or
 * suppressed, as the release showed it ({@code cell_id,status,value}: the {@link CellStatus} code, and the value
 * only for published cells). Entries of releases written before suppression labels were withdrawn carry those
 * labels ({@code suppressed-primary}, {@code suppressed-secondary}): they were published, so later releases are
 * protected against them. A new release is protected jointly with every earlier one; re-publishing a release
 * replaces its own entry.
 *
 * <p>Beside each entry, under {@code restricted/ledger-values/<release>.csv} (owner-only, never published), the
 * true count of every cell of that release as it was then and why it was suppressed, for staff
 * ({@code cell_id,value,reason}, the reason a {@link CountTable.Status} code): the vintage a later release
 * is compared with, so that late records revise a cell as a new vintage instead of silently changing the past.
 * Values files written before the reason was kept have two columns; both are read.
 */
public final class Ledger {

    private final Path dir;
    private final Path valuesDir;
    private final Warehouse warehouse;

    /** The ledger of a warehouse, with its restricted vintage values. */
    public Ledger(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.dir = warehouse.ledger().resolve("releases");
        this.valuesDir = warehouse.restricted().resolve("ledger-values");
    }

    /** The releases the ledger records, other than {@code current}, oldest first. */
    public java.util.List<Quarter> releasesOtherThan(Quarter current) {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}Q[1-4]\\.csv"))
                    .map(n -> Quarter.parse(n.substring(0, 6)))
                    .filter(q -> !q.equals(current))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the ledger in " + dir, e);
        }
    }

    /** What releases other than {@code current} published and suppressed. */
    public ReleaseLedger before(Quarter current) {
        Set<String> published = new HashSet<>();
        Set<String> suppressed = new HashSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                        .sorted()
                        .toList()) {
                    String release = f.getFileName().toString().replace(".csv", "");
                    if (release.equals(current.toString())) {
                        continue;
                    }
                    try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                        lines.skip(1).forEach(line -> {
                            String[] p = line.split(",", -1);
                            (p[1].equals(CountTable.Status.PUBLISHED.code()) ? published : suppressed).add(p[0]);
                        });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ledger in " + dir, e);
            }
        }
        suppressed.removeAll(published);
        return new ReleaseLedger(published, suppressed);
    }

    /** The latest published value of each cell that releases other than {@code current} published. */
    public java.util.Map<String, Long> publishedValues(Quarter current) {
        java.util.Map<String, Long> values = new java.util.HashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                        .sorted()
                        .toList()) {
                    if (f.getFileName().toString().equals(current + ".csv")) {
                        continue;
                    }
                    try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                        lines.skip(1).forEach(line -> {
                            String[] p = line.split(",", -1);
                            if (p[1].equals(CountTable.Status.PUBLISHED.code())) {
                                values.put(p[0], Long.parseLong(p[2]));
                            }
                        });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ledger in " + dir, e);
            }
        }
        return values;
    }

    /**
     * Writes a release's cells to a pending file ({@code .<release>-<tag>.csv.pending}) that no reader of the
     * ledger sees, until {@link #commit} makes it the release's entry; {@link #discard} drops it.
     */
    public Path stage(Quarter release, List<CountTable> tables, String tag) {
        try {
            Files.createDirectories(dir);
            Path pending = dir.resolve("." + release + "-" + tag + ".csv.pending");
            try (BufferedWriter w = Files.newBufferedWriter(pending, StandardCharsets.UTF_8)) {
                w.write("cell_id,status,value\n");
                for (CountTable t : tables) {
                    for (CountTable.Cell c : t.cells()) {
                        w.write(t.cellId(c) + "," + c.status().publicStatus().code() + ","
                                + (c.published() == null ? "" : c.published()) + "\n");
                    }
                }
            }
            warehouse.createRestrictedDirectory(valuesDir);
            Path values = valuesDir.resolve(pending.getFileName());
            try (BufferedWriter w = Files.newBufferedWriter(values, StandardCharsets.UTF_8)) {
                w.write("cell_id,value,reason\n");
                for (CountTable t : tables) {
                    for (CountTable.Cell c : t.cells()) {
                        w.write(t.cellId(c) + "," + c.count() + "," + c.status().code() + "\n");
                    }
                }
            }
            warehouse.lockDownRestricted();
            return pending;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger entry of " + release, e);
        }
    }

    /** Makes a pending file the release's entry, atomically replacing an earlier one; returns the entry. */
    public Path commit(Path pending, Quarter release) {
        Path file = dir.resolve(release + ".csv");
        try {
            // The values first: an entry is never recorded without its vintage.
            Path values = valuesDir.resolve(pending.getFileName());
            if (Files.exists(values)) {
                Files.move(
                        values,
                        valuesDir.resolve(release + ".csv"),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the ledger entry of " + release, e);
        }
    }

    /** Deletes a pending entry and its values (no-op when they are gone). */
    public void discard(Path pending) {
        try {
            Files.deleteIfExists(valuesDir.resolve(pending.getFileName()));
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + pending, e);
        }
    }

    /**
     * The true count of every cell of an earlier release as that release saw it, or empty when the release was
     * recorded without values (before vintages were kept).
     */
    public java.util.Optional<java.util.Map<String, Long>> vintage(Quarter release) {
        Path f = valuesDir.resolve(release + ".csv");
        if (!Files.isRegularFile(f)) {
            return java.util.Optional.empty();
        }
        java.util.Map<String, Long> values = new java.util.HashMap<>();
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(line -> {
                String[] p = line.split(",", -1);
                values.put(p[0], Long.parseLong(p[1]));
            });
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "the ledger values of release " + release + " (" + f
                            + ") cannot be read; nothing can be protected against that release",
                    e);
        }
        return java.util.Optional.of(values);
    }

    /** Cell id to status code (and value when published) of one recorded release, in file order. */
    public java.util.Map<String, String[]> entry(Quarter release) {
        Path f = dir.resolve(release + ".csv");
        java.util.Map<String, String[]> cells = new java.util.LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(line -> {
                String[] p = line.split(",", -1);
                cells.put(p[0], new String[] {p[1], p[2]});
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger entry of " + release + " in " + dir, e);
        }
        return cells;
    }

    /** SHA-256 of every entry other than {@code current}'s, by release: what a new release is protected against. */
    public java.util.Map<String, String> entryHashes(Quarter current) {
        java.util.Map<String, String> hashes = new java.util.TreeMap<>();
        for (Quarter q : releasesOtherThan(current)) {
            hashes.put(q.toString(), ca.hotlinetrends.warehouse.RunManifest.sha256(dir.resolve(q + ".csv")));
        }
        return hashes;
    }
}
