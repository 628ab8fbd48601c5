package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.EquivalenceClass;
import ca.hotlinetrends.anonymity.criteria.ClassProfile;
import ca.hotlinetrends.anonymity.criteria.PrivacyModel;
import ca.hotlinetrends.anonymity.metric.GeneralisationStatistics;
import ca.hotlinetrends.anonymity.metric.NodeStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups an {@link EncodedTable} under a node and applies the privacy models class by class.
 *
 * <p>Grouping packs each row's generalised codes into one {@code long} (mixed radix; when the
 * radix would overflow, the partial keys are first renumbered densely) and counts rows per key in
 * an open-addressing table, so one evaluation costs {@code O(rows * quasi-identifiers)} whatever
 * the number of records. A class is published when it has at least the largest minimum class
 * size of the models and satisfies every model; otherwise all its records are suppressed.
 *
 * <p><b>Local suppression</b> (when constructed with a limit on blanked values): the records of a
 * class that fails are not suppressed at once. Patterns of quasi-identifiers to blank (replace by
 * {@value #BLANK}) are tried in order of cost (the sum of their weights, then fewer attributes, then
 * the lowest bit mask); under each pattern, the failing classes left are grouped by their values
 * outside the pattern, and a group is published with the pattern blanked when it, together with
 * the records already published under the same blanked values, satisfies every model. A blanked
 * value is a value of its own when classes are counted (the conservative reading: {@code *} never
 * matches a value, so the written file's classes are the classes checked). Records left after
 * every pattern are suppressed whole. The node is feasible when the suppressed records and the
 * blanked values are both within their limits. This is a greedy heuristic per node, in the
 * tradition of mu-Argus and sdcMicro's {@code localSuppression} (Templ, Kowarik and Meindl, J. Stat.
 * Softw. 67(4), 2015), which blank the values of the records that violate k in order of importance;
 * the search over nodes stays exhaustive (pruned only by the loss bound), so the node chosen is the
 * best node given this local suppression.
 *
 * <p>Not thread-safe: it reuses scratch arrays across evaluations. Use one per thread.
 */
public final class NodeEvaluator {

    private final EncodedTable table;
    private final Lattice lattice;
    private final List<PrivacyModel> models;
    private final boolean usesSensitiveValues;
    private final long minimumClassSize;
    private final long maxSuppressedRecords;

    private final long[] keys;
    private final int[] classOf;
    private final long[] classSize;
    private final int[] classRepresentative;
    private final boolean[] published;
    private final int mask;
    private final long[] slotKeys;
    private final int[] slotClass;
    private final int[] slotStamp;
    private int stamp;
    private int classCount;

    /** The value a blanked quasi-identifier takes in local suppression. */
    public static final String BLANK = "*";

    /** Negative without local suppression. */
    private final long maxBlankedValues;
    /** Blanking patterns (bit masks over quasi-identifiers) in the order they are tried. */
    private final int[] patterns;
    /** The weights of the loss (1 each without local suppression). */
    private final double[] weights;
    /** Per class, the sensitive counts (local suppression with a sensitive model only). */
    private long[][] classSensitive;
    /** The node whose grouping the scratch arrays hold and its complete blanking, or -1 / null. */
    private int groupedNode = -1;

    private Blanking groupedBlanking;

    /**
     * @param maxSuppressedRecords the suppression limit as a number of records
     */
    public NodeEvaluator(EncodedTable table, Lattice lattice, List<PrivacyModel> models, long maxSuppressedRecords) {
        this(table, lattice, models, maxSuppressedRecords, -1, null);
    }

    /**
     * An evaluator with local suppression.
     *
     * @param maxSuppressedRecords the suppression limit as a number of records
     * @param maxBlankedValues the suppression limit as a number of blanked values; negative for no local suppression
     * @param weights per quasi-identifier, the cost of blanking it (orders the patterns); ignored without local
     *     suppression
     */
    public NodeEvaluator(
            EncodedTable table,
            Lattice lattice,
            List<PrivacyModel> models,
            long maxSuppressedRecords,
            long maxBlankedValues,
            double[] weights) {
        this.maxBlankedValues = maxBlankedValues;
        this.patterns = maxBlankedValues < 0 ? new int[0] : patternOrder(table.qiCount, weights);
        this.weights = new double[table.qiCount];
        for (int i = 0; i < table.qiCount; i++) {
            this.weights[i] = weights == null ? 1.0 : weights[i];
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one privacy model is needed");
        }
        this.table = table;
        this.lattice = lattice;
        this.models = List.copyOf(models);
        this.usesSensitiveValues = models.stream().anyMatch(PrivacyModel::usesSensitiveValues);
        this.minimumClassSize =
                models.stream().mapToLong(PrivacyModel::minimumClassSize).max().orElseThrow();
        this.maxSuppressedRecords = maxSuppressedRecords;
        int rows = table.rows;
        this.keys = new long[rows];
        this.classOf = new int[rows];
        this.classSize = new long[rows];
        this.classRepresentative = new int[rows];
        this.published = new boolean[rows];
        int capacity = Integer.highestOneBit(Math.max(2, rows) * 2 - 1) << 1; // power of two >= 2 * rows
        this.mask = capacity - 1;
        this.slotKeys = new long[capacity];
        this.slotClass = new int[capacity];
        this.slotStamp = new int[capacity];
    }

    /** The largest minimum class size over the privacy models. */
    public long minimumClassSize() {
        return minimumClassSize;
    }

    /** The suppression limit as a number of records. */
    public long maxSuppressedRecords() {
        return maxSuppressedRecords;
    }

    /** Whether this evaluator blanks values before suppressing records. */
    public boolean localSuppression() {
        return maxBlankedValues >= 0;
    }

    /** The limit on blanked values (negative without local suppression). */
    public long maxBlankedValues() {
        return maxBlankedValues;
    }

    /** Groups the data under {@code node} and reports feasibility and the metric sums. */
    public NodeEvaluation evaluate(int node) {
        return evaluate(node, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #evaluate(int)}; with local suppression, the blanking stops (and the node is reported infeasible) as
     * soon as the node's weighted generalised loss is certain to exceed {@code cutoffLoss}: the search has a better
     * node already.
     */
    public NodeEvaluation evaluate(int node, double cutoffLoss) {
        int[] levels = lattice.levels(node);
        prepare(node, levels);
        if (localSuppression()) {
            Blanking b = blank(levels, true, cutoffLoss);
            groupedNode = node;
            groupedBlanking = b.cutShort() ? null : b;
            return evaluateLocal(node, levels, b);
        }
        groupedNode = -1;
        int q = table.qiCount;
        long suppressed = 0;
        long publishedSquares = 0;
        long[] publishedExcess = new long[q];
        for (int c = 0; c < classCount; c++) {
            long size = classSize[c];
            if (!published[c]) {
                suppressed += size;
                continue;
            }
            publishedSquares += size * size;
            int row = classRepresentative[c];
            for (int i = 0; i < q; i++) {
                int code = table.generalised[i][levels[i]][table.leafCodes[i][row]];
                publishedExcess[i] += size * (table.leavesUnder[i][levels[i]][code] - 1L);
            }
        }
        GeneralisationStatistics g = table.generalisationStatistics(levels, minimumClassSize);
        NodeStatistics statistics = new NodeStatistics(g, suppressed, publishedSquares, publishedExcess);
        return new NodeEvaluation(node, suppressed <= maxSuppressedRecords, classCount, statistics);
    }

    /**
     * The equivalence classes at {@code node}, in order of first appearance in the table. With local
     * suppression, the classes as published: blanked values are {@value #BLANK}, classes that share
     * their values after blanking are one class, and the records suppressed whole form one
     * suppressed class per generalised tuple.
     */
    public List<EquivalenceClass> classes(int node) {
        int[] levels = lattice.levels(node);
        if (localSuppression()) {
            Blanking b = groupedAndBlanked(node, levels);
            Map<List<String>, Long> sizes = new LinkedHashMap<>();
            List<EquivalenceClass> result = new ArrayList<>();
            for (int c = 0; c < classCount; c++) {
                if (b.mask[c] < 0) {
                    result.add(new EquivalenceClass(Arrays.asList(tuple(c, levels, 0)), classSize[c], true));
                } else {
                    sizes.merge(Arrays.asList(tuple(c, levels, b.mask[c])), classSize[c], Long::sum);
                }
            }
            sizes.forEach((values, size) -> result.add(new EquivalenceClass(values, size, false)));
            return result;
        }
        prepare(node, levels);
        groupedNode = -1;
        List<EquivalenceClass> result = new ArrayList<>(classCount);
        for (int c = 0; c < classCount; c++) {
            int row = classRepresentative[c];
            String[] values = new String[table.qiCount];
            for (int i = 0; i < values.length; i++) {
                values[i] = table.labels[i][levels[i]][table.generalised[i][levels[i]][table.leafCodes[i][row]]];
            }
            result.add(new EquivalenceClass(Arrays.asList(values), classSize[c], !published[c]));
        }
        return result;
    }

    private void decidePublication() {
        if (!usesSensitiveValues) {
            for (int c = 0; c < classCount; c++) {
                published[c] = classSize[c] >= minimumClassSize && satisfiesAll(ClassProfile.ofSize(classSize[c]));
            }
            return;
        }
        // Bucket rows by class (counting sort) to gather each class's sensitive counts.
        int rows = table.rows;
        int[] start = new int[classCount + 1];
        for (int r = 0; r < rows; r++) {
            start[classOf[r] + 1]++;
        }
        for (int c = 0; c < classCount; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[rows];
        int[] fill = Arrays.copyOf(start, classCount);
        for (int r = 0; r < rows; r++) {
            order[fill[classOf[r]]++] = r;
        }
        long[] perValue = new long[table.sensitiveDomain];
        int[] touched = new int[table.sensitiveDomain];
        classSensitive = localSuppression() ? new long[classCount][] : null;
        for (int c = 0; c < classCount; c++) {
            if (classSize[c] < minimumClassSize && classSensitive == null) {
                published[c] = false;
                continue;
            }
            int distinct = 0;
            for (int p = start[c]; p < start[c + 1]; p++) {
                int r = order[p];
                for (int e = table.sensitiveOffsets[r]; e < table.sensitiveOffsets[r + 1]; e++) {
                    int code = table.sensitiveCodes[e];
                    if (perValue[code] == 0) {
                        touched[distinct++] = code;
                    }
                    perValue[code] += table.sensitiveCounts[e];
                }
            }
            long[] counts = new long[distinct];
            if (classSensitive != null) {
                classSensitive[c] = new long[table.sensitiveDomain];
            }
            for (int t = 0; t < distinct; t++) {
                counts[t] = perValue[touched[t]];
                if (classSensitive != null) {
                    classSensitive[c][touched[t]] = perValue[touched[t]];
                }
                perValue[touched[t]] = 0;
            }
            published[c] = classSize[c] >= minimumClassSize && satisfiesAll(new ClassProfile(classSize[c], counts));
        }
    }

    private boolean satisfiesAll(ClassProfile profile) {
        for (PrivacyModel model : models) {
            if (!model.isSatisfiedBy(profile)) {
                return false;
            }
        }
        return true;
    }

    /**
     * With local suppression, the published values of every generalised tuple at {@code node} that is published:
     * the tuple itself, or the tuple with its blanked values replaced by {@value #BLANK}. Tuples absent are
     * suppressed.
     */
    public Map<List<String>, List<String>> blanking(int node) {
        int[] levels = lattice.levels(node);
        Blanking b = groupedAndBlanked(node, levels);
        Map<List<String>, List<String>> out = new LinkedHashMap<>();
        for (int c = 0; c < classCount; c++) {
            if (b.mask[c] >= 0) {
                out.put(Arrays.asList(tuple(c, levels, 0)), Arrays.asList(tuple(c, levels, b.mask[c])));
            }
        }
        return out;
    }

    /**
     * With local suppression, the number of values blanked at {@code node} per quasi-identifier (records times
     * blanked attributes), in order.
     */
    public long[] blankedValues(int node) {
        int[] levels = lattice.levels(node);
        Blanking b = groupedAndBlanked(node, levels);
        long[] out = new long[table.qiCount];
        for (int c = 0; c < classCount; c++) {
            for (int i = 0; i < table.qiCount && b.mask[c] > 0; i++) {
                if ((b.mask[c] & (1 << i)) != 0) {
                    out[i] += classSize[c];
                }
            }
        }
        return out;
    }

    /** The grouping and complete blanking of {@code node}, reusing the last evaluation's when it was this node. */
    private Blanking groupedAndBlanked(int node, int[] levels) {
        if (groupedNode == node && groupedBlanking != null) {
            return groupedBlanking;
        }
        prepare(node, levels);
        groupedNode = node;
        groupedBlanking = blank(levels, false, Double.POSITIVE_INFINITY);
        return groupedBlanking;
    }

    private String[] tuple(int c, int[] levels, int mask) {
        int row = classRepresentative[c];
        String[] values = new String[table.qiCount];
        for (int i = 0; i < values.length; i++) {
            values[i] = (mask & (1 << i)) != 0
                    ? BLANK
                    : table.labels[i][levels[i]][table.generalised[i][levels[i]][table.leafCodes[i][row]]];
        }
        return values;
    }

    /**
     * With local suppression, a lower bound on the weighted generalised loss at {@code node} that needs only the
     * grouping, not the blanking: every record of a failing class either has at least one value blanked or is
     * suppressed, which costs at least {@code min_i w_i * (1 - c_i)} more than its generalisation alone, {@code c_i}
     * its generalisation cost in column {@code i} (only columns not at their top can be blanked). The search skips the
     * blanking of a node whose bound cannot win.
     *
     * @param generalisationBound the node's loss with nothing suppressed or blanked
     */
    public double lossBoundAfterGrouping(int node, double generalisationBound) {
        int[] levels = lattice.levels(node);
        prepare(node, levels);
        groupedNode = -1;
        int q = table.qiCount;
        double weightSum = 0;
        for (double w : weights) {
            weightSum += w;
        }
        double extra = 0;
        for (int c = 0; c < classCount; c++) {
            if (published[c]) {
                continue;
            }
            int row = classRepresentative[c];
            double cheapest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < q; i++) {
                if (table.valueCounts[i][levels[i]] <= 1 || table.leafCounts[i] <= 1) {
                    continue;
                }
                int code = table.generalised[i][levels[i]][table.leafCodes[i][row]];
                double cost = (table.leavesUnder[i][levels[i]][code] - 1.0) / (table.leafCounts[i] - 1.0);
                cheapest = Math.min(cheapest, weights[i] * (1.0 - cost));
            }
            if (Double.isFinite(cheapest)) {
                extra += classSize[c] * cheapest;
            }
        }
        return generalisationBound + extra / (table.totalRecords * weightSum);
    }

    /** Whether this evaluator's weights are {@code metricWeights} (empty: every weight 1). */
    public boolean weighs(List<Double> metricWeights) {
        for (int i = 0; i < weights.length; i++) {
            double w = metricWeights.isEmpty() ? 1.0 : metricWeights.get(i);
            if (w != weights[i]) {
                return false;
            }
        }
        return metricWeights.isEmpty() || metricWeights.size() == weights.length;
    }

    /** Blanking patterns over {@code q} attributes: by the sum of weights, then fewer attributes, then mask. */
    private static int[] patternOrder(int q, double[] weights) {
        if (q > 20) {
            throw new IllegalArgumentException(
                    "local suppression handles at most 20 quasi-identifiers. Provided: " + q);
        }
        List<Integer> masks = new ArrayList<>();
        for (int m = 1; m < (1 << q); m++) {
            masks.add(m);
        }
        double[] w = new double[q];
        for (int i = 0; i < q; i++) {
            w[i] = weights == null ? 1.0 : weights[i];
        }
        masks.sort((a, b) -> {
            int byCost = Double.compare(cost(a, w), cost(b, w));
            if (byCost != 0) {
                return byCost;
            }
            int bySize = Integer.compare(Integer.bitCount(a), Integer.bitCount(b));
            return bySize != 0 ? bySize : Integer.compare(a, b);
        });
        return masks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double cost(int mask, double[] w) {
        double c = 0;
        for (int i = 0; i < w.length; i++) {
            if ((mask & (1 << i)) != 0) {
                c += w[i];
            }
        }
        return c;
    }

    /** Per class: 0 published as is, a positive mask published with those values blanked, -1 suppressed. */
    private record Blanking(
            int[] mask, long suppressedRecords, long blankedValues, long mergedSquares, boolean cutShort) {}

    /** A group of failing classes that share their values outside a pattern. */
    private static final class Group {
        long size;
        long[] sensitive;
        final List<Integer> classes = new ArrayList<>();
    }

    /**
     * The greedy local suppression of the failing classes of the current grouping (see the class comment).
     * With {@code mayStop}, it stops as soon as the node cannot be feasible (the rest of the mask is then
     * meaningless; {@link Blanking#cutShort}).
     */
    private Blanking blank(int[] levels, boolean mayStop, double cutoffLoss) {
        int q = table.qiCount;
        int[] mask = new int[classCount];
        // The weighted cost so far (generalisation of every record, plus the cheapest possible extra of each failing
        // record, raised to the actual extra as records are placed) against what the cutoff allows.
        double weightSum = 0;
        double cost = 0;
        for (int i = 0; i < q; i++) {
            weightSum += weights[i];
            if (table.leafCounts[i] > 1) {
                cost += weights[i] * table.allLeafExcess[i][levels[i]] / (table.leafCounts[i] - 1.0);
            }
        }
        double allowed = mayStop && Double.isFinite(cutoffLoss)
                ? cutoffLoss * table.totalRecords * weightSum * (1 + 1e-9)
                : Double.POSITIVE_INFINITY;
        double[] cheapest = new double[classCount];
        int blankable = 0;
        long[] radix = new long[q];
        boolean longKeys = true;
        long product = 1;
        for (int i = 0; i < q; i++) {
            if (table.valueCounts[i][levels[i]] > 1) {
                blankable |= 1 << i;
            }
            radix[i] = table.valueCounts[i][levels[i]] + 1L; // the last code is the blank
            if (product > Long.MAX_VALUE / radix[i]) {
                longKeys = false;
            } else {
                product *= radix[i];
            }
        }
        List<Integer> remaining = new ArrayList<>();
        long failing = 0;
        for (int c = 0; c < classCount; c++) {
            if (!published[c]) {
                remaining.add(c);
                failing += classSize[c];
                cheapest[c] = cheapestExtra(c, levels);
                cost += classSize[c] * cheapest[c];
            }
        }
        if (cost > allowed) {
            Arrays.fill(mask, -1);
            return new Blanking(mask, failing, 0, 0, true);
        }
        // Every record of a failing class needs at least one blanked value or its suppression.
        if (mayStop && failing > maxBlankedValues + maxSuppressedRecords) {
            Arrays.fill(mask, -1);
            return new Blanking(mask, failing, 0, 0, true);
        }
        Map<Object, Group> accepted = new HashMap<>();
        long blanked = 0;
        for (int pattern : patterns) {
            if (remaining.isEmpty()) {
                break;
            }
            if ((pattern & ~blankable) != 0) {
                continue; // blanking a value generalised to the top changes nothing: a smaller pattern covers it
            }
            Map<Object, Group> groups = new LinkedHashMap<>();
            for (int c : remaining) {
                Group g = groups.computeIfAbsent(key(c, levels, pattern, radix, longKeys), k -> new Group());
                g.size += classSize[c];
                g.classes.add(c);
                if (classSensitive != null) {
                    g.sensitive = add(g.sensitive, classSensitive[c]);
                }
            }
            List<Integer> next = new ArrayList<>();
            int width = Integer.bitCount(pattern);
            for (Map.Entry<Object, Group> e : groups.entrySet()) {
                Group g = e.getValue();
                Group before = accepted.get(e.getKey());
                long size = g.size + (before == null ? 0 : before.size);
                long[] sensitive = classSensitive == null
                        ? null
                        : add(before == null ? null : before.sensitive.clone(), g.sensitive);
                if (size >= minimumClassSize
                        && satisfiesAll(
                                sensitive == null
                                        ? ClassProfile.ofSize(size)
                                        : new ClassProfile(size, nonZero(sensitive)))) {
                    for (int c : g.classes) {
                        mask[c] = pattern;
                        cost += classSize[c] * (extra(c, levels, pattern) - cheapest[c]);
                    }
                    blanked += g.size * width;
                    if (before == null) {
                        before = new Group();
                        accepted.put(e.getKey(), before);
                    }
                    before.size = size;
                    before.sensitive = sensitive;
                } else {
                    next.addAll(g.classes);
                }
            }
            next.sort(null);
            remaining = next;
            if (mayStop && (blanked > maxBlankedValues || cost > allowed)) {
                Arrays.fill(mask, -1);
                return new Blanking(mask, failing, blanked, 0, true);
            }
        }
        long suppressed = 0;
        for (int c : remaining) {
            mask[c] = -1;
            suppressed += classSize[c];
        }
        long squares = 0;
        for (Group g : accepted.values()) {
            squares += g.size * g.size;
        }
        return new Blanking(mask, suppressed, blanked, squares, false);
    }

    /** The least extra weighted cost of blanking one value of class {@code c} (columns not at their top). */
    private double cheapestExtra(int c, int[] levels) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < table.qiCount; i++) {
            if (table.valueCounts[i][levels[i]] > 1) {
                best = Math.min(best, extra(c, levels, 1 << i));
            }
        }
        return Double.isFinite(best) ? best : 0;
    }

    /** The extra weighted cost, per record of class {@code c}, of blanking the columns of {@code pattern}. */
    private double extra(int c, int[] levels, int pattern) {
        int row = classRepresentative[c];
        double extra = 0;
        for (int i = 0; i < table.qiCount; i++) {
            if ((pattern & (1 << i)) != 0 && table.leafCounts[i] > 1) {
                int code = table.generalised[i][levels[i]][table.leafCodes[i][row]];
                extra += weights[i]
                        * (1.0 - (table.leavesUnder[i][levels[i]][code] - 1.0) / (table.leafCounts[i] - 1.0));
            }
        }
        return extra;
    }

    private NodeEvaluation evaluateLocal(int node, int[] levels, Blanking b) {
        int q = table.qiCount;
        long squares = b.mergedSquares();
        long[] excess = new long[q];
        for (int c = 0; c < classCount && !b.cutShort(); c++) {
            long size = classSize[c];
            int m = b.mask()[c];
            if (m < 0) {
                continue;
            }
            if (m == 0) {
                squares += size * size;
            }
            int row = classRepresentative[c];
            for (int i = 0; i < q; i++) {
                if ((m & (1 << i)) != 0) {
                    excess[i] += size * (table.leafCounts[i] - 1L);
                } else {
                    int code = table.generalised[i][levels[i]][table.leafCodes[i][row]];
                    excess[i] += size * (table.leavesUnder[i][levels[i]][code] - 1L);
                }
            }
        }
        GeneralisationStatistics g = table.generalisationStatistics(levels, minimumClassSize);
        if (b.cutShort()) {
            // Infeasible: the statistics are a placeholder with every failing record suppressed.
            return new NodeEvaluation(
                    node, false, classCount, new NodeStatistics(g, b.suppressedRecords(), 0, new long[q]));
        }
        NodeStatistics statistics = new NodeStatistics(g, b.suppressedRecords(), squares, excess);
        boolean feasible = b.suppressedRecords() <= maxSuppressedRecords && b.blankedValues() <= maxBlankedValues;
        return new NodeEvaluation(node, feasible, classCount, statistics);
    }

    private Object key(int c, int[] levels, int pattern, long[] radix, boolean longKeys) {
        int row = classRepresentative[c];
        if (longKeys) {
            long key = 0;
            for (int i = 0; i < table.qiCount; i++) {
                long code = (pattern & (1 << i)) != 0
                        ? radix[i] - 1
                        : table.generalised[i][levels[i]][table.leafCodes[i][row]];
                key = key * radix[i] + code;
            }
            return mix(key); // a bijection that spreads mixed-radix keys over the hash table
        }
        int[] codes = new int[table.qiCount];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (pattern & (1 << i)) != 0 ? -1 : table.generalised[i][levels[i]][table.leafCodes[i][row]];
        }
        return Arrays.toString(codes);
    }

    private static long[] add(long[] into, long[] more) {
        if (more == null) {
            return into;
        }
        if (into == null) {
            return more.clone();
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }

    private static long[] nonZero(long[] counts) {
        return Arrays.stream(counts).filter(n -> n > 0).toArray();
    }

    /** The node whose grouping and publication decisions the scratch arrays hold, or -1. */
    private int preparedNode = -1;

    /** Groups the data under {@code node} and decides which classes pass, unless the arrays hold that already. */
    private void prepare(int node, int[] levels) {
        if (preparedNode == node) {
            return;
        }
        group(levels);
        decidePublication();
        preparedNode = node;
    }

    /** Fills classOf, classSize, classRepresentative and classCount. */
    private void group(int[] levels) {
        int rows = table.rows;
        Arrays.fill(keys, 0, rows, 0L);
        long radix = 1;
        for (int i = 0; i < table.qiCount; i++) {
            int values = table.valueCounts[i][levels[i]];
            if (values == 1) {
                continue;
            }
            if (radix > Long.MAX_VALUE / values) {
                radix = renumber(false);
            }
            int[] map = table.generalised[i][levels[i]];
            int[] leaf = table.leafCodes[i];
            for (int r = 0; r < rows; r++) {
                keys[r] = keys[r] * values + map[leaf[r]];
            }
            radix *= values;
        }
        classCount = renumber(true);
    }

    /**
     * Numbers the distinct keys densely in order of first appearance. With {@code classes}, records
     * the classes; otherwise replaces each key by its number. Returns the number of distinct keys.
     */
    private int renumber(boolean classes) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        int rows = table.rows;
        int next = 0;
        for (int r = 0; r < rows; r++) {
            long key = keys[r];
            int slot = (int) mix(key) & mask;
            while (slotStamp[slot] == stamp && slotKeys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            int id;
            if (slotStamp[slot] != stamp) {
                slotStamp[slot] = stamp;
                slotKeys[slot] = key;
                id = next++;
                slotClass[slot] = id;
                if (classes) {
                    classSize[id] = 0;
                    classRepresentative[id] = r;
                }
            } else {
                id = slotClass[slot];
            }
            if (classes) {
                classOf[r] = id;
                classSize[id] += table.counts[r];
            } else {
                keys[r] = id;
            }
        }
        return next;
    }

    /** Murmur3 64-bit finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
