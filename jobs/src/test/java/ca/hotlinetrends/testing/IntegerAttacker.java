package ca.hotlinetrends.testing;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An attacker written apart from the audit, to check it: it reads the published CSV files of a run of releases
 * (and their certificates' declared revisions) and nothing else, derives the relations among their cells on its
 * own from the public table definitions ({@code schemas/tables/}: totals, roll-ups, the periods a year or a year
 * to date adds up, the counts two tables share and the counts derived tables repeat), and bounds every suppressed
 * cell by integer programming with ojalgo's branch and bound ({@link ExpressionsBasedModel} with integer
 * variables), not the audit's LP code. With {@code readLabels}, it also reads what a status column says beyond
 * {@code suppressed}: {@code suppressed-primary} (1 to the minimum cell count minus 1) and
 * {@code suppressed-secondary} (0, or at least the minimum cell count, with a binary variable).
 *
 * <p>It shares no code with {@code TableBuilder}, {@code TableLinks}, {@code Vintages} or the disclosure
 * package. Its relations are a subset of what the published definitions imply (it knows nothing of how counts
 * were made beyond them), so the widths it finds are an upper bound of what a full attacker gets; where it
 * finds a cell narrower than the protection width, so would the real attacker.
 */
public final class IntegerAttacker {

    private static final CSVFormat CSV = ca.hotlinetrends.release.PublishedCsv.READ;
    /** An upper bound for every count: any cell above it would be absurd for a hotline. */
    private static final long CAP = 1_000_000;

    /** What the attacker learnt of one suppressed cell as one release showed it. */
    public record Finding(Quarter release, String cell, String label, long lower, long upper) {
        /** The width of the integer interval; {@code Long.MAX_VALUE} when unbounded above. */
        public long width() {
            return upper >= CAP ? Long.MAX_VALUE : upper - lower;
        }
    }

    /** Everything found, and what it took. */
    public record Report(List<Finding> findings, int unknowns, int relations, int integerPrograms, double seconds) {}

    private final SchemaRegistry schemas;
    private final int minCellCount;

    public IntegerAttacker(SchemaRegistry schemas, int minCellCount) {
        this.schemas = schemas;
        this.minCellCount = minCellCount;
    }

    /** One published cell of one release: the variable it shows, what the row says. */
    private record Shown(Quarter release, String cell, String variable, String status, Long value) {}

