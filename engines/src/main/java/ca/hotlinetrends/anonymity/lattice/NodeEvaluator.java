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
 * outside the pattern, and a group is published with the pattern blanked when it satisfies every
 * model (records blanked under another pattern have their blanks elsewhere, so they never share its
 * published values; records published as they are have none). A blanked
 * value is a value of its own when classes are counted (the conservative reading: {@code *} never
 * matches a value, so the written file's classes are the classes checked). Records left after
 * every pattern are suppressed whole. The node is feasible when the suppressed records and the
 * blanked values are both within their limits. This is a greedy heuristic per node, in the
 * tradition of mu-Argus and sdcMicro's {@code localSuppression} (Templ, Kowarik and Meindl, J. Stat.
 * Softw. 67(4), 2015), which blank the values of the records that violate k in order of importance;
 * the search over nodes stays exhaustive (pruned only by the loss bound), so the node chosen is the
 * best node given this local suppression.
 *
 * <p>Cost: each pattern groups the classes left by a mixed-radix key in hash tables partitioned to stay
 * in cache, and the blanking of a node stops once the loss of the records placed, plus a lower bound
 * for those left (the next pattern's weight times each class's least share of a column), exceeds
 * the search's best.
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
    /** Numbers the keys of a grouping densely. */
    private final LongIds classIds;

    private int classCount;

    /** The value a blanked quasi-identifier takes in local suppression. */
    public static final String BLANK = "*";

    /** Negative without local suppression. */
    private final long maxBlankedValues;
    /** Blanking patterns (bit masks over quasi-identifiers) in the order they are tried. */
    private final int[] patterns;
    /** The fewest columns any pattern from the j-th on blanks; {@code Integer.MAX_VALUE} after the last. */
    private final int[] narrowestFrom;
    /** The weights of the loss (1 each without local suppression). */
    private final double[] weights;
    /** Scratch of the local suppression: the groups of one partition of a pattern's keys, and the partitions. */
    private LongIds groupIds;

    private int[] partitionStart = new int[0];
    private int[] partitionOrder = new int[0];
    /** Per place in partitionOrder, its key, the key's hash and its class's size; hashes: per position, its hash. */
    private long[] partitionKeys = new long[0];

    private long[] partitionHashes = new long[0];
    private long[] partitionWeights = new long[0];
    private long[] hashes = new long[0];
    /** About how many keys a partition holds: its hash table (16 bytes a slot, half full) then fits in cache. */
    private static final int PARTITION_SIZE = 4096;
    /**
     * The last feasible node this evaluator blanked completely: its classes' sizes and representative rows, copied
     * out of the scratch arrays, and its blanking ({@link #chosen} reads them instead of grouping and blanking the
     * node again, whatever this evaluator did since); null before.
     */
    private Kept kept;

    /** One node's grouping and complete blanking (the arrays hold {@code classCount} classes). */
    private record Kept(int node, int classCount, long[] classSize, int[] classRepresentative, Blanking blanking) {}

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
        this.narrowestFrom = new int[patterns.length + 1];
        narrowestFrom[patterns.length] = Integer.MAX_VALUE;
        for (int j = patterns.length - 1; j >= 0; j--) {
            narrowestFrom[j] = Math.min(Integer.bitCount(patterns[j]), narrowestFrom[j + 1]);
        }
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
        this.classIds = new LongIds(Math.min(rows, PARTITION_SIZE));
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
            NodeEvaluation evaluation = evaluateLocal(node, levels, b);
            if (evaluation.feasible()) {
                kept = new Kept(
                        node,
                        classCount,
                        Arrays.copyOf(classSize, classCount),
                        Arrays.copyOf(classRepresentative, classCount),
                        b);
            }
            return evaluation;
        }
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
        return localSuppression() ? chosen(node).classes() : plainClasses(node);
    }

    /**
     * With local suppression, the chosen node's classes ({@link #classes}), the published values of every published
     * generalised tuple ({@link #blanking}) and the values blanked per quasi-identifier ({@link #blankedValues}),
     * in one pass over the classes: each tuple is built once, as an immutable list shared by all three.
     */
    public Chosen chosen(int node) {
        if (!localSuppression()) {
            throw new IllegalStateException("this evaluator does not blank values");
        }
        int[] levels = lattice.levels(node);
        Kept g = groupedAndBlanked(node, levels);
        Blanking b = g.blanking();
        long[] classSize = g.classSize();
        int q = table.qiCount;
        Map<List<String>, Long> sizes = new LinkedHashMap<>();
        List<EquivalenceClass> result = new ArrayList<>();
        Map<List<String>, List<String>> outputs = new LinkedHashMap<>();
        long[] blanked = new long[q];
        for (int c = 0; c < g.classCount(); c++) {
            String[] values = tuple(g.classRepresentative()[c], levels);
            List<String> generalised = List.of(values);
            int m = b.mask[c];
            if (m < 0) {
                result.add(new EquivalenceClass(generalised, classSize[c], true));
                continue;
            }
            List<String> published = generalised;
            if (m > 0) {
                for (int i = 0; i < q; i++) {
                    if ((m & (1 << i)) != 0) {
                        values[i] = BLANK;
                        blanked[i] += classSize[c];
                    }
                }
                published = List.of(values);
            }
            outputs.put(generalised, published);
            sizes.merge(published, classSize[c], Long::sum);
        }
        sizes.forEach((values, size) -> result.add(new EquivalenceClass(values, size, false)));
        return new Chosen(result, outputs, blanked);
    }

    /**
     * What {@link #chosen} gives.
     *
     * @param classes as {@link #classes}
     * @param outputs as {@link #blanking}, its tuples immutable lists
     * @param blankedValues as {@link #blankedValues}
     */
    public record Chosen(
            List<EquivalenceClass> classes, Map<List<String>, List<String>> outputs, long[] blankedValues) {}

    private List<EquivalenceClass> plainClasses(int node) {
        int[] levels = lattice.levels(node);
        prepare(node, levels);
        List<EquivalenceClass> result = new ArrayList<>(classCount);
        for (int c = 0; c < classCount; c++) {
            result.add(new EquivalenceClass(
                    Arrays.asList(tuple(classRepresentative[c], levels)), classSize[c], !published[c]));
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
        // The models look at the sensitive counts of the classes large enough to be published only.
        int domain = table.sensitiveDomain;
        int[] at = new int[classCount];
        int large = 0;
        for (int c = 0; c < classCount; c++) {
            at[c] = classSize[c] >= minimumClassSize ? large++ * domain : -1;
        }
        long[] counts = new long[large * domain];
        gatherSensitive(at, counts);
        for (int c = 0; c < classCount; c++) {
            published[c] = at[c] >= 0 && satisfiesAll(new ClassProfile(classSize[c], nonZero(counts, at[c], domain)));
        }
    }

    /** Adds each row's sensitive counts to its class's {@code domain} counts from {@code at[class]} (when >= 0). */
    private void gatherSensitive(int[] at, long[] counts) {
        for (int r = 0; r < table.rows; r++) {
            int from = at[classOf[r]];
            if (from < 0) {
                continue;
            }
            for (int e = table.sensitiveOffsets[r]; e < table.sensitiveOffsets[r + 1]; e++) {
                counts[from + table.sensitiveCodes[e]] += table.sensitiveCounts[e];
            }
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
        return chosen(node).outputs();
    }

    /**
     * With local suppression, the number of values blanked at {@code node} per quasi-identifier (records times
     * blanked attributes), in order.
     */
    public long[] blankedValues(int node) {
        return chosen(node).blankedValues();
    }

    /**
     * The grouping and complete blanking of {@code node}: the kept one when this evaluator last found {@code node}
     * feasible, otherwise made now (the arrays are then the scratch arrays, valid until the next evaluation).
     */
    private Kept groupedAndBlanked(int node, int[] levels) {
        if (kept != null && kept.node() == node) {
            return kept;
        }
        prepare(node, levels);
        Blanking b = blank(levels, false, Double.POSITIVE_INFINITY);
        return new Kept(node, classCount, classSize, classRepresentative, b);
    }

    /** The generalised values at {@code levels} of the table's row {@code row}. */
    private String[] tuple(int row, int[] levels) {
        String[] values = new String[table.qiCount];
        for (int i = 0; i < values.length; i++) {
            values[i] = table.labels[i][levels[i]][table.generalised[i][levels[i]][table.leafCodes[i][row]]];
        }
        return values;
    }

    /**
     * With local suppression, a lower bound on the weighted generalised loss at {@code node} that needs only the
     * grouping, not the blanking: every record of a failing class either has some values blanked or is
     * suppressed, which costs more than its generalisation alone: {@code e_i = w_i * (1 - c_i)} per blanked column
     * {@code i}, {@code c_i} its generalisation cost there (only columns not at their top can be blanked), and every
     * column's for a suppressed record. A class is counted at the least of: the cheapest {@code e_i} of a column that
     * can place it alone (blanking {@code i} gives a group of at least k failing records), and the two cheapest
     * {@code e_i} together (any larger pattern, or suppression). The search skips the blanking of a node whose bound
     * cannot win.
     *
     * @param generalisationBound the node's loss with nothing suppressed or blanked
     * @param cutoff a loss above which the caller skips the node: once the cheapest column of every failing class
     *     alone gives a bound above it, that bound is returned without grouping by columns
     */
    public double lossBoundAfterGrouping(int node, double generalisationBound, double cutoff) {
        int[] levels = lattice.levels(node);
        prepare(node, levels);
        int q = table.qiCount;
        double weightSum = 0;
        for (double w : weights) {
            weightSum += w;
        }
        Failing f = failing(levels);
        int n = f.classes().length;
        if (n == 0) {
            return generalisationBound;
        }
        int[] failingClasses = f.classes();
        long[] radix = f.radix();
        long[] place = f.place();
        long[] fullKey = f.fullKey();
        int[] codes = f.codes();
        double[] extra = f.extra();
        boolean longKeys = f.longKeys();
        double cheapestAll = 0;
        for (int p = 0; p < n; p++) {
            double least = Double.POSITIVE_INFINITY;
            for (int i = 0; i < q; i++) {
                least = Math.min(least, extra[p * q + i]);
            }
            if (Double.isFinite(least)) {
                cheapestAll += classSize[failingClasses[p]] * least;
            }
        }
        double cheap = generalisationBound + cheapestAll / (table.totalRecords * weightSum);
        if (cheap > cutoff || !longKeys) {
            return cheap;
        }
        // Which single columns can place a class at all: blanking column i publishes a class only in a group of at
        // least k records, all failing ones that agree with it outside i (blanked values are values of their own, so
        // no published class joins the group). The greedy's groups are subsets of these, so a class whose column i
        // cannot reach k is never placed by blanking i alone. Columns are grouped when a class first asks (most
        // classes' cheapest column reaches k, and the others are never looked at).
        if (groupIds == null) {
            groupIds = new LongIds(n);
        }
        boolean[] reaches = new boolean[n * q];
        boolean[] grouped = new boolean[q];
        long[] keys = new long[n];
        int[] groupOf = new int[n];
        long[] groupSize = new long[n];
        int[] order = new int[q];
        double added = 0;
        for (int p = 0; p < n; p++) {
            // Every record of a failing class is placed by one pattern, whose extra is the sum of its columns', or
            // suppressed (every blankable column's extra, and more): at least the cheapest column that can place it
            // alone, or the two cheapest columns together (one column when there is one).
            int columns = 0;
            for (int i = 0; i < q; i++) {
                if (Double.isFinite(extra[p * q + i])) {
                    int at = columns++;
                    while (at > 0 && extra[p * q + order[at - 1]] > extra[p * q + i]) {
                        order[at] = order[at - 1];
                        at--;
                    }
                    order[at] = i;
                }
            }
            if (columns == 0) {
                continue; // nothing can be blanked: as before, no extra is assumed
            }
            double bound = columns > 1 ? extra[p * q + order[0]] + extra[p * q + order[1]] : extra[p * q + order[0]];
            for (int o = 0; o < columns && extra[p * q + order[o]] < bound; o++) {
                int i = order[o];
                if (!grouped[i]) {
                    grouped[i] = true;
                    for (int x = 0; x < n; x++) {
                        keys[x] = fullKey[x] + (radix[i] - 1 - codes[x * q + i]) * place[i];
                    }
                    groupByKey(n, keys, failingClasses, groupOf, groupSize);
                    for (int x = 0; x < n; x++) {
                        reaches[x * q + i] = groupSize[groupOf[x]] >= minimumClassSize;
                    }
                }
                if (reaches[p * q + i]) {
                    bound = extra[p * q + i];
                    break;
                }
            }
            added += classSize[failingClasses[p]] * bound;
        }
        return generalisationBound + added / (table.totalRecords * weightSum);
    }

    /**
     * The failing classes of the current grouping (ascending) at {@code levels}, keyed as the blanking keys them: per
     * column its radix (its values and, last, the blank) and place value (when mixed-radix keys fit a long,
     * {@code longKeys}), the blankable columns (not at their top), and per class (by position p) its codes, its key
     * with nothing blanked (blanking column i adds (blank - code) times the column's place value) and the extra
     * weighted cost per record of blanking each blankable column, {@code w_i * (1 - c_i)} (infinite elsewhere).
     */
    private record Failing(
            int[] classes,
            long[] radix,
            long[] place,
            boolean longKeys,
            int blankable,
            long[] fullKey,
            int[] codes,
            double[] extra) {}

    private Failing failing(int[] levels) {
        int q = table.qiCount;
        int n = 0;
        for (int c = 0; c < classCount; c++) {
            if (!published[c]) {
                n++;
            }
        }
        int[] classes = new int[n];
        long[] radix = new long[q];
        long[] place = new long[q];
        boolean longKeys = true;
        long product = 1;
        int blankable = 0;
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
        if (longKeys) {
            place[q - 1] = 1;
            for (int i = q - 2; i >= 0; i--) {
                place[i] = place[i + 1] * radix[i + 1];
            }
        }
        long[] fullKey = new long[n];
        int[] codes = new int[n * q];
        double[] extra = new double[n * q];
        int[] rows = new int[n];
        for (int c = 0, p = 0; c < classCount; c++) {
            if (!published[c]) {
                classes[p] = c;
                rows[p++] = classRepresentative[c];
            }
        }
        // Column by column, each column's arrays read once and the extra cost looked up per code.
        for (int i = 0; i < q; i++) {
            int[] map = table.generalised[i][levels[i]];
            int[] leaf = table.leafCodes[i];
            double[] extraOf = new double[table.valueCounts[i][levels[i]]];
            if ((blankable & (1 << i)) != 0) {
                int[] under = table.leavesUnder[i][levels[i]];
                for (int code = 0; code < extraOf.length; code++) {
                    double cost = (under[code] - 1.0) / (table.leafCounts[i] - 1.0);
                    extraOf[code] = weights[i] * (1.0 - cost);
                }
            } else {
                Arrays.fill(extraOf, Double.POSITIVE_INFINITY);
            }
            long r = radix[i];
            for (int p = 0; p < n; p++) {
                int code = map[leaf[rows[p]]];
                codes[p * q + i] = code;
                fullKey[p] = longKeys ? fullKey[p] * r + code : 0;
                extra[p * q + i] = extraOf[code];
            }
        }
        return new Failing(classes, radix, place, longKeys, blankable, fullKey, codes, extra);
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
        long failing = 0;
        for (int c = 0; c < classCount; c++) {
            if (!published[c]) {
                failing += classSize[c];
            }
        }
        // Every record of a failing class needs at least one blanked value or its suppression. (Most nodes of a
        // search that cannot be feasible stop here, before the failing classes' keys are made.)
        if (mayStop && tooManyBlanks(0, failing, 0)) {
            Arrays.fill(mask, -1);
            return new Blanking(mask, failing, 0, 0, true);
        }
        Failing f = failing(levels);
        int blankable = f.blankable();
        long[] radix = f.radix();
        long[] place = f.place();
        boolean longKeys = f.longKeys();
        long[] fullKey = f.fullKey();
        int[] codes = f.codes();
        double[] extra = f.extra();
        int remainingCount = f.classes().length;
        int[] remaining = Arrays.copyOf(f.classes(), classCount); // the failing classes not placed yet, ascending
        // Per failing class, by position in remaining: the least extra over the blankable columns (cheapest) and
        // the least 1 - c_i, c_i its generalisation cost in a blankable column i (least: blanking a pattern costs at
        // least this times the pattern's weight).
        double[] cheapest = new double[remainingCount];
        double[] least = new double[remainingCount];
        for (int p = 0; p < remainingCount; p++) {
            int c = remaining[p];
            double cheapestExtra = Double.POSITIVE_INFINITY;
            double leastShare = Double.POSITIVE_INFINITY;
            for (int i = 0; i < q; i++) {
                if ((blankable & (1 << i)) != 0) {
                    double share = 1.0
                            - (table.leavesUnder[i][levels[i]][codes[p * q + i]] - 1.0) / (table.leafCounts[i] - 1.0);
                    cheapestExtra = Math.min(cheapestExtra, extra[p * q + i]);
                    leastShare = Math.min(leastShare, share);
                }
            }
            cheapest[p] = Double.isFinite(cheapestExtra) ? cheapestExtra : 0;
            least[p] = Double.isFinite(leastShare) ? leastShare : 0;
            cost += classSize[c] * cheapest[p];
        }
        if (cost > allowed) {
            Arrays.fill(mask, -1);
            return new Blanking(mask, failing, 0, 0, true);
        }
        // With a sensitive model, the failing classes' sensitive counts (domain per class, from sensitiveAt[c]).
        int domain = usesSensitiveValues ? table.sensitiveDomain : 0;
        int[] sensitiveAt = new int[classCount];
        Arrays.fill(sensitiveAt, -1);
        for (int p = 0; p < remainingCount; p++) {
            sensitiveAt[remaining[p]] = p * domain;
        }
        long[] failingSensitive = new long[remainingCount * domain];
        if (domain > 0) {
            gatherSensitive(sensitiveAt, failingSensitive);
        }
        // Per pattern, by group id (in groupIds): each group's size, whether it is published, and for the groups large
        // enough to be judged their index among those (their sensitive counts are gathered only for them). A key
        // holds the pattern (its blanked columns take the code after the last), so the groups of a pattern never meet
        // the records published under another: each group is judged on its own.
        if (groupIds == null) {
            groupIds = new LongIds(remainingCount);
        }
        long[] groupSize = new long[remainingCount];
        long[] keys = new long[remainingCount];
        int[] groupOf = new int[remainingCount];
        boolean[] accept = new boolean[remainingCount];
        int[] judged = new int[remainingCount];
        long[] judgedSensitive = new long[0];
        Map<String, Long> wideKeys = longKeys ? null : new HashMap<>();
        // Positions in fullKey, codes, extra, cheapest and least of the classes in remaining (which shrinks).
        int[] position = new int[remainingCount];
        for (int p = 0; p < remainingCount; p++) {
            position[p] = p;
        }
        long blanked = 0;
        long squares = 0;
        // Every pattern after the j-th weighs at least the (j+1)-th, and a class left after it costs at least that
        // weight times its least share, or the whole blankable weight so (suppression costs more than blanking
        // every blankable column).
        double blankableWeight = cost(blankable, weights);
        for (int j = 0; j < patterns.length; j++) {
            int pattern = patterns[j];
            if (remainingCount == 0) {
                break;
            }
            if ((pattern & ~blankable) != 0) {
                continue; // blanking a value generalised to the top changes nothing: a smaller pattern covers it
            }
            for (int p = 0; p < remainingCount; p++) {
                if (longKeys) {
                    int x = position[p];
                    long key = fullKey[x];
                    for (int bits = pattern; bits != 0; bits &= bits - 1) {
                        int i = Integer.numberOfTrailingZeros(bits);
                        key += (radix[i] - 1 - codes[x * q + i]) * place[i];
                    }
                    keys[p] = key;
                } else {
                    keys[p] = wideKey(remaining[p], levels, pattern, wideKeys);
                }
            }
            int groups = groupByKey(remainingCount, keys, remaining, groupOf, groupSize);
            int large = 0;
            for (int g = 0; g < groups; g++) {
                judged[g] = groupSize[g] >= minimumClassSize ? large++ : -1;
            }
            if (domain > 0 && large > 0) {
                if (judgedSensitive.length < large * domain) {
                    judgedSensitive = new long[Math.max(2 * judgedSensitive.length, large * domain)];
                }
                Arrays.fill(judgedSensitive, 0, large * domain, 0L);
                for (int p = 0; p < remainingCount; p++) {
                    int at = judged[groupOf[p]];
                    if (at >= 0) {
                        int from = sensitiveAt[remaining[p]];
                        for (int v = 0; v < domain; v++) {
                            judgedSensitive[at * domain + v] += failingSensitive[from + v];
                        }
                    }
                }
            }
            int width = Integer.bitCount(pattern);
            for (int g = 0; g < groups; g++) {
                long size = groupSize[g];
                accept[g] = judged[g] >= 0
                        && satisfiesAll(
                                domain == 0
                                        ? ClassProfile.ofSize(size)
                                        : new ClassProfile(size, nonZero(judgedSensitive, judged[g] * domain, domain)));
                if (accept[g]) {
                    blanked += size * width;
                    squares += size * size;
                }
            }
            double next = j + 1 < patterns.length
                    ? Math.min(cost(patterns[j + 1], weights), blankableWeight)
                    : blankableWeight;
            double lift = 0; // what the classes left cost at least beyond their cheapest
            long left = 0;
            int kept = 0;
            for (int p = 0; p < remainingCount; p++) {
                int c = remaining[p];
                int x = position[p];
                if (accept[groupOf[p]]) {
                    mask[c] = pattern;
                    double patternExtra = 0;
                    for (int bits = pattern; bits != 0; bits &= bits - 1) {
                        patternExtra += extra[x * q + Integer.numberOfTrailingZeros(bits)];
                    }
                    cost += classSize[c] * (patternExtra - cheapest[x]);
                } else {
                    lift += classSize[c] * Math.max(0, next * least[x] - cheapest[x]);
                    left += classSize[c];
                    position[kept] = x;
                    remaining[kept++] = c;
                }
            }
            remainingCount = kept;
            if (mayStop && (tooManyBlanks(j + 1, left, blanked) || cost + lift > allowed)) {
                Arrays.fill(mask, -1);
                return new Blanking(mask, failing, blanked, 0, true);
            }
        }
        long suppressed = 0;
        for (int p = 0; p < remainingCount; p++) {
            mask[remaining[p]] = -1;
            suppressed += classSize[remaining[p]];
        }
        return new Blanking(mask, suppressed, blanked, squares, false);
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

    /**
     * Whether the node must exceed a limit when {@code left} records of failing classes remain for the patterns from
     * the j-th on, {@code blanked} values blanked so far: each of them is either suppressed (at most the limit) or
     * blanked in at least the narrowest remaining pattern's columns.
     */
    private boolean tooManyBlanks(int j, long left, long blanked) {
        long unsuppressed = Math.max(0, left - maxSuppressedRecords);
        if (blanked > maxBlankedValues) {
            return true;
        }
        if (unsuppressed == 0) {
            return false;
        }
        int narrowest = narrowestFrom[j];
        return narrowest == Integer.MAX_VALUE || unsuppressed > (maxBlankedValues - blanked) / narrowest;
    }

    /**
     * Groups positions {@code 0 .. n-1} by {@code patternKeys[p]}: {@code groupOf[p]} gets each position's group (ids
     * {@code 0 ..} the returned count) and {@code groupSize} the sum of {@code classSize[classes[p]]} per group. The
     * positions are first partitioned by the top bits of their key's hash, so that each partition is grouped in a
     * hash table small enough to stay in cache (the radix-partitioned hash aggregation of databases); the ids
     * differ from an order of first appearance, which nothing depends on.
     */
    private int groupByKey(int n, long[] patternKeys, int[] classes, int[] groupOf, long[] groupSize) {
        int partitions = partitionByHash(n, patternKeys, classes);
        int groups = 0;
        for (int b = 0; b < partitions; b++) {
            groupIds.clear(partitionStart[b + 1] - partitionStart[b]);
            for (int o = partitionStart[b]; o < partitionStart[b + 1]; o++) {
                int before = groupIds.size();
                int g = groups + groupIds.idOf(partitionKeys[o], partitionHashes[o]);
                if (groupIds.size() > before) {
                    groupSize[g] = 0;
                }
                groupOf[partitionOrder[o]] = g;
                groupSize[g] += partitionWeights[o];
            }
            groups += groupIds.size();
        }
        return groups;
    }

    /**
     * Partitions positions {@code 0 .. n-1} by the top bits of their key's hash, about {@link #PARTITION_SIZE} keys
     * to a partition: partition b's positions, ascending, are {@code partitionOrder[partitionStart[b] ..
     * partitionStart[b + 1])}, with their keys and hashes at the same places in {@code partitionKeys} and
     * {@code partitionHashes}, and (when {@code classes} is not null) their classes' sizes in
     * {@code partitionWeights}: the grouping then reads each partition's entries in order. Returns the number of
     * partitions (1 for up to twice that size).
     */
    private int partitionByHash(int n, long[] keys, int[] classes) {
        int bits = Math.max(0, 64 - Long.numberOfLeadingZeros(Math.max(1, n / PARTITION_SIZE)));
        int partitions = 1 << bits;
        if (partitionStart.length < partitions + 1) {
            partitionStart = new int[partitions + 1];
        }
        if (partitionOrder.length < n) {
            int size = Math.max(n, 2 * partitionOrder.length);
            partitionOrder = new int[size];
            partitionKeys = new long[size];
            partitionHashes = new long[size];
            partitionWeights = new long[size];
            hashes = new long[size];
        }
        Arrays.fill(partitionStart, 0, partitions + 1, 0);
        int shift = 64 - bits;
        for (int p = 0; p < n; p++) {
            long h = LongIds.mix(keys[p]);
            hashes[p] = h;
            partitionStart[partitionOf(h, shift) + 1]++;
        }
        for (int b = 0; b < partitions; b++) {
            partitionStart[b + 1] += partitionStart[b];
        }
        int[] fill = Arrays.copyOf(partitionStart, partitions);
        for (int p = 0; p < n; p++) {
            long h = hashes[p];
            int o = fill[partitionOf(h, shift)]++;
            partitionOrder[o] = p;
            partitionKeys[o] = keys[p];
            partitionHashes[o] = h;
            if (classes != null) {
                partitionWeights[o] = classSize[classes[p]];
            }
        }
        return partitions;
    }

    /** The partition of a key whose hash is {@code hash}. */
    private static int partitionOf(long hash, int shift) {
        return shift == 64 ? 0 : (int) (hash >>> shift);
    }

    /**
     * The key of class {@code c} with the columns of {@code pattern} blanked when mixed-radix numbers would overflow:
     * a number given to its codes in order of first appearance.
     */
    private long wideKey(int c, int[] levels, int pattern, Map<String, Long> wideKeys) {
        int row = classRepresentative[c];
        int[] codes = new int[table.qiCount];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (pattern & (1 << i)) != 0 ? -1 : table.generalised[i][levels[i]][table.leafCodes[i][row]];
        }
        return wideKeys.computeIfAbsent(Arrays.toString(codes), k -> (long) wideKeys.size());
    }

    /** The positive counts among {@code counts[from .. from + length)}. */
    private static long[] nonZero(long[] counts, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            if (counts[i] > 0) {
                n++;
            }
        }
        long[] out = new long[n];
        for (int i = from, j = 0; i < from + length; i++) {
            if (counts[i] > 0) {
                out[j++] = counts[i];
            }
        }
        return out;
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
     *
     * <p>The rows are first partitioned by the top bits of their key's hash and each partition is numbered in a hash
     * table small enough to stay in cache (as {@link #groupByKey} does; one table for all the rows of 300,000
     * combinations is 16 MB, a cache miss a row); a pass over the rows in order then renumbers the groups by their
     * first row.
     */
    private int renumber(boolean classes) {
        int rows = table.rows;
        int partitions = partitionByHash(rows, keys, null);
        // classOf holds each row's group for now (ids by partition).
        int groups = 0;
        for (int b = 0; b < partitions; b++) {
            classIds.clear(partitionStart[b + 1] - partitionStart[b]);
            for (int o = partitionStart[b]; o < partitionStart[b + 1]; o++) {
                classOf[partitionOrder[o]] = groups + classIds.idOf(partitionKeys[o], partitionHashes[o]);
            }
            groups += classIds.size();
        }
        if (firstAppearance.length < groups) {
            firstAppearance = new int[Math.max(groups, rows)];
        }
        Arrays.fill(firstAppearance, 0, groups, -1);
        int next = 0;
        for (int r = 0; r < rows; r++) {
            int g = classOf[r];
            int id = firstAppearance[g];
            if (id < 0) {
                id = next++;
                firstAppearance[g] = id;
                if (classes) {
                    classSize[id] = 0;
                    classRepresentative[id] = r;
                }
            }
            if (classes) {
                classOf[r] = id;
                classSize[id] += table.counts[r];
            } else {
                keys[r] = id;
            }
        }
        return groups;
    }

    /** Scratch of {@link #renumber}: per group of a partitioned numbering, its number by first appearance. */
    private int[] firstAppearance = new int[0];
}
