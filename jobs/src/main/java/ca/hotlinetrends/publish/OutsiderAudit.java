package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.disclosure.AttackerAudit;
import ca.hotlinetrends.disclosure.AuditResult;
import ca.hotlinetrends.disclosure.CellAudit;
import ca.hotlinetrends.disclosure.InconsistentCellSystemException;
import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.disclosure.MinCellCountRule;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.trends.CountTable;
import ca.hotlinetrends.trends.LinkedTable;
import ca.hotlinetrends.trends.TableBuilder;
import ca.hotlinetrends.trends.TableLinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The attacker audit as an outsider runs it: from the published CSV tables of a release and of every earlier
 * release under {@code published/} only (no ledger, nothing restricted), the relations among all their cells
 * rebuilt from {@code schemas/tables/} (margins, period additivity and links between tables, as
 * {@link TableBuilder} and {@link TableLinks} state them for each release), published values as constants
 * and suppressed cells ({@code x}) as unknown non-negative counts. For every suppressed cell it computes the
 * feasible interval with {@link AttackerAudit#auditPublished}.
 *
 * <p>Counts that derived tables publish ({@code rates_by_province.cases}, {@code changes_by_province.cases}
 * and {@code cases_before}) are observations of the {@code cases_by_province} cell they copy. A cell
 * published anywhere is known to the outsider, so a cell suppressed in one release and published in
 * another (or shown by a derived table) has width 0. A cell published with different values in two releases
 * is a revision, reported and failed.
 *
 * <p>Passes when there is no revision and every {@code suppressed-primary} cell of every release read keeps
 * an integer interval at least the protection width wide; {@code suppressed-secondary} cells are reported
 * for information. Immutable and thread-safe.
 */
public final class OutsiderAudit {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setCommentMarker('#').get();
    private static final String PRIMARY = CountTable.Status.SUPPRESSED_PRIMARY.code();
    private static final String SECONDARY = CountTable.Status.SUPPRESSED_SECONDARY.code();
    private static final String PUBLISHED = CountTable.Status.PUBLISHED.code();
    private static final int EXAMPLES = 10;

    private final SchemaRegistry schemas;
    private final long protectionWidth;

    /**
     * @param schemas         the table schemas the release was published with, not {@code null}
     * @param protectionWidth how wide a suppressed-primary cell's interval must be, {@code >= 1}
     */
    public OutsiderAudit(SchemaRegistry schemas, long protectionWidth) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        if (protectionWidth < 1) {
            throw new IllegalArgumentException("protectionWidth must be >= 1. Provided value: " + protectionWidth);
        }
        this.protectionWidth = protectionWidth;
    }

    /** One release's suppressed cells under everything the outsider read. Widths are integer widths. */
    public record ReleaseReport(Quarter release, int primary, int primaryBelowWidth, double primaryNarrowest,
            int secondary, int secondaryBelowWidth, double secondaryNarrowest, List<String> failedPrimaryCells) {
        public ReleaseReport {
            failedPrimaryCells = List.copyOf(failedPrimaryCells);
        }
    }

    /** A cell published with different values by different releases (the values are not kept). */
    public record Revision(String cellId, List<Quarter> releases) {
        public Revision {
            releases = List.copyOf(releases);
        }
    }

    /**
     * @param release         the release audited (the last one read)
     * @param releasesRead    every release read, oldest first
     * @param cells           cells in the rebuilt system
     * @param relations       distinct relations among them
     * @param unknownCells    cells the outsider does not know (suppressed everywhere, or in no CSV)
     * @param lpsSolved       linear programs solved
     * @param seconds         time the audit took
     * @param protectionWidth the width required of suppressed-primary cells
     * @param releases        one report per release read, oldest first
     * @param revisions       cells published with different values
     * @param inconsistency   why no table matches the published values, or {@code null}
     */
    public record Result(Quarter release, List<Quarter> releasesRead, int cells, int relations, int unknownCells,
            int lpsSolved, double seconds, long protectionWidth, List<ReleaseReport> releases, List<Revision> revisions,
            String inconsistency) {
        public Result {
            releasesRead = List.copyOf(releasesRead);
            releases = List.copyOf(releases);
            revisions = List.copyOf(revisions);
        }

        /** Whether every suppressed-primary cell is protected and the releases are consistent. */
        public boolean passed() {
            return inconsistency == null && revisions.isEmpty()
                    && releases.stream().allMatch(r -> r.primaryBelowWidth() == 0);
        }

        public int primaryBelowWidth() {
            return releases.stream().mapToInt(ReleaseReport::primaryBelowWidth).sum();
        }

        /** The audit's report, one line per release and a verdict; names cells, never values or bounds. */
        public String summary() {
            Result r = this;
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text);
            out.printf("[audit] %d releases (%s..%s): %,d cells, %,d relations, %,d unknown to an outsider; %,d LPs in %.1f s%n",
                    r.releasesRead().size(), r.releasesRead().get(0), r.release(), r.cells(), r.relations(),
                    r.unknownCells(), r.lpsSolved(), r.seconds());
            out.printf("%-8s %8s %10s %8s %10s %10s %8s%n", "release", "primary", "narrowest", "below-" + r.protectionWidth(),
                    "secondary", "narrowest", "below-" + r.protectionWidth());
            for (ReleaseReport rr : r.releases()) {
                out.printf("%-8s %8d %10s %8d %10d %10s %8d%n", rr.release(), rr.primary(),
                        rr.primary() == 0 ? "-" : width(rr.primaryNarrowest()),
                        rr.primaryBelowWidth(), rr.secondary(),
                        rr.secondary() == 0 ? "-" : width(rr.secondaryNarrowest()), rr.secondaryBelowWidth());
            }
            for (ReleaseReport rr : r.releases()) {
                if (!rr.failedPrimaryCells().isEmpty()) {
                    out.printf("[audit] %s: primary cells below width %d (first %d): %s%n", rr.release(),
                            r.protectionWidth(), rr.failedPrimaryCells().size(), rr.failedPrimaryCells());
                }
            }
            if (!r.revisions().isEmpty()) {
                out.printf("[audit] %d cells were published with different values (revisions), e.g. %s%n",
                        r.revisions().size(), r.revisions().stream().limit(10)
                                .map(v -> v.cellId() + " in " + v.releases()).toList());
            }
            if (r.inconsistency() != null) {
                out.println("[audit] the published values are inconsistent: " + r.inconsistency());
            }
            if (r.passed()) {
                out.printf("[audit] PASSED: every suppressed-primary cell keeps a feasible range of at least %d%n",
                        r.protectionWidth());
            } else {
                out.printf("[audit] FAILED: %d suppressed-primary cells below width %d, %d revised cells%s%n",
                        r.primaryBelowWidth(), r.protectionWidth(), r.revisions().size(),
                        r.inconsistency() == null ? "" : ", inconsistent published values");
            }
            out.flush();
            return text.toString();
        }

        private static String width(double w) {
            if (Double.isNaN(w)) {
                return "?";
            }
            return Double.isInfinite(w) ? "unbounded" : String.format("%.0f", w);
        }
    }

    /**
     * Audits {@code release} together with every earlier release published under {@code publishedRoot}.
     *
     * @throws IllegalArgumentException if the release is not published there or a table does not match its schema
     * @throws UncheckedIOException if a CSV cannot be read
     */
    public Result run(Path publishedRoot, Quarter release) {
        long t0 = System.nanoTime();
        List<Quarter> releases = releasesUpTo(publishedRoot, release);
        TableBuilder builder = new TableBuilder(schemas);
        Set<String> allCells = new LinkedHashSet<>();
        Set<LinearRelation> relations = new LinkedHashSet<>();
        // cell id -> published value -> releases showing it; cell id -> release -> status (rows of count tables)
        Map<String, TreeMap<Long, Set<Quarter>>> observed = new HashMap<>();
        Map<String, Map<Quarter, String>> statuses = new HashMap<>();
        for (Quarter q : releases) {
            Path tables = publishedRoot.resolve(q.toString()).resolve("tables");
            List<LinkedTable> linked = new ArrayList<>();
            for (TableSchema t : schemas.tables()) {
                Path csv = tables.resolve(t.table() + ".csv");
                if (!t.isCountTable() || !Files.isRegularFile(csv)) {
                    continue;
                }
                LinkedTable l = builder.build(t, q, Map.of());
                linked.add(l);
                l.table().cells().forEach(c -> allCells.add(l.table().cellId(c)));
                relations.addAll(l.relations());
                readCountTable(t, csv, q, l, observed, statuses);
            }
            relations.addAll(TableLinks.between(linked));
            for (TableSchema t : schemas.tables()) {
                Path csv = tables.resolve(t.table() + ".csv");
                if (!t.isCountTable() && Files.isRegularFile(csv)) {
                    readDerivedTable(t, csv, q, allCells, observed);
                }
            }
        }

        List<Revision> revisions = new ArrayList<>();
        Map<String, Long> published = new HashMap<>();
        for (String id : new TreeSet<>(observed.keySet())) {
            TreeMap<Long, Set<Quarter>> byValue = observed.get(id);
            Set<Quarter> showing = new TreeSet<>();
            byValue.values().forEach(showing::addAll);
            if (byValue.size() > 1) {
                revisions.add(new Revision(id, new ArrayList<>(showing)));
            }
            Quarter latest = ((TreeSet<Quarter>) showing).last();
            byValue.forEach((value, in) -> {
                if (in.contains(latest)) {
                    published.put(id, value);
                }
            });
        }
        Map<String, Boolean> unknown = new HashMap<>();
        for (String id : allCells) {
            if (!published.containsKey(id)) {
                unknown.put(id, statuses.getOrDefault(id, Map.of()).containsValue(PRIMARY));
            }
        }

        AttackerAudit attacker = new AttackerAudit(MinCellCountRule.defaults(), protectionWidth);
        Map<String, Double> width = new HashMap<>();
        String inconsistency = null;
        int lps = 0;
        try {
            AuditResult audit = attacker.auditPublished(published, unknown, new ArrayList<>(relations));
            lps = audit.lpsSolved();
            for (CellAudit c : audit.cells()) {
                width.put(c.cellId(), c.width());
            }
        } catch (InconsistentCellSystemException e) {
            inconsistency = e.getMessage();
        }

        List<ReleaseReport> reports = new ArrayList<>();
        for (Quarter q : releases) {
            reports.add(report(q, statuses, width, published));
        }
        return new Result(release, releases, allCells.size(), relations.size(), unknown.size(), lps,
                (System.nanoTime() - t0) / 1e9, protectionWidth, reports, revisions, inconsistency);
    }

    private ReleaseReport report(Quarter q, Map<String, Map<Quarter, String>> statuses, Map<String, Double> width,
            Map<String, Long> published) {
        int primary = 0;
        int primaryBelow = 0;
        int secondary = 0;
        int secondaryBelow = 0;
        double primaryNarrowest = Double.POSITIVE_INFINITY;
        double secondaryNarrowest = Double.POSITIVE_INFINITY;
        List<String> failed = new ArrayList<>();
        for (String id : new TreeSet<>(statuses.keySet())) {
            String status = statuses.get(id).get(q);
            if (status == null || status.equals(PUBLISHED)) {
                continue;
            }
            // Known elsewhere (another release or a derived table): exactly disclosed.
            double w = published.containsKey(id) ? 0 : width.getOrDefault(id, Double.NaN);
            if (status.equals(PRIMARY)) {
                primary++;
                primaryNarrowest = Math.min(primaryNarrowest, w);
                if (!(w >= protectionWidth)) {
                    primaryBelow++;
                    if (failed.size() < EXAMPLES) {
                        failed.add(id);
                    }
                }
            } else {
                secondary++;
                secondaryNarrowest = Math.min(secondaryNarrowest, w);
                if (!(w >= protectionWidth)) {
                    secondaryBelow++;
                }
            }
        }
        return new ReleaseReport(q, primary, primaryBelow, primaryNarrowest, secondary, secondaryBelow,
                secondaryNarrowest, failed);
    }

    private static List<Quarter> releasesUpTo(Path publishedRoot, Quarter release) {
        if (!Files.isDirectory(publishedRoot.resolve(release.toString()).resolve("tables"))) {
            throw new IllegalArgumentException("release " + release + " is not published in " + publishedRoot
                    + " (no tables/ folder)");
        }
        try (var dirs = Files.list(publishedRoot)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}Q[1-4]")).map(Quarter::parse)
                    .filter(q -> q.compareTo(release) <= 0).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + publishedRoot, e);
        }
    }

    private static List<CSVRecord> records(Path csv) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSV).get()) {
            return p.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static void readCountTable(TableSchema t, Path csv, Quarter q, LinkedTable built,
            Map<String, TreeMap<Long, Set<Quarter>>> observed, Map<String, Map<Quarter, String>> statuses) {
        Set<String> ids = new LinkedHashSet<>();
        built.table().cells().forEach(c -> ids.add(built.table().cellId(c)));
        for (CSVRecord r : records(csv)) {
            List<String> key = new ArrayList<>();
            for (String dim : built.table().dimensions()) {
                key.add(r.get(dim));
            }
            String id = t.table() + "|" + String.join("|", key);
            if (!ids.contains(id)) {
                throw new IllegalArgumentException(csv + ": row " + key + " is not a cell that table " + t.table()
                        + " publishes for release " + q);
            }
            String status = r.get("status");
            statuses.computeIfAbsent(id, k -> new TreeMap<>()).put(q, status);
            if (status.equals(PUBLISHED)) {
                observed.computeIfAbsent(id, k -> new TreeMap<>())
                        .computeIfAbsent(parseCount(csv, r.get(t.measureColumn())), k -> new TreeSet<>()).add(q);
            } else if (!status.equals(PRIMARY) && !status.equals(SECONDARY)) {
                throw new IllegalArgumentException(csv + ": unknown status '" + status + "' in row " + key);
            }
        }
    }

    /** Counts a derived table shows, as observations of the cells of the table it is derived from. */
    private void readDerivedTable(TableSchema t, Path csv, Quarter q, Set<String> allCells,
            Map<String, TreeMap<Long, Set<Quarter>>> observed) {
        if (t.derivedFrom() == null || !schemas.tables().stream().anyMatch(s -> s.table().equals(t.derivedFrom()))) {
            return;
        }
        TableSchema source = schemas.table(t.derivedFrom());
        List<String> dims = new ArrayList<>();
        dims.add("period");
        source.categoryDimensions().forEach(d -> dims.add(d.name()));
        Set<String> columns = new LinkedHashSet<>();
        t.columns().forEach(c -> columns.add(c.name()));
        if (!columns.containsAll(dims)) {
            return;
        }
        String measure = source.measureColumn();
        for (CSVRecord r : records(csv)) {
            List<String> key = new ArrayList<>();
            dims.forEach(d -> key.add(r.get(d)));
            if (columns.contains(measure)) {
                observe(csv, source, key, r.get(measure), q, allCells, observed);
            }
            // changes_by_province: the count it compares against, a quarter or a year earlier.
            if (columns.contains(measure + "_before") && columns.contains("comparison")) {
                Quarter now = Quarter.parse(key.get(0));
                Quarter before = r.get("comparison").equals("quarter_over_quarter") ? now.previous()
                        : new Quarter(now.year() - 1, now.number());
                List<String> beforeKey = new ArrayList<>(key);
                beforeKey.set(0, before.toString());
                observe(csv, source, beforeKey, r.get(measure + "_before"), q, allCells, observed);
            }
        }
    }

    private static void observe(Path csv, TableSchema source, List<String> key, String value, Quarter q,
            Set<String> allCells, Map<String, TreeMap<Long, Set<Quarter>>> observed) {
        if (value == null || value.isEmpty() || value.equals("x")) {
            return;
        }
        String id = source.table() + "|" + String.join("|", key);
        if (allCells.contains(id)) {
            observed.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(parseCount(csv, value),
                    k -> new TreeSet<>()).add(q);
        }
    }

    private static long parseCount(Path csv, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new IllegalArgumentException(csv + ": a published count is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ": a published count is not an integer: '" + value + "'", e);
        }
    }
}