    /**
     * Attacks the releases {@code releases} (oldest first) published under {@code publishedRoot}.
     *
     * @param readLabels whether the attacker reads suppression reasons from the status column
     */
    public Report attack(Path publishedRoot, List<Quarter> releases, boolean readLabels) {
        long t0 = System.nanoTime();
        List<Shown> shown = new ArrayList<>();
        List<Map<String, Integer>> relations = new ArrayList<>();
        Map<String, Long> known = new HashMap<>();
        // period -> the release from which it is a new vintage (declared revisions)
        Map<String, Quarter> revisedFrom = new HashMap<>();
        for (Quarter q : releases) {
            Path dir = publishedRoot.resolve(q.toString());
            for (String period : revisedPeriods(dir)) {
                revisedFrom.put(period, q);
            }
            Map<String, Quarter> vintageOf = new HashMap<>(revisedFrom);
            // canonical meaning -> variable, for the counts tables share
            Map<String, String> meaning = new HashMap<>();
            Map<String, List<String>> rollupParts = new LinkedHashMap<>();
            for (TableSchema t : schemas.tables()) {
                Path csv = dir.resolve("tables").resolve(t.table() + ".csv");
                if (!t.isCountTable() || !Files.isRegularFile(csv)) {
                    continue;
                }
                readCountTable(q, t, csv, vintageOf, shown, known, relations, meaning, rollupParts);
            }
            // Cells two tables share: equal meanings are equal counts.
            // Roll-ups: a code standing for several codes of the same dimension is their sum, where the parts are
            // shown.
            for (Map.Entry<String, List<String>> e : rollupParts.entrySet()) {
                List<String> parts = new ArrayList<>();
                for (String partMeaning : e.getValue()) {
                    String v = meaning.get(partMeaning);
                    if (v == null) {
                        parts = null;
                        break;
                    }
                    parts.add(v);
                }
                if (parts != null) {
                    Map<String, Integer> r = new LinkedHashMap<>();
                    r.put(e.getKey(), 1);
                    parts.forEach(p -> r.merge(p, -1, Integer::sum));
                    relations.add(r);
                }
            }
            for (TableSchema t : schemas.tables()) {
                Path csv = dir.resolve("tables").resolve(t.table() + ".csv");
                if (t.isCountTable() || !Files.isRegularFile(csv) || t.derivedFrom() == null) {
                    continue;
                }
                readDerivedTable(t, csv, vintageOf, known);
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (Shown s : shown) {
            if (s.value() == null && !known.containsKey(s.variable())) {
                unknown.add(s.variable());
            }
        }
        // label constraints, by variable
        Map<String, String> labels = new HashMap<>();
        if (readLabels) {
            for (Shown s : shown) {
                if (s.status().startsWith("suppressed-")) {
                    labels.putIfAbsent(s.variable(), s.status());
                }
            }
        }
        // Relations with their known cells moved to the constant side; components over unknowns.
        List<Map<String, Integer>> live = new ArrayList<>();
        List<Long> rhs = new ArrayList<>();
        Map<String, String> parent = new HashMap<>();
        unknown.forEach(u -> parent.put(u, u));
        for (Map<String, Integer> r : relations) {
            Map<String, Integer> terms = new TreeMap<>();
            long constant = 0;
            for (Map.Entry<String, Integer> t : r.entrySet()) {
                if (t.getValue() == 0) {
                    continue;
                }
                if (unknown.contains(t.getKey())) {
                    terms.put(t.getKey(), t.getValue());
                } else {
                    Long v = known.get(t.getKey());
                    if (v == null) {
                        throw new IllegalStateException("a relation names a cell no release shows: " + t.getKey());
                    }
                    constant -= t.getValue() * v;
                }
            }
            if (terms.isEmpty()) {
                if (constant != 0) {
                    throw new IllegalStateException("the published values break a relation: " + r.keySet());
                }
                continue;
            }
            live.add(terms);
            rhs.add(constant);
            String first = terms.keySet().iterator().next();
            for (String other : terms.keySet()) {
                union(parent, first, other);
            }
        }
        Map<String, List<Integer>> relationsOf = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            String root = find(parent, live.get(i).keySet().iterator().next());
            relationsOf.computeIfAbsent(root, k -> new ArrayList<>()).add(i);
        }
        Map<String, List<String>> members = new TreeMap<>();
        unknown.forEach(u ->
                members.computeIfAbsent(find(parent, u), k -> new ArrayList<>()).add(u));
        Map<String, long[]> bounds = new HashMap<>();
        int programs = 0;
        for (Map.Entry<String, List<String>> component : members.entrySet()) {
            List<Integer> rels = relationsOf.getOrDefault(component.getKey(), List.of());
            for (String target : component.getValue()) {
                long lower = solve(component.getValue(), rels, live, rhs, labels, target, false);
                long upper = solve(component.getValue(), rels, live, rhs, labels, target, true);
                programs += 2;
                bounds.put(target, new long[] {lower, upper});
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Shown s : shown) {
            if (s.value() != null) {
                continue;
            }
            Long v = known.get(s.variable());
            long[] b = v != null ? new long[] {v, v} : bounds.get(s.variable());
            findings.add(new Finding(s.release(), s.cell(), s.status(), b[0], b[1]));
        }
        return new Report(findings, unknown.size(), live.size(), programs, (System.nanoTime() - t0) / 1e9);
    }

    /** The integer minimum or maximum of {@code target} over one component. */
    private long solve(
            List<String> vars,
            List<Integer> rels,
            List<Map<String, Integer>> live,
            List<Long> rhs,
            Map<String, String> labels,
            String target,
            boolean maximise) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Map<String, Variable> x = new HashMap<>();
        for (String v : vars) {
            x.put(v, model.addVariable(v).lower(0).upper(CAP).integer(true));
        }
        for (String v : vars) {
            Variable var = x.get(v);
            String label = labels.get(v);
            if ("suppressed-primary".equals(label)) {
                var.lower(1).upper(minCellCount - 1);
            } else if ("suppressed-secondary".equals(label)) {
                // x = 0 or x >= minCellCount: b = 0 forces x = 0, b = 1 forces x >= minCellCount
                Variable b = model.addVariable(v + "#nonzero").binary();
                Expression low = model.addExpression(v + "#low").lower(0);
                low.set(var, 1);
                low.set(b, -minCellCount);
                Expression high = model.addExpression(v + "#high").upper(0);
                high.set(var, 1);
                high.set(b, -CAP);
            }
        }
        for (int i : rels) {
            Expression e = model.addExpression("r" + i).level(rhs.get(i));
            live.get(i).forEach((v, c) -> e.set(x.get(v), c));
        }
        x.get(target).weight(1);
        Optimisation.Result r = maximise ? model.maximise() : model.minimise();
        if (!r.getState().isOptimal()) {
            throw new IllegalStateException("the integer program for " + target + " ended " + r.getState());
        }
        BigDecimal value = r.get(vars.indexOf(target));
        return Math.round(value.doubleValue());
    }

    private void readCountTable(
            Quarter q,
            TableSchema t,
            Path csv,
            Map<String, Quarter> vintageOf,
            List<Shown> shown,
            Map<String, Long> known,
            List<Map<String, Integer>> relations,
            Map<String, String> meaning,
            Map<String, List<String>> rollupParts) {
        List<TableSchema.Dimension> dims = t.categoryDimensions();
        String measure = t.measureColumn();
        boolean additive = !Boolean.TRUE.equals(t.multiValued());
        Map<List<String>, String> variables = new LinkedHashMap<>();
        for (CSVRecord r : records(csv)) {
            List<String> key = new ArrayList<>();
            key.add(r.get("period"));
            dims.forEach(d -> key.add(r.get(d.name())));
            String cell = t.table() + "|" + String.join("|", key);
            String variable = variable(cell, key.get(0), vintageOf);
            variables.put(key, variable);
            String status = r.get("status");
            Long value = status.equals("published") ? Long.valueOf(r.get(measure)) : null;
            shown.add(new Shown(q, cell, variable, status, value));
            if (value != null) {
                Long before = known.put(variable, value);
                if (before != null && !before.equals(value)) {
                    throw new IllegalStateException(cell + " was published with two values and no declared revision");
                }
            }
            if (additive) {
                // what this count means, whatever table shows it: the source, what it counts, the period and the
                // codes of the dimensions that are not at their total
                StringBuilder m = new StringBuilder(t.sourceDataset() + "/" + t.counts() + "/" + key.get(0));
                Map<String, String> codes = new TreeMap<>();
                for (int d = 0; d < dims.size(); d++) {
                    if (!dims.get(d).total()
                            || !key.get(d + 1).equals(dims.get(d).totalCode())) {
                        codes.put(dims.get(d).name(), key.get(d + 1));
                    }
                }
                m.append(codes);
                String same = meaning.putIfAbsent(m.toString(), variable);
                if (same != null && !same.equals(variable)) {
                    relations.add(new LinkedHashMap<>(Map.of(same, 1, variable, -1)));
                }
                if (t.rollups() != null) {
                    for (Map.Entry<String, Map<String, String>> roll :
                            t.rollups().entrySet()) {
                        String code = codes.get(roll.getKey());
                        List<String> parts = roll.getValue().entrySet().stream()
                                .filter(e -> e.getValue().equals(code))
                                .map(Map.Entry::getKey)
                                .sorted()
                                .toList();
                        if (!parts.isEmpty()) {
                            List<String> partMeanings = new ArrayList<>();
                            for (String part : parts) {
                                Map<String, String> partCodes = new TreeMap<>(codes);
                                partCodes.put(roll.getKey(), part);
                                partMeanings.add(t.sourceDataset() + "/" + t.counts() + "/" + key.get(0) + partCodes);
                            }
                            rollupParts.put(variable, partMeanings);
                        }
                    }
                }
            }
        }
        if (!additive) {
            return;
        }
        // Totals: for each dimension with a total, the total is the sum of the other codes.
        for (int d = 0; d < dims.size(); d++) {
            TableSchema.Dimension dim = dims.get(d);
            if (!dim.total()) {
                continue;
            }
            Map<List<String>, Map<String, Integer>> groups = new LinkedHashMap<>();
            for (Map.Entry<List<String>, String> e : variables.entrySet()) {
                List<String> g = new ArrayList<>(e.getKey());
                g.set(d + 1, "*");
                boolean total = e.getKey().get(d + 1).equals(dim.totalCode());
                groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).merge(e.getValue(), total ? 1 : -1, Integer::sum);
            }
            groups.values().stream()
                    .filter(r -> r.containsValue(1) && r.size() > 1)
                    .forEach(relations::add);
        }
        // Periods: a year and a year to date are the sums of their quarters, where the table shows the quarters.
        Map<List<String>, String> byKey = variables;
        for (Map.Entry<List<String>, String> e : variables.entrySet()) {
            String period = e.getKey().get(0);
            List<String> quarters = quartersOf(period);
            if (quarters.isEmpty()) {
                continue;
            }
            Map<String, Integer> r = new LinkedHashMap<>();
            r.put(e.getValue(), 1);
            boolean all = true;
            for (String quarter : quarters) {
                List<String> k = new ArrayList<>(e.getKey());
                k.set(0, quarter);
                String v = byKey.get(k);
                if (v == null) {
                    all = false;
                    break;
                }
                r.merge(v, -1, Integer::sum);
            }
            if (all) {
                relations.add(r);
            }
        }
    }

