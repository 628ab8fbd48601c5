package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.anonymity.criteria.PrivacyModel;
import ca.hotlinetrends.anonymity.lattice.EncodedTable;
import ca.hotlinetrends.anonymity.lattice.Lattice;
import ca.hotlinetrends.anonymity.lattice.LatticeSearch;
import ca.hotlinetrends.anonymity.lattice.NodeEvaluation;
import ca.hotlinetrends.anonymity.lattice.NodeEvaluator;
import ca.hotlinetrends.anonymity.lattice.SearchOutcome;
import ca.hotlinetrends.anonymity.risk.ProsecutorRisk;
import ca.hotlinetrends.schema.Hierarchy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the k-anonymity engine: full-domain generalisation with record suppression over
 * a {@link FrequencyTable}, globally optimal for the configured metric (see {@link LatticeSearch}
 * for the search, its pruning and its tie-break).
 *
 * <pre>{@code
 * AnonymityConfig config = AnonymityConfig.builder()
 *         .quasiIdentifiers("sex", "age")
 *         .hierarchy(Hierarchy.read("sex", sexFile, ';'))
 *         .hierarchy(Hierarchy.read("age", ageFile, ';'))
 *         .k(5).suppressionLimit(0.04).metric("loss")
 *         .build();
 * AnonymityResult result = Anonymizer.anonymize(config, table);
 * String[] published = result.apply("Male", "39"); // null when suppressed
 * }</pre>
 *
 * <p>Stateless and thread-safe: each call builds its own working state.
 */
public final class Anonymizer {

    private Anonymizer() {}

    /**
     * Searches the lattice for the feasible node with the lowest metric value. Ties (values equal
     * within {@link LatticeSearch#TIE_TOLERANCE}) go to the lowest sum of levels, then to the
     * lexicographically smallest level vector in quasi-identifier order.
     *
     * @throws AnonymityException if the table does not match the configuration (other
     *     quasi-identifiers or sensitive attribute, k larger than the data, a value missing from its
     *     hierarchy) or no node is feasible
     */
    public static AnonymityResult anonymize(AnonymityConfig config, FrequencyTable table) {
        return anonymize(config, table, Runtime.getRuntime().availableProcessors() > 1);
    }

    /**
     * As {@link #anonymize(AnonymityConfig, FrequencyTable)}; with {@code twoThreads} (the default when the machine
     * has more than one core), a search without monotone feasibility evaluates the next candidate node on a second
     * thread ({@link LatticeSearch}): the same answer and figures, sooner.
     */
    static AnonymityResult anonymize(AnonymityConfig config, FrequencyTable table, boolean twoThreads) {
        Engine engine = new Engine(config, table);
        SearchOutcome outcome;
        try {
            outcome = new LatticeSearch(
                            engine.lattice,
                            engine.searched,
                            engine.evaluator,
                            config.weightedMetric(),
                            engine.monotone,
                            twoThreads && !engine.monotone ? engine.newEvaluator(engine.lattice) : null)
                    .run();
        } catch (AnonymityException e) {
            throw new AnonymityException(e.getMessage() + bindingConstraints(config, engine));
        }
        NodeEvaluation best = outcome.best();
        List<Integer> levels = toList(engine.lattice.levels(best.node()));
        // With local suppression, the classes, the published values and the blanked counts come from one pass, by the
        // evaluator that evaluated the node (it keeps the grouping and blanking of the last feasible node it found).
        NodeEvaluator.Chosen chosen =
                engine.evaluator.localSuppression() ? outcome.evaluatedBy().chosen(best.node()) : null;
        List<EquivalenceClass> classes = chosen != null ? chosen.classes() : engine.evaluator.classes(best.node());
        long[] publishedSizes = classes.stream()
                .filter(c -> !c.suppressed())
                .mapToLong(EquivalenceClass::size)
                .toArray();
        Recoding recoding;
        List<Long> blanked = new ArrayList<>();
        if (chosen != null) {
            recoding = Recoding.of(config.hierarchiesInOrder(), levels, chosen.outputs());
            for (long n : chosen.blankedValues()) {
                blanked.add(n);
            }
        } else {
            List<List<String>> publishedTuples = new ArrayList<>();
            for (EquivalenceClass c : classes) {
                if (!c.suppressed()) {
                    publishedTuples.add(c.values());
                }
            }
            recoding = Recoding.of(config.hierarchiesInOrder(), levels, publishedTuples);
            config.quasiIdentifiers().forEach(q -> blanked.add(0L));
        }
        return new AnonymityResult(
                config.quasiIdentifiers(),
                levels,
                table.totalRecords(),
                best.statistics().suppressedRecords(),
                config.metric().name(),
                outcome.value(),
                engine.lattice.size(),
                outcome.nodesEvaluated(),
                classes,
                ProsecutorRisk.of(engine.encoded.rowCounts(), config.riskThreshold()),
                ProsecutorRisk.of(publishedSizes, config.riskThreshold()),
                recoding,
                blanked);
    }

