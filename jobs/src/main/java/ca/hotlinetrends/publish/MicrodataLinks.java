package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.disclosure.MicrodataKnowledge;
import ca.hotlinetrends.schema.Hierarchy;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.tables.LinkedTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a published record-level release back from its files ({@code microdata/anonymization.json} and each
 * dataset's Parquet files) and links it to the count tables of the same release for the attacker's system
 * ({@link MicrodataKnowledge}): every table whose unit is the dataset's record and whose dimensions are all columns
 * of the released records. Only published bytes are read, so the pipeline's protection and {@code audit --release}
 * see the same knowledge. Reading uses an in-memory DuckDB over the Parquet files (no Spark needed).
 */
public final class MicrodataLinks {

    private static final String PERIOD = "reference_quarter";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One dataset of a published record-level release.
     *
     * @param years the years a closed-year extract covers (every staged record of them, when it was written), or
     *     {@code null} for a cumulative extract (every record up to its release)
     * @param heldBackPerYear records of each covered year held back (among the suppressed ones); 0 for none
     */
    public record Extract(
            String dataset,
            Path dir,
            long suppressedRecords,
            Map<String, Integer> levels,
            List<Integer> years,
            long heldBackPerYear) {
        public Extract {
            levels = Map.copyOf(levels);
            years = years == null ? null : List.copyOf(years);
        }

        /** The quarters up to {@code release} the extract covers, or {@code null} for all of them. */
        Set<String> coverage(Quarter release) {
            if (years == null) {
                return null;
            }
            Set<String> out = new TreeSet<>();
            years.forEach(y -> out.addAll(quartersOf(Integer.toString(y), release)));
            return out;
        }
    }

    /** The node of anonymization.json that says which periods a dataset's extract covers. */
    public static final String PERIODS = "periods";

    /**
     * Per dataset, the years published by the closed-year extracts of every release in {@code publishedRoot} but
     * {@code except} (a release being written again), read from their {@code anonymization.json}.
     */
    public static Map<String, Set<Integer>> yearsPublished(Path publishedRoot, Quarter except) {
        Map<String, Set<Integer>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(publishedRoot)) {
            return out;
        }
        try (java.util.stream.Stream<Path> dirs = Files.list(publishedRoot)) {
            for (Path dir : dirs.sorted().toList()) {
                Quarter q;
                try {
                    q = Quarter.parse(dir.getFileName().toString());
                } catch (IllegalArgumentException notARelease) {
                    continue;
                }
                if (q.equals(except) || !Files.isDirectory(dir)) {
                    continue;
                }
                for (Extract x : extracts(dir)) {
                    if (x.years() != null) {
                        out.computeIfAbsent(x.dataset(), k -> new TreeSet<>()).addAll(x.years());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + publishedRoot, e);
        }
        return out;
    }

    private MicrodataLinks() {}

    /**
     * Loads DuckDB's native library on a daemon thread of its own, for a command that will read a release back
     * ({@link #link}) later: the driver unpacks it from its jar and loads it in every JVM (about 0.6 s of a cold one,
     * measured), which then overlaps what the command does first (the Spark session's start uses one core of two).
     * Nothing is read; a failure is left to the reading itself to report.
     */
    public static void preload() {
        Thread t = new Thread(
                () -> {
                    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                        c.getMetaData(); // the library is loaded once a connection opens
                    } catch (SQLException | RuntimeException | LinkageError e) {
                        // reported by the reading, when it needs DuckDB
                    }
                },
                "duckdb-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The record-level datasets published in a release folder (none when it has no {@code microdata/}). */
    public static List<Extract> extracts(Path releaseDir) {
        Path md = releaseDir.resolve("microdata");
        Path meta = md.resolve("anonymization.json");
        if (!Files.isRegularFile(meta)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(meta.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        List<Extract> out = new ArrayList<>();
        for (JsonNode d : root.path("datasets")) {
            String name = d.path("dataset").asText();
            JsonNode suppressed = d.path("records_suppressed");
            if (!suppressed.canConvertToLong()) {
                throw new IllegalStateException(meta + " does not give the records suppressed of " + name
                        + ": the record-level release cannot be audited with the tables");
            }
            Map<String, Integer> levels = new LinkedHashMap<>();
            d.path("generalisation_levels")
                    .fields()
                    .forEachRemaining(e -> levels.put(e.getKey(), e.getValue().asInt()));
            List<Integer> years = null;
            long heldBack = 0;
            JsonNode periods = d.path(PERIODS);
            if (periods.path("scheme").asText().equals("closed_years")) {
                years = new ArrayList<>();
                for (JsonNode y : periods.path("years")) {
                    if (!y.canConvertToInt()) {
                        throw new IllegalStateException(meta + " gives a year of " + name + " that is not a number: "
                                + "the record-level release cannot be audited with the tables");
                    }
                    years.add(y.asInt());
                }
                heldBack = periods.path("held_back_per_year").asLong(0);
                if (years.isEmpty()) {
                    throw new IllegalStateException(meta + " gives no year for the closed-year extract of " + name
                            + ": the record-level release cannot be audited with the tables");
                }
            } else if (!periods.isMissingNode()
                    && !periods.path("scheme").asText().equals("cumulative")) {
                throw new IllegalStateException(meta + " names an unknown period scheme for " + name
                        + ": the record-level release cannot be audited with the tables");
            }
            out.add(new Extract(name, md.resolve(name), suppressed.asLong(), levels, years, heldBack));
        }
        return out;
    }

    /**
     * Links one release's extracts to its tables.
     *
     * @param release  the release (its extract holds records up to this quarter)
     * @param label    a name for the release in auxiliary cell ids, unique per system
     * @param tables   the release's count tables as built for it
     * @param systemId the id in the system of a table cell, given its {@link CountTable#cellId}
     * @return how many (dataset, table) pairs were linked
     */
    public static int link(
            MicrodataKnowledge knowledge,
            SchemaRegistry schemas,
            Quarter release,
            String label,
            List<LinkedTable> tables,
            Function<String, String> systemId,
            List<Extract> extracts) {
        int linked = 0;
        if (extracts.isEmpty()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Extract x : extracts) {
                if (!Files.isDirectory(x.dir())) {
                    throw new IllegalStateException("the record-level release of " + release + " names dataset "
                            + x.dataset() + " but has no folder for it");
                }
                String source = "read_parquet('"
                        + x.dir().resolve("*.parquet").toString().replace("'", "''") + "', hive_partitioning = false)";
                Set<String> columns = new HashSet<>();
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                    while (r.next()) {
                        columns.add(r.getString(1));
                    }
                }
                for (LinkedTable l : tables) {
                    TableSchema t = l.schema();
                    if (!t.isCountTable()
                            || !x.dataset().equals(t.sourceDataset())
                            || !t.counts().equals(x.dataset())
                            || !columns.contains(PERIOD)
                            || !t.categoryDimensions().stream().allMatch(d -> columns.contains(d.name()))) {
                        continue;
                    }
                    linkTable(
                            knowledge,
                            schemas,
                            release,
                            label + "|" + x.dataset() + "|" + t.table(),
                            l,
                            systemId,
                            c,
                            source,
                            x);
                    linked++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the record-level release of " + release + ": " + e.getMessage(), e);
        }
        return linked;
    }

    private static void linkTable(
            MicrodataKnowledge knowledge,
            SchemaRegistry schemas,
            Quarter release,
            String scope,
            LinkedTable l,
            Function<String, String> systemId,
            Connection c,
            String source,
            Extract x)
            throws SQLException {
        TableSchema t = l.schema();
        List<TableSchema.Dimension> dims = t.categoryDimensions();
        boolean multi = t.multiValued();
        // The codes of each dimension (no total code).
        List<Set<String>> baseCodes = new ArrayList<>();
        dims.forEach(d -> baseCodes.add(new LinkedHashSet<>()));
        for (CountTable.Cell cell : l.table().cells()) {
            for (int d = 0; d < dims.size(); d++) {
                String code = cell.key().get(d + 1);
                if (!(dims.get(d).total() && code.equals(dims.get(d).totalCode()))) {
                    baseCodes.get(d).add(code);
                }
            }
        }
        StringBuilder select = new StringBuilder(PERIOD);
        dims.forEach(d -> select.append(", \"").append(d.name()).append('"'));
        Map<List<Object>, Long> merged = new LinkedHashMap<>();
        Map<String, Set<String>> periodCache = new LinkedHashMap<>();
        // A closed-year extract covers its years only: '*' stands for a quarter of them, and the table cells of
        // other quarters receive none of its records.
        Set<String> coverage = x.coverage(release);
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT " + select + ", count(*) FROM " + source + " GROUP BY ALL ORDER BY ALL")) {
            while (r.next()) {
                String period = r.getString(1);
                long n = r.getLong(dims.size() + 2);
                Set<String> quarters = period == null || period.equals("*")
                        ? coverage
                        : periodCache.computeIfAbsent(period, p -> quartersOf(p, release));
                if (coverage != null && !coverage.containsAll(quarters)) {
                    throw new IllegalStateException("the record-level release of " + release + " has " + x.dataset()
                            + " records of a period its anonymization.json does not cover");
                }
                if (multi) {
                    Array array = r.getArray(2);
                    if (array == null) {
                        continue;
                    }
                    Set<String> seen = new HashSet<>();
                    for (Object o : (Object[]) array.getArray()) {
                        String code = rollup(t, dims.get(0), String.valueOf(o));
                        if (seen.add(code)) {
                            List<Object> key = new ArrayList<>();
                            key.add(quarters);
                            key.add(Set.of(code));
                            merged.merge(key, n, Long::sum);
                        }
                    }
                    continue;
                }
                List<Object> key = new ArrayList<>();
                key.add(quarters);
                for (int d = 0; d < dims.size(); d++) {
                    key.add(compatible(
                            schemas,
                            t,
                            dims.get(d),
                            x.levels().getOrDefault(dims.get(d).name(), 0),
                            r.getString(d + 2),
                            baseCodes.get(d)));
                }
                merged.merge(key, n, Long::sum);
            }
        }
        // A dimension the release shows as * in every class (fully generalised) tells nothing about its codes: the
        // records then fix only the table's total over it, so the link uses the total cells (the same knowledge,
        // a much smaller system).
        boolean[] summed = new boolean[dims.size()];
        for (int d = 0; d < dims.size(); d++) {
            int dim = d + 1;
            summed[d] = !multi
                    && dims.get(d).total()
                    && merged.keySet().stream()
                            .allMatch(k -> baseCodes.get(dim - 1).equals(k.get(dim)));
        }
        List<MicrodataKnowledge.BaseCell> cells = new ArrayList<>();
        for (CountTable.Cell cell : l.table().cells()) {
            List<String> codes = cell.key().subList(1, cell.key().size());
            boolean base = true;
            for (int d = 0; d < dims.size(); d++) {
                boolean total =
                        dims.get(d).total() && codes.get(d).equals(dims.get(d).totalCode());
                if (total != summed[d]) {
                    base = false;
                }
            }
            if (base) {
                Set<String> quarters = new TreeSet<>();
                Period.parse(cell.key().get(0)).quarters().forEach(q -> quarters.add(q.toString()));
                cells.add(
                        new MicrodataKnowledge.BaseCell(systemId.apply(l.table().cellId(cell)), quarters, codes));
            }
        }
        Map<List<Object>, Long> projected = new LinkedHashMap<>();
        merged.forEach((key, n) -> {
            List<Object> k = new ArrayList<>(key);
            for (int d = 0; d < dims.size(); d++) {
                if (summed[d]) {
                    k.set(d + 1, Set.of(dims.get(d).totalCode()));
                }
            }
            projected.merge(k, n, Long::sum);
        });
        List<MicrodataKnowledge.Group> groups = new ArrayList<>();
        projected.forEach((key, n) -> {
            List<Set<String>> codes = new ArrayList<>();
            for (int d = 1; d < key.size(); d++) {
                @SuppressWarnings("unchecked")
                Set<String> set = (Set<String>) key.get(d);
                codes.add(set);
            }
            @SuppressWarnings("unchecked")
            Set<String> quarters = (Set<String>) key.get(0);
            groups.add(new MicrodataKnowledge.Group(quarters, codes, n));
        });
        knowledge.link(scope, cells, groups, x.suppressedRecords(), multi, coverage, x.heldBackPerYear());
    }

    /**
     * The table codes a published value may stand for, given its column's generalisation level: its own code at
     * level 0, the codes it generalises above, every code for {@code *} (a blanked value or the top level). Empty
     * when it stands for none (the caller then refuses: the release and the tables disagree).
     */
    static Set<String> compatible(
            SchemaRegistry schemas, TableSchema t, TableSchema.Dimension d, int level, String value, Set<String> base) {
        if (value == null) {
            return Set.of();
        }
        if (value.equals("*")) {
            return base;
        }
        Set<String> out = new TreeSet<>();
        if (level == 0) {
            out.add(rollup(t, d, value));
        } else {
            Hierarchy h = schemas.hierarchies().stream()
                    .filter(x -> x.attribute().equals(d.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "column " + d.name() + " is generalised but has " + "no hierarchy"));
            for (String leaf : h.leaves()) {
                if (h.generalise(leaf, level).equals(value)) {
                    out.add(rollup(t, d, leaf));
                }
            }
        }
        out.retainAll(base);
        return out;
    }

    private static String rollup(TableSchema t, TableSchema.Dimension d, String code) {
        Map<String, String> r = t.rollups().get(d.name());
        return r == null ? code : r.getOrDefault(code, code);
    }

    /** The quarters up to the release a published period value (a quarter, a half or a year) stands for. */
    static Set<String> quartersOf(String value, Quarter release) {
        Set<String> out = new TreeSet<>();
        int year = Integer.parseInt(value.substring(0, 4));
        int from = 1;
        int to = 4;
        if (value.length() == 4) {
            from = 1;
        } else if (value.charAt(4) == 'H') {
            int h = value.charAt(5) - '0';
            from = 2 * h - 1;
            to = 2 * h;
        } else if (value.charAt(4) == 'Q') {
            from = value.charAt(5) - '0';
            to = from;
        } else {
            throw new IllegalArgumentException("not a period value of the records");
        }
        for (int q = from; q <= to; q++) {
            Quarter quarter = new Quarter(year, q);
            if (quarter.compareTo(release) <= 0) {
                out.add(quarter.toString());
            }
        }
        return out;
    }
}