    /** The quarters a year ({@code 2025}) or a year to date ({@code 2025Q1-Q3}) adds up; empty for a quarter. */
    private static List<String> quartersOf(String period) {
        int last;
        String year;
        if (period.matches("\\d{4}")) {
            year = period;
            last = 4;
        } else if (period.matches("\\d{4}Q1-Q[1-4]")) {
            year = period.substring(0, 4);
            last = period.charAt(period.length() - 1) - '0';
        } else {
            return List.of();
        }
        List<String> quarters = new ArrayList<>();
        for (int i = 1; i <= last; i++) {
            quarters.add(year + "Q" + i);
        }
        return quarters;
    }

    /** Counts a derived table repeats: {@code cases} of its source's cell, {@code cases_before} of an earlier one. */
    private void readDerivedTable(TableSchema t, Path csv, Map<String, Quarter> vintageOf, Map<String, Long> known) {
        TableSchema source = schemas.table(t.derivedFrom());
        String measure = source.measureColumn();
        Set<String> columns = new LinkedHashSet<>();
        t.columns().forEach(c -> columns.add(c.name()));
        for (CSVRecord r : records(csv)) {
            List<String> key = new ArrayList<>();
            key.add(r.get("period"));
            source.categoryDimensions().forEach(d -> key.add(r.get(d.name())));
            if (columns.contains(measure)
                    && !r.get(measure).equals("x")
                    && !r.get(measure).isEmpty()) {
                learn(
                        source.table() + "|" + String.join("|", key),
                        key.get(0),
                        Long.parseLong(r.get(measure)),
                        vintageOf,
                        known);
            }
            String before = measure + "_before";
            if (columns.contains(before)
                    && !r.get(before).equals("x")
                    && !r.get(before).isEmpty()) {
                Quarter now = Quarter.parse(key.get(0));
                Quarter then = r.get("comparison").equals("quarter_over_quarter")
                        ? now.previous()
                        : new Quarter(now.year() - 1, now.number());
                key.set(0, then.toString());
                learn(
                        source.table() + "|" + String.join("|", key),
                        key.get(0),
                        Long.parseLong(r.get(before)),
                        vintageOf,
                        known);
            }
        }
    }

