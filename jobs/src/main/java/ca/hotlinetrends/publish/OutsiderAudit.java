package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.disclosure.AttackerAudit;
import ca.hotlinetrends.disclosure.AuditResult;
import ca.hotlinetrends.disclosure.CellAudit;
import ca.hotlinetrends.disclosure.InconsistentCellSystemException;
import ca.hotlinetrends.disclosure.LabelKnowledge;
import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.disclosure.MicrodataKnowledge;
import ca.hotlinetrends.disclosure.MinCellCountRule;
import ca.hotlinetrends.disclosure.Vintages;
import ca.hotlinetrends.release.CellId;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.release.PublishedCsv;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.tables.LinkedTable;
import ca.hotlinetrends.tables.TableBuilder;
import ca.hotlinetrends.tables.TableLinks;
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
import java.util.HashSet;
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
 * another (or shown by a derived table) has width 0.
 *
 * <p>Revisions: a release's certificate lists the periods it revises ({@code revisions.periods}); from that
 * release on, the cells of those periods are new {@link Vintages vintages}, related to each other as that release
 * shows them, while the old vintages keep the relations of the releases that showed them. A published value
 * that changes without a declared revision, or a revision whose old and new values are both published and
 * differ by a small count (the primary rule), fails the audit.
 *
 * <p>A release says of a cell only {@code published} or {@code suppressed} ({@link CellStatus}). Releases written
 * before that said {@code suppressed-primary} (a small count) or {@code suppressed-secondary} (not one); those
 * labels are attacker knowledge for ever and enter the system as bounds ({@link LabelKnowledge}): a small count
 * is between 1 and the minimum cell count minus 1; a cell labelled not small is given its true side (0, or at
 * least the minimum cell count) when the true values are available, and otherwise cannot be modelled, which
 * fails the audit (fail closed).
 *
 * <p>Which suppressed cells must keep the protection width (the small counts) is not published; staff give the
 * audit the true values ({@code restricted/ledger-values}, {@link Ledger#vintage}). Without them every suppressed
 * cell is held to the width. The minimum cell count of each release is the one its certificate records.
 *
 * <p>Passes when there is no such revision, every label could be modelled and every small count suppressed in
 * a release read keeps an integer interval at least the protection width wide; other suppressed cells are
 * reported for information. Immutable and thread-safe.
 */
public final class OutsiderAudit {

    private static final CSVFormat CSV = PublishedCsv.READ;
    private static final String PUBLISHED = CellStatus.PUBLISHED.code();
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
    public record ReleaseReport(
            Quarter release,
            int primary,
            int primaryBelowWidth,
            double primaryNarrowest,
            int secondary,
            int secondaryBelowWidth,
            double secondaryNarrowest,
            List<String> failedPrimaryCells) {
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
    public record Result(
            Quarter release,
            List<Quarter> releasesRead,
            int cells,
            int relations,
            int unknownCells,
            int lpsSolved,
            double seconds,
            long protectionWidth,
            List<ReleaseReport> releases,
            List<Revision> revisions,
            int declaredRevisions,
            List<String> disclosingRevisions,
            String inconsistency,
            boolean trueValuesRead,
            int labelledCells,
            int unmodelledLabels,
            int recordLevelReleases,
            int tablesLinkedToRecords) {
        public Result {
            releasesRead = List.copyOf(releasesRead);
            releases = List.copyOf(releases);
            revisions = List.copyOf(revisions);
            disclosingRevisions = List.copyOf(disclosingRevisions);
        }

        /**
         * Whether every suppressed cell (small count or not: nothing published says which) keeps the protection
         * width, every change of a published value was declared as a
         * revision, no revision shows its size when that size is a small count, and the releases are consistent.
         */
        public boolean passed() {
            return inconsistency == null
                    && revisions.isEmpty()
                    && disclosingRevisions.isEmpty()
                    && unmodelledLabels == 0
                    && releases.stream().allMatch(r -> r.primaryBelowWidth() == 0 && r.secondaryBelowWidth() == 0);
        }

        public int primaryBelowWidth() {
            return releases.stream().mapToInt(ReleaseReport::primaryBelowWidth).sum();
        }

        /** The audit's report, one line per release and a verdict; names cells, never values or bounds. */
        public String summary() {
            Result r = this;
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text);
            out.printf(
                    "[audit] %d releases (%s..%s): %,d cells, %,d relations, %,d unknown to an outsider; %,d LPs in %.1f s%n",
                    r.releasesRead().size(),
                    r.releasesRead().get(0),
                    r.release(),
                    r.cells(),
                    r.relations(),
                    r.unknownCells(),
                    r.lpsSolved(),
                    r.seconds());
            out.printf(
                    "[audit] %s%n",
                    r.trueValuesRead()
                            ? "small counts told apart with the restricted ledger values (staff view)"
                            : "no restricted ledger values: every suppressed cell is held to the width (outsider view)");
            out.printf(
                    "[audit] record-level releases read with the tables: %d (linked to %d tables in all)%n",
                    r.recordLevelReleases(), r.tablesLinkedToRecords());
            if (r.labelledCells() > 0) {
                out.printf(
                        "[audit] %,d suppressed cells carry a label of an earlier release format (small count or "
                                + "not), read as attacker knowledge%s%n",
                        r.labelledCells(),
                        r.unmodelledLabels() == 0
                                ? ""
                                : "; " + r.unmodelledLabels()
                                        + " 'not small' labels cannot be modelled without the true values");
            }
            out.printf(
                    "%-8s %8s %10s %8s %10s %10s %8s%n",
                    "release",
                    "small",
                    "narrowest",
                    "below-" + r.protectionWidth(),
                    "other",
                    "narrowest",
                    "below-" + r.protectionWidth());
            for (ReleaseReport rr : r.releases()) {
                out.printf(
                        "%-8s %8d %10s %8d %10d %10s %8d%n",
                        rr.release(),
                        rr.primary(),
                        rr.primary() == 0 ? "-" : width(rr.primaryNarrowest()),
                        rr.primaryBelowWidth(),
                        rr.secondary(),
                        rr.secondary() == 0 ? "-" : width(rr.secondaryNarrowest()),
                        rr.secondaryBelowWidth());
            }
            for (ReleaseReport rr : r.releases()) {
                if (!rr.failedPrimaryCells().isEmpty()) {
                    out.printf(
                            "[audit] %s: small counts below width %d (first %d): %s%n",
                            rr.release(),
                            r.protectionWidth(),
                            rr.failedPrimaryCells().size(),
                            rr.failedPrimaryCells());
                }
            }
            if (r.declaredRevisions() > 0) {
                out.printf(
                        "[audit] %,d cells were revised by a later release (declared in its certificate)%n",
                        r.declaredRevisions());
            }
            if (!r.disclosingRevisions().isEmpty()) {
                out.printf(
                        "[audit] %d revisions show a small change between two published values, e.g. %s%n",
                        r.disclosingRevisions().size(),
                        r.disclosingRevisions().stream().limit(10).toList());
            }
            if (!r.revisions().isEmpty()) {
                out.printf(
                        "[audit] %d cells were published with different values without a declared revision, e.g. %s%n",
                        r.revisions().size(),
                        r.revisions().stream()
                                .limit(10)
                                .map(v -> v.cellId() + " in " + v.releases())
                                .toList());
            }
            if (r.inconsistency() != null) {
                out.println("[audit] the published values are inconsistent: " + r.inconsistency());
            }
            if (r.passed()) {
                out.printf(
                        "[audit] PASSED: every suppressed cell keeps an integer range of at least %d%n",
                        r.protectionWidth());
            } else {
                out.printf(
                        "[audit] FAILED: %d suppressed small counts and %d other suppressed cells below width %d, "
                                + "%d undeclared revisions, %d disclosing revisions%s%n",
                        r.primaryBelowWidth(),
                        r.releases().stream()
                                .mapToInt(ReleaseReport::secondaryBelowWidth)
                                .sum(),
                        r.protectionWidth(),
                        r.revisions().size(),
                        r.disclosingRevisions().size(),
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
        return run(publishedRoot, release, q -> java.util.Optional.empty());
    }

    /**
     * Audits {@code release} together with every earlier release published under {@code publishedRoot}, telling
     * small counts apart with the true values staff hold.
     *
     * @param trueValues the true value of every cell of a release as it saw it ({@link Ledger#vintage}), or empty
     *                   when unknown (every suppressed cell of that release is then held to the width)
     */
    public Result run(
            Path publishedRoot,
            Quarter release,
            java.util.function.Function<Quarter, java.util.Optional<Map<String, Long>>> trueValues) {
        return run(publishedRoot, release, publishedRoot.resolve(release.toString()), trueValues);
    }

    /**
     * Audits {@code release} as it stands in {@code releaseDir} (a staged copy about to replace the published one)
     * together with every earlier release published under {@code publishedRoot}.
     */
    public Result run(Path publishedRoot, Quarter release, Path releaseDir) {
        return run(publishedRoot, release, releaseDir, q -> java.util.Optional.empty());
    }

    private Result run(
            Path publishedRoot,
            Quarter release,
            Path currentDir,
            java.util.function.Function<Quarter, java.util.Optional<Map<String, Long>>> trueValues) {
        long t0 = System.nanoTime();
        List<Quarter> releases = releasesUpTo(publishedRoot, release, currentDir);
        TableBuilder builder = new TableBuilder(schemas);
        List<Vintages.Release> history = new ArrayList<>();
        // per release: base id -> published values seen (count tables and derived tables); base id -> status
        List<Map<String, Set<Long>>> observedByRelease = new ArrayList<>();
        Map<String, Map<Quarter, String>> statuses = new HashMap<>();
        Map<Quarter, Integer> minCellCount = new HashMap<>();
        Map<Quarter, Map<String, Long>> truth = new HashMap<>();
        List<List<LinkedTable>> linkedByRelease = new ArrayList<>();
        for (Quarter q : releases) {
            Path releaseDir = q.equals(release) ? currentDir : publishedRoot.resolve(q.toString());
            Path tables = releaseDir.resolve("tables");
            Set<String> revisedPeriods = revisedPeriods(releaseDir);
            minCellCount.put(q, minCellCount(releaseDir));
            trueValues.apply(q).ifPresent(v -> truth.put(q, v));
            List<LinkedTable> linked = new ArrayList<>();
            Map<String, Long> shown = new LinkedHashMap<>();
            Set<String> revised = new HashSet<>();
            Map<String, Set<Long>> observed = new HashMap<>();
            Set<LinearRelation> relations = new LinkedHashSet<>();
            for (TableSchema t : schemas.tables()) {
                Path csv = tables.resolve(t.table() + ".csv");
                if (!t.isCountTable() || !Files.isRegularFile(csv)) {
                    continue;
                }
                LinkedTable l = builder.build(t, q, Map.of());
                linked.add(l);
                int period = l.table().dimensions().indexOf("period");
                for (CountTable.Cell c : l.table().cells()) {
                    String id = l.table().cellId(c);
                    shown.put(id, null);
                    if (period >= 0 && revisedPeriods.contains(c.key().get(period))) {
                        revised.add(id);
                    }
                }
                relations.addAll(l.relations());
                readCountTable(t, csv, q, l, observed, statuses);
            }
            relations.addAll(TableLinks.between(linked));
            linkedByRelease.add(linked);
            for (TableSchema t : schemas.tables()) {
                Path csv = tables.resolve(t.table() + ".csv");
                if (!t.isCountTable() && Files.isRegularFile(csv)) {
                    readDerivedTable(t, csv, shown.keySet(), observed);
                }
            }
            history.add(new Vintages.Release(q.toString(), shown, new ArrayList<>(relations), revised));
            observedByRelease.add(observed);
        }
        Vintages vintages = Vintages.of(history);

        // vintage -> published value -> releases showing it
        Map<String, TreeMap<Long, Set<Quarter>>> observed = new HashMap<>();
        for (int i = 0; i < releases.size(); i++) {
            Quarter q = releases.get(i);
            int index = i;
            observedByRelease
                    .get(i)
                    .forEach((base, values) -> values.forEach(
                            v -> observed.computeIfAbsent(vintages.idOf(index, base), k -> new TreeMap<>())
                                    .computeIfAbsent(v, k -> new TreeSet<>())
                                    .add(q)));
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
        // A revision whose old and new values are both published discloses its size exactly.
        MinCellCountRule rule = new MinCellCountRule(minCellCount.get(release));
        List<String> disclosingRevisions = new ArrayList<>();
        for (Vintages.Revision r : vintages.revisions()) {
            Long older = published.get(r.olderId());
            Long newer = published.get(r.newerId());
            if (older != null && newer != null && rule.isSensitive(Math.abs(newer - older))) {
                disclosingRevisions.add(r.newerId());
            }
        }
        // vintage -> a small count suppressed in some release showing it (what must keep the width)
        Map<String, Boolean> unknown = new HashMap<>();
        for (String id : vintages.values().keySet()) {
            if (!published.containsKey(id)) {
                unknown.put(id, false);
            }
        }
        LabelKnowledge labels = new LabelKnowledge();
        Set<String> sensitiveBase = new HashSet<>();
        int labelled = 0;
        int unmodelled = 0;
        for (int i = 0; i < releases.size(); i++) {
            Quarter q = releases.get(i);
            int m = minCellCount.get(q);
            Map<String, Long> values = truth.get(q);
            for (String base : history.get(i).values().keySet()) {
                String status = statuses.getOrDefault(base, Map.of()).get(q);
                String id = vintages.idOf(i, base);
                if (status == null || PUBLISHED.equals(status) || !unknown.containsKey(id)) {
                    continue;
                }
                Long value = values == null ? null : values.get(base);
                CellStatus.Legacy label = CellStatus.legacy(status);
                boolean small = switch (label) {
                    case SMALL_COUNT -> true;
                    case NOT_SMALL_COUNT -> false;
                    case NONE -> value == null || new MinCellCountRule(m).isSensitive(value);
                };
                if (small) {
                    unknown.put(id, true);
                    sensitiveBase.add(q + "|" + base);
                }
                if (label == CellStatus.Legacy.SMALL_COUNT) {
                    labels.smallCount(id, m, null);
                    labelled++;
                } else if (label == CellStatus.Legacy.NOT_SMALL_COUNT) {
                    labelled++;
                    if (value == null) {
                        unmodelled++;
                    } else {
                        labels.notSmallCount(id, m, value);
                    }
                }
            }
        }
        Map<String, Long> known = new HashMap<>(published);
        known.putAll(labels.constants());
        labels.slacks().keySet().forEach(s -> unknown.put(s, false));
        // Every record-level release published with these tables, read back from its files.
        MicrodataKnowledge microdata = new MicrodataKnowledge();
        int extractsRead = 0;
        String inconsistency = null;
        try {
            for (int i = 0; i < releases.size(); i++) {
                List<MicrodataLinks.Extract> extracts = MicrodataLinks.extracts(
                        releases.get(i).equals(release)
                                ? currentDir
                                : publishedRoot.resolve(releases.get(i).toString()));
                if (!extracts.isEmpty()) {
                    extractsRead++;
                    int index = i;
                    MicrodataLinks.link(
                            microdata,
                            schemas,
                            releases.get(i),
                            releases.get(i).toString(),
                            linkedByRelease.get(i),
                            base -> vintages.idOf(index, base),
                            extracts);
                }
            }
        } catch (InconsistentCellSystemException e) {
            inconsistency = e.getMessage();
        }
        known.putAll(microdata.constants());
        microdata.unknowns().forEach(s -> unknown.put(s, false));

        AttackerAudit attacker = new AttackerAudit(rule, protectionWidth);
        Map<String, Double> width = new HashMap<>();
        int lps = 0;
        List<LinearRelation> relations = new ArrayList<>(vintages.relations());
        relations.addAll(labels.relations());
        relations.addAll(microdata.relations());
        try {
            if (inconsistency != null) {
                throw new InconsistentCellSystemException(inconsistency);
            }
            AuditResult audit = attacker.auditPublished(known, unknown, relations);
            lps = audit.lpsSolved();
            for (CellAudit c : audit.cells()) {
                width.put(c.cellId(), c.width());
            }
        } catch (InconsistentCellSystemException e) {
            inconsistency = e.getMessage();
        }

        List<ReleaseReport> reports = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            int index = i;
            reports.add(report(
                    releases.get(i), statuses, base -> vintages.idOf(index, base), width, published, sensitiveBase));
        }
        return new Result(
                release,
                releases,
                vintages.values().size(),
                relations.size(),
                unknown.size(),
                lps,
                (System.nanoTime() - t0) / 1e9,
                protectionWidth,
                reports,
                revisions,
                vintages.revisions().size(),
                disclosingRevisions,
                inconsistency,
                !truth.isEmpty(),
                labelled,
                unmodelled,
                extractsRead,
                microdata.tablesLinked());
    }

    /** The minimum cell count a release's certificate records, or the default when the release has none yet. */
    private static int minCellCount(Path releaseDir) {
        return ReleaseCertificate.readIfPresent(releaseDir)
                .map(c -> c.tableProtection().minCellCount())
                .orElse(MinCellCountRule.DEFAULT_MIN_CELL_COUNT);
    }

    /** The periods (codes such as {@code 2025Q2}, {@code 2025Q1-Q3}, {@code 2025}) a release's certificate declares revised. */
    private static Set<String> revisedPeriods(Path releaseDir) {
        return new HashSet<>(ReleaseCertificate.readIfPresent(releaseDir)
                .map(ReleaseCertificate::revisedPeriods)
                .orElse(List.of()));
    }

    private ReleaseReport report(
            Quarter q,
            Map<String, Map<Quarter, String>> statuses,
            java.util.function.Function<String, String> vintageOf,
            Map<String, Double> width,
            Map<String, Long> published,
            Set<String> sensitiveBase) {
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
            String vintage = vintageOf.apply(id);
            double w = published.containsKey(vintage) ? 0 : width.getOrDefault(vintage, Double.NaN);
            if (sensitiveBase.contains(q + "|" + id)) {
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
        return new ReleaseReport(
                q, primary, primaryBelow, primaryNarrowest, secondary, secondaryBelow, secondaryNarrowest, failed);
    }

    private static List<Quarter> releasesUpTo(Path publishedRoot, Quarter release, Path currentDir) {
        if (!Files.isDirectory(currentDir.resolve("tables"))) {
            throw new IllegalArgumentException(
                    "release " + release + " is not published in " + currentDir.getParent() + " (no tables/ folder)");
        }
        try (var dirs = Files.list(publishedRoot)) {
            List<Quarter> earlier = dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}Q[1-4]"))
                    .map(Quarter::parse)
                    .filter(q -> q.compareTo(release) < 0)
                    .sorted()
                    .toList();
            List<Quarter> upTo = new ArrayList<>(earlier);
            upTo.add(release);
            return upTo;
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

    private static void readCountTable(
            TableSchema t,
            Path csv,
            Quarter q,
            LinkedTable built,
            Map<String, Set<Long>> observed,
            Map<String, Map<Quarter, String>> statuses) {
        Set<String> ids = new LinkedHashSet<>();
        built.table().cells().forEach(c -> ids.add(built.table().cellId(c)));
        for (CSVRecord r : records(csv)) {
            List<String> key = new ArrayList<>();
            for (String dim : built.table().dimensions()) {
                key.add(r.get(dim));
            }
            String id = CellId.of(t.table(), key);
            if (!ids.contains(id)) {
                throw new IllegalArgumentException(csv + ": row " + key + " is not a cell that table " + t.table()
                        + " publishes for release " + q);
            }
            String status = r.get("status");
            if (CellStatus.parse(status).isEmpty()) {
                throw new IllegalArgumentException(csv + ": unknown status in row " + key + " (a cell_status code, or "
                        + "a label of the earlier format, was expected)");
            }
            statuses.computeIfAbsent(id, k -> new TreeMap<>()).put(q, status);
            if (status.equals(PUBLISHED)) {
                observed.computeIfAbsent(id, k -> new TreeSet<>()).add(parseCount(csv, r.get(t.measureColumn())));
            }
        }
    }

    /** Counts a derived table shows, as observations of the cells of the table it is derived from. */
    private void readDerivedTable(TableSchema t, Path csv, Set<String> allCells, Map<String, Set<Long>> observed) {
        if (t.derivedFrom() == null
                || !schemas.tables().stream().anyMatch(s -> s.table().equals(t.derivedFrom()))) {
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
                observe(csv, source, key, r.get(measure), allCells, observed);
            }
            // changes_by_province: the count it compares against, a quarter or a year earlier.
            if (columns.contains(measure + "_before") && columns.contains("comparison")) {
                Quarter now = Quarter.parse(key.get(0));
                Quarter before = r.get("comparison").equals("quarter_over_quarter")
                        ? now.previous()
                        : new Quarter(now.year() - 1, now.number());
                List<String> beforeKey = new ArrayList<>(key);
                beforeKey.set(0, before.toString());
                observe(csv, source, beforeKey, r.get(measure + "_before"), allCells, observed);
            }
        }
    }

    private static void observe(
            Path csv,
            TableSchema source,
            List<String> key,
            String value,
            Set<String> allCells,
            Map<String, Set<Long>> observed) {
        if (value == null || value.isEmpty() || value.equals(CellStatus.MARK)) {
            return;
        }
        String id = CellId.of(source.table(), key);
        if (allCells.contains(id)) {
            observed.computeIfAbsent(id, k -> new TreeSet<>()).add(parseCount(csv, value));
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