    /**
     * Why no node is feasible, when level limits are configured: the limits whose lifting alone (to the
     * hierarchy's top, the others kept) would make the most general allowed node feasible, or that even the
     * most general node without any limit fails.
     */
    private static String bindingConstraints(AnonymityConfig config, Engine engine) {
        int[] caps = config.maxLevelsInOrder();
        List<Hierarchy> hierarchies = config.hierarchiesInOrder();
        List<String> limited = new ArrayList<>();
        for (int i = 0; i < caps.length; i++) {
            if (caps[i] < hierarchies.get(i).height() - 1) {
                limited.add(config.quasiIdentifiers().get(i) + " at most level " + caps[i]);
            }
        }
        if (limited.isEmpty()) {
            return "";
        }
        Lattice full =
                new Lattice(hierarchies.stream().mapToInt(Hierarchy::height).toArray());
        NodeEvaluator evaluator = engine.newEvaluator(full);
        List<String> binding = new ArrayList<>();
        for (int i = 0; i < caps.length; i++) {
            if (caps[i] < hierarchies.get(i).height() - 1) {
                int[] node = caps.clone();
                node[i] = hierarchies.get(i).height() - 1;
                if (evaluator.evaluate(full.node(node)).feasible()) {
                    binding.add(config.quasiIdentifiers().get(i));
                }
            }
        }
        String limits = " under the utility limits (" + String.join(", ", limited) + ")";
        if (!binding.isEmpty()) {
            return limits + "; the binding limit: lifting that of " + String.join(" or of ", binding)
                    + " alone would make a node feasible";
        }
        return limits + "; no single limit is binding: lifting any one alone leaves no feasible node";
    }

    /**
     * Evaluates one given node without searching: feasibility, suppressed records and metric
     * value. For what-if reports and for checking a search result independently.
     *
     * @param levels one level per quasi-identifier, each within its hierarchy's height
     */
    public static NodeAssessment assess(AnonymityConfig config, FrequencyTable table, List<Integer> levels) {
        Engine engine = new Engine(config, table);
        int[] vector = levels.stream().mapToInt(Integer::intValue).toArray();
        Lattice full = new Lattice(
                config.hierarchiesInOrder().stream().mapToInt(Hierarchy::height).toArray());
        NodeEvaluation evaluation = engine.newEvaluator(full).evaluate(full.node(vector));
        return new NodeAssessment(
                levels,
                evaluation.feasible(),
                evaluation.statistics().suppressedRecords(),
                config.weightedMetric().value(evaluation.statistics()));
    }

    /**
     * The suppression limit as a number of records: {@code floor(limit * records)}, computed in
     * decimal so that, say, 0.29 of 100 records is 29, not 28.
     */
    static long maxSuppressedRecords(double suppressionLimit, long records) {
        return BigDecimal.valueOf(suppressionLimit)
                .multiply(BigDecimal.valueOf(records))
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    private static List<Integer> toList(int[] levels) {
        List<Integer> list = new ArrayList<>(levels.length);
        for (int level : levels) {
            list.add(level);
        }
        return List.copyOf(list);
    }

    /** Working state for one call. */
    private static final class Engine {
        final EncodedTable encoded;
        /** The table as the lattice sees it: its rows merged at the lattice's lowest levels. */
        final EncodedTable searched;

        final Lattice lattice;
        final NodeEvaluator evaluator;
        final boolean monotone;

        final List<PrivacyModel> models;
        final long maxSuppressed;
        final long maxBlanked;
        final double[] weights;

        Engine(AnonymityConfig config, FrequencyTable table) {
            checkMatches(config, table);
            List<Hierarchy> hierarchies = config.hierarchiesInOrder();
            this.encoded = EncodedTable.encode(table, hierarchies);
            // Utility limits: the lattice stops at each quasi-identifier's highest allowed level (and starts at its
            // lowest), so nodes beyond a limit are never candidates; the search is exhaustive within the limits.
            int[] caps = config.maxLevelsInOrder();
            int[] lowest = config.minLevelsInOrder();
            int[] heights = new int[caps.length];
            for (int i = 0; i < caps.length; i++) {
                heights[i] = caps[i] - lowest[i] + 1;
            }
            this.lattice = new Lattice(lowest, heights);
            this.searched = encoded.mergedAt(lowest);
            this.maxSuppressed = maxSuppressedRecords(config.suppressionLimit(), table.totalRecords());
            this.maxBlanked = config.localSuppression()
                    ? maxSuppressedRecords(config.suppressionLimit(), Math.multiplyExact(table.totalRecords(), (long)
                            config.quasiIdentifiers().size()))
                    : -1;
            this.weights = config.weightsInOrder().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            this.models = config.privacyModels();
            this.evaluator = newEvaluator(lattice);
            // Local suppression is greedy per node, so feasibility is not monotone: only the loss bound prunes.
            this.monotone = !config.localSuppression()
                    && (maxSuppressed == 0 || models.stream().allMatch(PrivacyModel::isMonotoneWithSuppression));
        }

        /** An evaluator over {@code over}: the search's lattice, or a lattice of every level (the rows unmerged). */
        NodeEvaluator newEvaluator(Lattice over) {
            return new NodeEvaluator(
                    over == lattice ? searched : encoded, over, models, maxSuppressed, maxBlanked, weights);
        }

        private static void checkMatches(AnonymityConfig config, FrequencyTable table) {
            if (!table.quasiIdentifiers().equals(config.quasiIdentifiers())) {
                throw new AnonymityException("the frequency table's quasi-identifiers " + table.quasiIdentifiers()
                        + " differ from the configuration's " + config.quasiIdentifiers());
            }
            if (config.sensitiveAttribute().isPresent()
                    && !config.sensitiveAttribute().equals(table.sensitiveAttribute())) {
                throw new AnonymityException("l-diversity needs the frequency table to count values of '"
                        + config.sensitiveAttribute().get() + "'; it counts "
                        + table.sensitiveAttribute().map(s -> "'" + s + "'").orElse("no sensitive attribute"));
            }
            if (table.totalRecords() == 0) {
                throw new AnonymityException("the frequency table is empty");
            }
            if (config.k() > table.totalRecords()) {
                throw new AnonymityException("k must be at most the number of records in the data ("
                        + table.totalRecords() + "). Provided value: " + config.k());
            }
        }
    }
}
