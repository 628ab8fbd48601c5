package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.schema.Hierarchy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive re-implementation of the definitions, independent of the engine: groups
 * raw records by their generalised tuple with {@link Hierarchy#generalise}, applies the privacy
 * models and metrics literally, and scans every node of the lattice.
 */
final class BruteForce {

    /** One raw record: quasi-identifier values and a sensitive value (or null). */
    record Rec(String[] qi, String sensitive) {}

    /** Privacy and metric settings. */
    record Settings(int k, Integer l, boolean entropy, double suppressionLimit, String metric) {}

    static final class Group {
        long size;
        final Map<String, Long> sensitive = new HashMap<>();
        boolean published;
    }

    record Node(
            List<Integer> levels, Map<List<String>, Group> classes, long suppressed, boolean feasible, double value) {
        int levelSum() {
            return levels.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private BruteForce() {}

    static Node evaluate(List<Hierarchy> hierarchies, List<Rec> records, Settings s, List<Integer> levels) {
        Map<List<String>, Group> classes = new LinkedHashMap<>();
        for (Rec r : records) {
            String[] g = new String[r.qi().length];
            for (int i = 0; i < g.length; i++) {
                g[i] = hierarchies.get(i).generalise(r.qi()[i], levels.get(i));
            }
            Group group = classes.computeIfAbsent(Arrays.asList(g), x -> new Group());
            group.size++;
            if (r.sensitive() != null) {
                group.sensitive.merge(r.sensitive(), 1L, Long::sum);
            }
        }
        long n = records.size();
        long suppressed = 0;
        double lossSum = 0;
        double dm = 0;
        int q = hierarchies.size();
        for (Map.Entry<List<String>, Group> e : classes.entrySet()) {
            Group group = e.getValue();
            group.published = satisfies(group, s);
            if (!group.published) {
                suppressed += group.size;
                lossSum += group.size * q;
                dm += (double) group.size * n;
                continue;
            }
            dm += (double) group.size * group.size;
            for (int i = 0; i < q; i++) {
                Hierarchy h = hierarchies.get(i);
                if (h.leafCount() > 1) {
                    int under = h.leavesUnder(levels.get(i), e.getKey().get(i));
                    lossSum += group.size * (under - 1.0) / (h.leafCount() - 1.0);
                }
            }
        }
        boolean feasible = BigDecimal.valueOf(suppressed)
                        .compareTo(BigDecimal.valueOf(s.suppressionLimit()).multiply(BigDecimal.valueOf(n)))
                <= 0;
        double value = s.metric().equals("loss") ? lossSum / (n * q) : dm;
        return new Node(List.copyOf(levels), classes, suppressed, feasible, value);
    }

    static boolean satisfies(Group group, Settings s) {
        if (group.size < s.k()) {
            return false;
        }
        if (s.l() == null) {
            return true;
        }
        if (!s.entropy()) {
            return group.sensitive.size() >= s.l();
        }
        double h = 0;
        for (long c : group.sensitive.values()) {
            double p = (double) c / group.size;
            h -= p * Math.log(p);
        }
        return h >= Math.log(s.l()) - 1e-9;
    }

    static List<Node> all(List<Hierarchy> hierarchies, List<Rec> records, Settings s) {
        List<Node> nodes = new ArrayList<>();
        int[] levels = new int[hierarchies.size()];
        while (true) {
            List<Integer> l = new ArrayList<>();
            for (int v : levels) {
                l.add(v);
            }
            nodes.add(evaluate(hierarchies, records, s, l));
            int i = levels.length - 1;
            while (i >= 0 && levels[i] == hierarchies.get(i).height() - 1) {
                levels[i] = 0;
                i--;
            }
            if (i < 0) {
                return nodes;
            }
            levels[i]++;
        }
    }

    /** The best feasible node: lowest value, then lowest level sum, then lexicographic levels. */
    static Node optimum(List<Node> nodes) {
        Node best = null;
        for (Node node : nodes) {
            if (!node.feasible()) {
                continue;
            }
            if (best == null || better(node, best)) {
                best = node;
            }
        }
        return best;
    }

    private static boolean better(Node a, Node b) {
        double tolerance = 1e-9 * Math.max(1.0, Math.abs(b.value()));
        if (Math.abs(a.value() - b.value()) > tolerance) {
            return a.value() < b.value();
        }
        if (a.levelSum() != b.levelSum()) {
            return a.levelSum() < b.levelSum();
        }
        for (int i = 0; i < a.levels().size(); i++) {
            int c = Integer.compare(a.levels().get(i), b.levels().get(i));
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }
}
