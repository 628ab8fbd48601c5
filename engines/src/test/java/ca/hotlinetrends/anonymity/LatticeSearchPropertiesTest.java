package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.schema.Hierarchy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Privacy invariants and global optimality on random small tables: 2 or 3 quasi-identifiers
 * with random hierarchies (1 to 6 leaves, 2 to 4 levels), up to 60 records, random k, suppression
 * limit, metric and l-diversity, checked against {@link BruteForce}, a literal scan of the whole
 * lattice. Each case is built from one seed, so a failure report reproduces it.
 */
class LatticeSearchPropertiesTest {

    private static final double[] LIMITS = {0.0, 0.05, 0.1, 0.2, 0.35, 0.5};

    /** One random case. */
    record Scenario(List<Hierarchy> hierarchies, List<BruteForce.Rec> records, BruteForce.Settings settings) {

        List<String> names() {
            return hierarchies.stream().map(Hierarchy::attribute).toList();
        }

        FrequencyTable table() {
            FrequencyTable.Builder b = settings.l() == null
                    ? FrequencyTable.builder(names())
                    : FrequencyTable.builder(names(), "diagnosis");
            for (BruteForce.Rec r : records) {
                if (settings.l() == null) {
                    b.add(r.qi(), 1);
                } else {
                    b.add(r.qi(), r.sensitive(), 1);
                }
            }
            return b.build();
        }

        /** The case with the loss, local suppression and the first quasi-identifier weighing {@code weight}. */
        AnonymityConfig localSuppressionConfig(double weight) {
            AnonymityConfig.Builder b = AnonymityConfig.builder()
                    .quasiIdentifiers(names())
                    .hierarchies(hierarchies)
                    .k(settings.k())
                    .suppressionLimit(settings.suppressionLimit())
                    .metric("loss")
                    .localSuppression(true)
                    .weight(names().get(0), weight);
            if (settings.l() != null) {
                b.lDiversity("diagnosis", settings.l(), settings.entropy() ? "entropy" : "distinct");
            }
            return b.build();
        }

        AnonymityConfig config() {
            AnonymityConfig.Builder b = AnonymityConfig.builder()
                    .quasiIdentifiers(names())
                    .hierarchies(hierarchies)
                    .k(settings.k())
                    .suppressionLimit(settings.suppressionLimit())
                    .metric(settings.metric());
            if (settings.l() != null) {
                b.lDiversity("diagnosis", settings.l(), settings.entropy() ? "entropy" : "distinct");
            }
            return b.build();
        }
    }