    private static void learn(
            String cell, String period, long value, Map<String, Quarter> vintageOf, Map<String, Long> known) {
        String variable = variable(cell, period, vintageOf);
        Long before = known.put(variable, value);
        if (before != null && before != value) {
            throw new IllegalStateException(cell + " was published with two values and no declared revision");
        }
    }

    /** A cell's variable: the cell, and the release that last revised its period (its vintage). */
    private static String variable(String cell, String period, Map<String, Quarter> vintageOf) {
        Quarter from = null;
        for (Map.Entry<String, Quarter> e : vintageOf.entrySet()) {
            if (covers(period, e.getKey()) && (from == null || e.getValue().compareTo(from) > 0)) {
                from = e.getValue();
            }
        }
        return from == null ? cell : cell + "@" + from;
    }

    /** Whether a period's count depends on a revised period (a year or year to date depends on its quarters). */
    private static boolean covers(String period, String revised) {
        if (period.equals(revised)) {
            return true;
        }
        return quartersOf(period).contains(revised);
    }

    private static Set<String> revisedPeriods(Path releaseDir) {
        Path cert = releaseDir.resolve("certificate.json");
        Set<String> periods = new TreeSet<>();
        if (!Files.isRegularFile(cert)) {
            return periods;
        }
        try {
            JsonNode node =
                    new ObjectMapper().readTree(cert.toFile()).path("revisions").path("periods");
            node.forEach(p -> periods.add(p.asText()));
            return periods;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CSVRecord> records(Path csv) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSV).get()) {
            return p.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        while (!parent.get(x).equals(root)) {
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }
}
