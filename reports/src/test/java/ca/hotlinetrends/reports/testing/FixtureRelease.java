package ca.hotlinetrends.reports.testing;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.Population;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a realistic published release in exactly the pipeline's format, from a seeded model of a hotline:
 * contacts by channel and caller type, cases by province and form of trafficking, potential victims by
 * gender and age, industry and services requested, rates with exact-Poisson-like intervals and changes with
 * their tests. Small counts are suppressed as the pipeline does (primary below 5, then complementary cells in
 * every additive group whose total is published), so the fixture has x cells in every table.
 *
 * <p>The stored fixture {@code src/test/resources/releases/2026Q3} was written by {@link #main}; a test
 * checks that it still equals what this class writes.
 */
public final class FixtureRelease {

    public static final Quarter RELEASE = new Quarter(2026, 3);
    static final Quarter FIRST = new Quarter(2019, 1);
    static final int MIN_CELL_COUNT = 5;
    static final String FOOTNOTE = "x: suppressed to protect confidentiality (counts from 1 to the minimum cell "
            + "count minus 1, cells that would reveal them, and numbers derived from them)";
    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final SchemaRegistry schemas = SchemaRegistry.load();
    private final Random random;
    private final Map<String, CountCells> tables = new LinkedHashMap<>();
    private int primary;
    private int secondary;
    private int cells;

    private FixtureRelease(long seed) {
        this.random = new Random(seed);
    }

    /** Writes the fixture release into {@code args[0]} (the release folder). */
    public static void main(String[] args) {
        write(Path.of(args[0]), 20260930L);
    }

    /**
     * Writes a release generated from {@code seed} into {@code releaseDir}.
     *
     * @return the true value of every suppressed count cell, by table and key (period code, then the category codes):
     *     what only the restricted ledger knows, for tests that a suppressed value is never published
     */
    public static Map<String, Map<List<String>, Long>> write(Path releaseDir, long seed) {
        FixtureRelease f = new FixtureRelease(seed);
        f.generate(releaseDir);
        Map<String, Map<List<String>, Long>> hidden = new LinkedHashMap<>();
        f.tables.forEach((name, t) -> t.status.forEach((key, status) -> {
            if (!status.equals("published")) {
                hidden.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, t.values.get(key));
            }
        }));
        return hidden;
    }

    private void generate(Path dir) {
        List<Period> allPeriods = Period.forRelease(
                FIRST, RELEASE, List.of(Period.Type.QUARTER, Period.Type.YEAR_TO_DATE, Period.Type.YEAR));
        List<Quarter> quarters = FIRST.through(RELEASE);

        // Contacts: about 900 a quarter, growing; the web form opened in 2024 and e-mail fades out.
        Map<Quarter, Map<String, Long>> channels = new LinkedHashMap<>();
        Map<Quarter, Map<String, Long>> callers = new LinkedHashMap<>();
        for (Quarter q : quarters) {
            double t = FIRST.quartersUntil(q);
            double total = 820 * Math.pow(1.012, t) * (q.number() == 3 ? 1.08 : 1.0);
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("PHONE", poisson(total * 0.56));
            c.put("TEXT", poisson(total * (0.12 + 0.002 * t)));
            c.put("CHAT", poisson(total * (0.14 + 0.002 * t)));
            c.put("EMAIL", poisson(Math.max(1.5, total * (0.05 - 0.0014 * t))));
            c.put(
                    "WEBFORM",
                    q.year() < 2024
                            ? 0L
                            : poisson(1.2 + 1.6 * (q.quartersUntil(RELEASE) < 6 ? 8 - q.quartersUntil(RELEASE) : 1)));
            channels.put(q, c);
            long all = c.values().stream().mapToLong(Long::longValue).sum();
            callers.put(
                    q,
                    split(
                            all,
                            new String[] {
                                "VICTIM_SURVIVOR",
                                "FAMILY_FRIEND",
                                "COMMUNITY_MEMBER",
                                "SERVICE_PROVIDER",
                                "LAW_ENFORCEMENT",
                                "GOVERNMENT",
                                "BUSINESS_EMPLOYER",
                                "OTHER",
                                "UNKNOWN"
                            },
                            new double[] {0.31, 0.18, 0.17, 0.16, 0.07, 0.0008, 0.006, 0.04, 0.06}));
        }
        countTable("contacts_by_channel", allPeriods, channels);
        countTable("contacts_by_caller_type", allPeriods, callers);

        // Cases by province: national rate about 1.7 per 100,000 a year; Ontario's labour cases rise in 2026.
        Population population = schemas.population();
        List<String> provinces = schemas.codeList("province").codes();
        Map<String, Double> relative = Map.ofEntries(
                Map.entry("NL", 0.7),
                Map.entry("PE", 0.9),
                Map.entry("NS", 1.5),
                Map.entry("NB", 0.9),
                Map.entry("QC", 0.75),
                Map.entry("ON", 1.15),
                Map.entry("MB", 1.6),
                Map.entry("SK", 1.1),
                Map.entry("AB", 1.05),
                Map.entry("BC", 0.95),
                Map.entry("YT", 1.4),
                Map.entry("NT", 2.4),
                Map.entry("NU", 2.0));
        Map<Quarter, Map<String, Long>> cases = new LinkedHashMap<>();
        Map<Quarter, Map<String, Long>> types = new LinkedHashMap<>();
        for (Quarter q : quarters) {
            Map<String, Long> byProvince = new LinkedHashMap<>();
            for (String p : provinces) {
                double pop = population.of(p, q.year()).population();
                double boost =
                        (p.equals("ON") && q.year() == 2026) ? 1.7 : (p.equals("QC") && q.year() == 2026) ? 0.5 : 1.0;
                byProvince.put(p, poisson(pop / 100_000 * 1.7 / 4 * relative.get(p) * boost));
            }
            cases.put(q, byProvince);
            long all = byProvince.values().stream().mapToLong(Long::longValue).sum();
            double labour = 0.2 + 0.01 * FIRST.quartersUntil(q) / 4;
            types.put(
                    q,
                    split(
                            all,
                            new String[] {"SEX", "LABOUR", "SEX_AND_LABOUR", "OTHER", "NOT_SPECIFIED"},
                            new double[] {0.68 - labour, labour, 0.06, 0.018, 0.08}));
        }
        countTable("cases_by_province", allPeriods, cases);
        countTable("cases_by_trafficking_type", allPeriods, types);

        List<Period> years =
                allPeriods.stream().filter(p -> p.type() == Period.Type.YEAR).toList();
        // Potential victims (calendar years): about 1.25 per case.
        Map<Integer, Map<List<String>, Long>> genderAge = new LinkedHashMap<>();
        Map<Integer, Map<String, Long>> industry = new LinkedHashMap<>();
        Map<Integer, Map<String, Long>> services = new LinkedHashMap<>();
        for (Period y : years) {
            long yearCases = quarters.stream()
                    .filter(q -> q.year() == y.year())
                    .mapToLong(q -> cases.get(q).values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .sum();
            long victims = Math.round(yearCases * 1.25);
            String[] genders = {"WOMAN", "MAN", "GENDER_DIVERSE", "UNKNOWN"};
            double[] gShare = {0.70, 0.21, 0.025, 0.065};
            String[] ages = {"UNDER_18", "18_24", "25_34", "35_44", "45_PLUS", "UNKNOWN"};
            double[] aShare = {0.15, 0.34, 0.26, 0.12, 0.06, 0.07};
            Map<List<String>, Long> ga = new LinkedHashMap<>();
            for (int g = 0; g < genders.length; g++) {
                for (int a = 0; a < ages.length; a++) {
                    ga.put(List.of(genders[g], ages[a]), poisson(victims * gShare[g] * aShare[a]));
                }
            }
            genderAge.put(y.year(), ga);
            industry.put(
                    y.year(),
                    split(
                            victims,
                            new String[] {
                                "ESCORT",
                                "ILLICIT_MASSAGE",
                                "RESIDENTIAL",
                                "DOMESTIC_WORK",
                                "AGRICULTURE",
                                "CONSTRUCTION",
                                "HOSPITALITY",
                                "FOOD_SERVICE",
                                "MANUFACTURING",
                                "OTHER",
                                "UNKNOWN"
                            },
                            new double[] {0.22, 0.12, 0.2, 0.06, 0.09, 0.012, 0.05, 0.07, 0.003, 0.04, 0.135}));
            Map<String, Long> s = new LinkedHashMap<>();
            long any = Math.round(victims * 0.62);
            String[] codes = {
                "SHELTER",
                "COUNSELLING",
                "LEGAL",
                "IMMIGRATION",
                "LAW_ENFORCEMENT",
                "HEALTH",
                "FINANCIAL",
                "TRANSPORTATION",
                "EMPLOYMENT",
                "OTHER"
            };
            double[] p = {0.46, 0.41, 0.24, 0.13, 0.29, 0.21, 0.17, 0.08, 0.11, 0.005};
            for (int i = 0; i < codes.length; i++) {
                s.put(codes[i], binomial(any, p[i]));
            }
            s.put("ANY", any);
            services.put(y.year(), s);
        }
        yearTable2("victims_by_gender_and_age", years, genderAge);
        yearTable("victims_by_industry", years, industry, false);
        yearTable("victims_by_services_requested", years, services, true);

        try {
            Files.createDirectories(dir.resolve("tables"));
            for (CountCells t : tables.values()) {
                writeCounts(dir, t);
            }
            writeRates(dir, years, population);
            writeChanges(dir);
            writeCertificate(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture release in " + dir, e);
        }
    }

    /** A count table: value and status by key (period code, then the category codes). */
    private static final class CountCells {
        final TableSchema schema;
        final Map<List<String>, Long> values = new LinkedHashMap<>();
        final Map<List<String>, String> status = new LinkedHashMap<>();

        CountCells(TableSchema schema) {
            this.schema = schema;
        }
    }

    private void countTable(String name, List<Period> periods, Map<Quarter, Map<String, Long>> byQuarter) {
        TableSchema schema = schemas.table(name);
        CountCells t = new CountCells(schema);
        String total = schema.categoryDimensions().get(0).totalCode();
        for (Period p : periods) {
            Map<String, Long> sum = new LinkedHashMap<>();
            for (Quarter q : p.quarters()) {
                byQuarter.get(q).forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
            sum.forEach((k, v) -> t.values.put(List.of(p.code(), k), v));
            t.values.put(
                    List.of(p.code(), total),
                    sum.values().stream().mapToLong(Long::longValue).sum());
        }
        protect(t, false);
        tables.put(name, t);
    }

    private void yearTable(
            String name, List<Period> years, Map<Integer, Map<String, Long>> byYear, boolean multiValued) {
        TableSchema schema = schemas.table(name);
        CountCells t = new CountCells(schema);
        String total = schema.categoryDimensions().get(0).totalCode();
        for (Period y : years) {
            Map<String, Long> v = byYear.get(y.year());
            v.forEach((k, n) -> t.values.put(List.of(y.code(), k), n));
            if (!multiValued) {
                t.values.put(
                        List.of(y.code(), total),
                        v.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        protect(t, multiValued);
        tables.put(name, t);
    }

    private void yearTable2(String name, List<Period> years, Map<Integer, Map<List<String>, Long>> byYear) {
        TableSchema schema = schemas.table(name);
        CountCells t = new CountCells(schema);
        String totalA = schema.categoryDimensions().get(0).totalCode();
        String totalB = schema.categoryDimensions().get(1).totalCode();
        for (Period y : years) {
            Map<List<String>, Long> v = byYear.get(y.year());
            Map<String, Long> rowTotals = new LinkedHashMap<>();
            Map<String, Long> colTotals = new LinkedHashMap<>();
            v.forEach((k, n) -> {
                t.values.put(List.of(y.code(), k.get(0), k.get(1)), n);
                rowTotals.merge(k.get(0), n, Long::sum);
                colTotals.merge(k.get(1), n, Long::sum);
            });
            rowTotals.forEach((a, n) -> t.values.put(List.of(y.code(), a, totalB), n));
            colTotals.forEach((b, n) -> t.values.put(List.of(y.code(), totalA, b), n));
            t.values.put(
                    List.of(y.code(), totalA, totalB),
                    rowTotals.values().stream().mapToLong(Long::longValue).sum());
        }
        protect(t, false);
        tables.put(name, t);
    }

    /**
     * Primary suppression of counts from 1 to 4, then, until nothing changes, in every additive group (the
     * cells differing in one dimension, with that dimension's total) whose total is published and that has
     * exactly one suppressed part, the smallest published non-zero part is suppressed too.
     */
    private void protect(CountCells t, boolean multiValued) {
        t.values.forEach((k, v) -> t.status.put(k, v >= 1 && v < MIN_CELL_COUNT ? "suppressed-primary" : "published"));
        boolean changed = !multiValued;
        while (changed) {
            changed = false;
            List<TableSchema.Dimension> dims = t.schema.categoryDimensions();
            for (int d = 0; d < dims.size(); d++) {
                Map<List<String>, List<List<String>>> groups = new LinkedHashMap<>();
                for (List<String> k : t.values.keySet()) {
                    List<String> g = new ArrayList<>(k);
                    g.set(d + 1, "*");
                    groups.computeIfAbsent(g, x -> new ArrayList<>()).add(k);
                }
                for (Map.Entry<List<String>, List<List<String>>> e : groups.entrySet()) {
                    String totalCode = dims.get(d).totalCode();
                    List<String> totalKey = new ArrayList<>(e.getKey());
                    totalKey.set(d + 1, totalCode);
                    if (!"published".equals(t.status.get(totalKey))) {
                        continue;
                    }
                    int dd = d;
                    List<List<String>> parts = e.getValue().stream()
                            .filter(k -> !k.get(dd + 1).equals(totalCode))
                            .toList();
                    long suppressed = parts.stream()
                            .filter(k -> !t.status.get(k).equals("published"))
                            .count();
                    if (suppressed == 1) {
                        List<String> pick = parts.stream()
                                .filter(k -> t.status.get(k).equals("published") && t.values.get(k) > 0)
                                .min((a, b) -> Long.compare(t.values.get(a), t.values.get(b)))
                                .orElse(null);
                        if (pick != null) {
                            t.status.put(pick, "suppressed-secondary");
                            changed = true;
                        }
                    }
                }
            }
        }
        for (String s : t.status.values()) {
            cells++;
            primary += s.equals("suppressed-primary") ? 1 : 0;
            secondary += s.equals("suppressed-secondary") ? 1 : 0;
        }
    }

    /** The status a release shows: published or suppressed, never why. */
    private static String shown(String status) {
        return status.equals("published") ? status : "suppressed";
    }

    private void writeCounts(Path dir, CountCells t) throws IOException {
        try (Writer w = Files.newBufferedWriter(
                        dir.resolve("tables").resolve(t.schema.table() + ".csv"), StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(
                    t.schema.columns().stream().map(TableSchema.Column::name).toList());
            for (Map.Entry<List<String>, Long> e : t.values.entrySet()) {
                List<Object> row = new ArrayList<>();
                row.add(Period.parse(e.getKey().get(0)).type().code());
                row.addAll(e.getKey());
                String status = t.status.get(e.getKey());
                row.add(status.equals("published") ? e.getValue() : "x");
                row.add(shown(status));
                p.printRecord(row);
            }
            w.write("# " + FOOTNOTE + "\n");
        }
    }

    private void writeRates(Path dir, List<Period> years, Population population) throws IOException {
        TableSchema schema = schemas.table("rates_by_province");
        CountCells cases = tables.get("cases_by_province");
        List<String> codes = new ArrayList<>(schemas.codeList("province").codes());
        codes.add("CA");
        try (Writer w = Files.newBufferedWriter(dir.resolve("tables/rates_by_province.csv"), StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(
                    schema.columns().stream().map(TableSchema.Column::name).toList());
            for (Period y : years) {
                for (String code : codes) {
                    List<String> key = List.of(y.code(), code);
                    Population.Figure f =
                            code.equals("CA") ? population.canada(y.year()) : population.of(code, y.year());
                    String status = cases.status.get(key);
                    long n = cases.values.get(key);
                    boolean pub = status.equals("published");
                    double per = 100_000.0 / f.population();
                    p.printRecord(
                            "year",
                            y.code(),
                            code,
                            pub ? n : "x",
                            f.population(),
                            f.sourceYear(),
                            pub ? n * per : "x",
                            pub ? lower(n) * per : "x",
                            pub ? upper(n) * per : "x",
                            shown(status));
                }
            }
            w.write("# " + FOOTNOTE + "\n");
        }
    }

    private void writeChanges(Path dir) throws IOException {
        TableSchema schema = schemas.table("changes_by_province");
        CountCells cases = tables.get("cases_by_province");
        List<String> codes = new ArrayList<>(schemas.codeList("province").codes());
        codes.add("CA");
        List<Object[]> rows = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (String comparison : List.of("quarter_over_quarter", "year_over_year")) {
            Quarter before = comparison.equals("quarter_over_quarter")
                    ? RELEASE.previous()
                    : new Quarter(RELEASE.year() - 1, RELEASE.number());
            for (String code : codes) {
                List<String> now = List.of(RELEASE.toString(), code);
                List<String> then = List.of(before.toString(), code);
                boolean pub = cases.status.get(now).equals("published")
                        && cases.status.get(then).equals("published");
                long a = cases.values.get(now);
                long b = cases.values.get(then);
                double pv = pub ? conditionalBinomialP(a, b) : Double.NaN;
                if (pub) {
                    pValues.add(pv);
                }
                rows.add(new Object[] {comparison, code, pub, a, b, pv, pub ? "published" : "suppressed"});
            }
        }
        List<Double> adjusted = benjaminiHochberg(pValues);
        try (Writer w = Files.newBufferedWriter(dir.resolve("tables/changes_by_province.csv"), StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(
                    schema.columns().stream().map(TableSchema.Column::name).toList());
            int i = 0;
            for (Object[] r : rows) {
                boolean pub = (Boolean) r[2];
                long a = (Long) r[3];
                long b = (Long) r[4];
                if (pub) {
                    double adj = adjusted.get(i++);
                    p.printRecord(
                            "quarter",
                            RELEASE.toString(),
                            r[0],
                            r[1],
                            a,
                            b,
                            b == 0 ? "" : 100.0 * (a - b) / b,
                            r[5],
                            adj,
                            adj <= 0.05,
                            r[6]);
                } else {
                    p.printRecord("quarter", RELEASE.toString(), r[0], r[1], "x", "x", "x", "x", "x", "x", r[6]);
                }
            }
            w.write("# " + FOOTNOTE + "\n");
        }
    }

    private void writeCertificate(Path dir) throws IOException {
        double cellShare = (primary + secondary) / (double) cells;
        String json = "{\n"
                + "  \"release\" : \"" + RELEASE + "\",\n"
                + "  \"table_protection\" : {\n"
                + "    \"min_cell_count\" : " + MIN_CELL_COUNT + ",\n"
                + "    \"protection_width\" : 5,\n"
                + "    \"primary_rule\" : \"cells from 1 to 4 are suppressed; zeros are published\",\n"
                + "    \"tables\" : " + tables.size() + ",\n"
                + "    \"cells\" : " + cells + ",\n"
                + "    \"suppressed_cells\" : " + (primary + secondary) + ",\n"
                + "    \"suppressed_cell_share\" : " + Math.round(cellShare * 1e6) / 1e6 + "\n"
                + "  },\n"
                + "  \"audit\" : {\n"
                + "    \"passed\" : true,\n"
                + "    \"narrowest_feasible_range\" : 6\n"
                + "  },\n"
                + "  \"anonymization\" : {\n"
                + "    \"k\" : 11,\n"
                + "    \"quasi_identifiers\" : [ \"age_group\", \"gender\", \"province_code\" ]\n"
                + "  },\n"
                + "  \"ledger_version\" : \"ledger-" + RELEASE + ".json\"\n"
                + "}\n";
        Files.writeString(dir.resolve("certificate.json"), json, StandardCharsets.UTF_8);
    }

    private long poisson(double mean) {
        if (mean < 30) {
            double l = Math.exp(-mean);
            double p = 1.0;
            long k = 0;
            do {
                k++;
                p *= random.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    private long binomial(long n, double p) {
        double mean = n * p;
        return Math.max(
                0,
                Math.min(
                        n,
                        mean < 30
                                ? poisson(mean)
                                : Math.round(mean + Math.sqrt(mean * (1 - p)) * random.nextGaussian())));
    }

    /** Splits a total across categories by shares (multinomial, by successive binomials). */
    private Map<String, Long> split(long total, String[] codes, double[] shares) {
        Map<String, Long> out = new LinkedHashMap<>();
        long left = total;
        double shareLeft = 1.0;
        for (int i = 0; i < codes.length; i++) {
            long n = i == codes.length - 1 ? left : binomial(left, Math.min(1.0, shares[i] / shareLeft));
            out.put(codes[i], n);
            left -= n;
            shareLeft -= shares[i];
        }
        return out;
    }

    /** Byar's approximation of the exact Poisson 95% lower bound. */
    private static double lower(long n) {
        if (n == 0) {
            return 0.0;
        }
        double z = 1.959964;
        return n * Math.pow(1 - 1.0 / (9 * n) - z / (3 * Math.sqrt(n)), 3);
    }

    /** Byar's approximation of the exact Poisson 95% upper bound. */
    private static double upper(long n) {
        double z = 1.959964;
        double m = n + 1;
        return m * Math.pow(1 - 1.0 / (9 * m) + z / (3 * Math.sqrt(m)), 3);
    }

    /** Two-sided exact binomial test of a out of a + b at 1/2 (equal Poisson rates). */
    static double conditionalBinomialP(long a, long b) {
        long n = a + b;
        if (n == 0) {
            return 1.0;
        }
        double[] logP = new double[(int) n + 1];
        for (int k = 0; k <= n; k++) {
            logP[k] = logChoose(n, k) - n * Math.log(2);
        }
        double observed = logP[(int) a];
        double p = 0;
        for (int k = 0; k <= n; k++) {
            if (logP[k] <= observed + 1e-9) {
                p += Math.exp(logP[k]);
            }
        }
        return Math.min(1.0, p);
    }

    private static double logChoose(long n, long k) {
        double s = 0;
        for (long i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    static List<Double> benjaminiHochberg(List<Double> p) {
        int m = p.size();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(p.get(y), p.get(x)));
        Double[] adj = new Double[m];
        double min = 1.0;
        for (int r = 0; r < m; r++) {
            int i = order[r];
            int rank = m - r;
            min = Math.min(min, p.get(i) * m / rank);
            adj[i] = min;
        }
        return List.of(adj);
    }
}