    static Scenario scenario(long seed) {
        Random random = new Random(seed);
        int q = 2 + random.nextInt(2);
        List<Hierarchy> hierarchies = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            hierarchies.add(randomHierarchy("q" + i, random));
        }
        int n = 1 + random.nextInt(60);
        String[] sensitiveValues = {"s0", "s1", "s2", "s3"};
        List<BruteForce.Rec> records = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            String[] qi = new String[q];
            for (int i = 0; i < q; i++) {
                List<String> leaves = hierarchies.get(i).leaves();
                // Skewed towards the first leaves so that class sizes vary.
                int pick = Math.min(
                        leaves.size() - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * leaves.size() / 2.0));
                qi[i] = leaves.get(pick);
            }
            String s = sensitiveValues[Math.min(3, (int) Math.floor(Math.abs(random.nextGaussian()) * 1.5))];
            records.add(new BruteForce.Rec(qi, s));
        }
        int k = 2 + random.nextInt(4);
        double limit = LIMITS[random.nextInt(LIMITS.length)];
        String metric = random.nextBoolean() ? "loss" : "discernibility";
        Integer l = null;
        boolean entropy = false;
        int diversity = random.nextInt(3);
        if (diversity > 0) {
            l = 2 + random.nextInt(2);
            entropy = diversity == 2;
        }
        return new Scenario(hierarchies, records, new BruteForce.Settings(k, l, entropy, limit, metric));
    }

    /** A random tree: leaves v0..v(m-1), intermediate levels grouping the level below, then "*". */
    static Hierarchy randomHierarchy(String name, Random random) {
        int leaves = 1 + random.nextInt(6);
        int height = 2 + random.nextInt(3);
        List<String[]> rows = new ArrayList<>();
        int[] parent = new int[leaves];
        for (int c = 0; c < leaves; c++) {
            parent[c] = c;
            String[] row = new String[height];
            row[0] = "v" + c;
            row[height - 1] = "*";
            rows.add(row);
        }
        int previous = leaves;
        for (int level = 1; level < height - 1; level++) {
            int groups = 1 + random.nextInt(previous);
            int[] groupOf = new int[previous];
            for (int v = 0; v < previous; v++) {
                groupOf[v] = random.nextInt(groups);
            }
            for (int c = 0; c < leaves; c++) {
                parent[c] = groupOf[parent[c]];
                rows.get(c)[level] = "L" + level + "g" + parent[c];
            }
            previous = groups;
        }
        return Hierarchy.of(name, rows);
    }

    @Property(tries = 400)
    void noFeasibleNodeIsStrictlyBetter_thanTheEngineAnswer(@ForAll long seed) {
        Scenario s = scenario(seed);
        if (s.settings().k() > s.records().size()) {
            assertThatThrownBy(() -> Anonymizer.anonymize(s.config(), s.table()))
                    .isInstanceOf(AnonymityException.class)
                    .hasMessageStartingWith("k must be at most");
            return;
        }
        BruteForce.Node optimum = BruteForce.optimum(BruteForce.all(s.hierarchies(), s.records(), s.settings()));
        if (optimum == null) {
            assertThatThrownBy(() -> Anonymizer.anonymize(s.config(), s.table()))
                    .isInstanceOf(AnonymityException.class)
                    .hasMessageStartingWith("no generalisation");
            return;
        }

        AnonymityResult result = Anonymizer.anonymize(s.config(), s.table());

        BruteForce.Node chosen = BruteForce.evaluate(s.hierarchies(), s.records(), s.settings(), result.levels());
        assertThat(chosen.feasible()).isTrue();
        assertThat(result.metricValue()).isCloseTo(chosen.value(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.metricValue()).isLessThanOrEqualTo(optimum.value() + 1e-9);
        assertThat(result.levels())
                .as("tie-break: lowest level sum, then lexicographic")
                .isEqualTo(optimum.levels());
        assertThat(result.suppressedRecords()).isEqualTo(chosen.suppressed());
    }

    @Property(tries = 400)
    void publishedClasses_satisfyThePrivacyModels(@ForAll long seed) {
        Scenario s = scenario(seed);
        AnonymityResult result = solve(s);
        if (result == null) {
            return;
        }
        BruteForce.Node chosen = BruteForce.evaluate(s.hierarchies(), s.records(), s.settings(), result.levels());
        Map<List<String>, Long> published = new HashMap<>();
        for (EquivalenceClass c : result.publishedClasses()) {
            published.put(c.values(), c.size());
            assertThat(c.size()).isGreaterThanOrEqualTo(s.settings().k());
            BruteForce.Group group = chosen.classes().get(c.values());
            assertThat(group).isNotNull();
            assertThat(group.size).isEqualTo(c.size());
            assertThat(BruteForce.satisfies(group, s.settings()))
                    .as("class %s is diverse", c.values())
                    .isTrue();
        }
        chosen.classes()
                .forEach((tuple, group) ->
                        assertThat(published.containsKey(tuple)).isEqualTo(group.published));
    }

    @Property(tries = 400)
    void suppressedShare_isWithinTheLimit(@ForAll long seed) {
        Scenario s = scenario(seed);
        AnonymityResult result = solve(s);
        if (result == null) {
            return;
        }
        assertThat((double) result.suppressedRecords())
                .isLessThanOrEqualTo(
                        s.settings().suppressionLimit() * s.records().size() + 1e-9);
    }

    @Property(tries = 200)
    void recoding_dropsExactlyTheRecordsOfSuppressedClasses(@ForAll long seed) {
        Scenario s = scenario(seed);
        AnonymityResult result = solve(s);
        if (result == null) {
            return;
        }
        long dropped = 0;
        for (BruteForce.Rec r : s.records()) {
            String[] out = result.apply(r.qi());
            if (out == null) {
                dropped++;
            } else {
                for (int i = 0; i < out.length; i++) {
                    assertThat(out[i])
                            .isEqualTo(s.hierarchies()
                                    .get(i)
                                    .generalise(r.qi()[i], result.levels().get(i)));
                }
            }
        }
        assertThat(dropped).isEqualTo(result.suppressedRecords());
    }

    /** The engine's answer, or null when the case has none (k above the data, nothing feasible). */
    private static AnonymityResult solve(Scenario s) {
        try {
            return Anonymizer.anonymize(s.config(), s.table());
        } catch (AnonymityException e) {
            return null;
        }
    }
}
