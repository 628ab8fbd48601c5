package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.anonymity.criteria.KAnonymity;
import ca.hotlinetrends.anonymity.criteria.PrivacyModel;
import ca.hotlinetrends.anonymity.metric.InformationLossMetric;
import ca.hotlinetrends.schema.Hierarchy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to anonymise and how: the quasi-identifiers with one generalisation hierarchy each, the
 * privacy models (k-anonymity, optionally l-diversity on one sensitive attribute), the share of
 * records that may be suppressed, the information-loss metric to minimise, and the threshold of
 * the "records at risk" measure. Build it with {@link #builder()}; defaults are the constants
 * below.
 *
 * <p>Immutable and thread-safe (hierarchies are immutable).
 *
 * @param quasiIdentifiers attribute names, in the order of level vectors and generalised tuples
 * @param hierarchies a hierarchy per quasi-identifier, keyed by attribute name (extra entries are
 *     ignored)
 * @param k the k of k-anonymity, {@code >= 2}
 * @param lDiversity optional l-diversity requirement
 * @param suppressionLimit largest share of records that may be suppressed, in [0, 1): a node is
 *     feasible when its suppressed records are at most {@code floor(suppressionLimit * records)}
 * @param metric information-loss metric to minimise
 * @param riskThreshold a record is "at risk" when its re-identification risk {@code 1/|E|}
 *     exceeds this, in (0, 1]
 * @param maxLevels per quasi-identifier, the highest generalisation level the search may choose
 *     (a utility constraint: nodes beyond it are never candidates); absent means the hierarchy's top
 * @param minLevels per quasi-identifier, the lowest generalisation level the search may choose (a disclosure
 *     constraint, as ARX's minimum generalisation); absent means 0
 * @param weights per quasi-identifier, its weight in the {@code loss} metric (see
 *     {@link ca.hotlinetrends.anonymity.metric.GeneralisedLoss}); absent means 1
 * @param localSuppression whether records of classes that fail a model first have single
 *     quasi-identifier values blanked ({@code *}) before whole records are suppressed (see
 *     {@link ca.hotlinetrends.anonymity.lattice.LocalSuppression}); the suppression limit then
 *     bounds blanked values (as a share of all values) as well as records
 */
public record AnonymityConfig(
        List<String> quasiIdentifiers,
        Map<String, Hierarchy> hierarchies,
        int k,
        Optional<LDiversityRequirement> lDiversity,
        double suppressionLimit,
        InformationLossMetric metric,
        double riskThreshold,
        Map<String, Integer> maxLevels,
        Map<String, Integer> minLevels,
        Map<String, Double> weights,
        boolean localSuppression) {

    /** No record is suppressed unless the configuration allows it. */
    public static final double DEFAULT_SUPPRESSION_LIMIT = 0.0;
    /** Generalised information loss. */
    public static final String DEFAULT_METRIC = "loss";
    /** The conventional 20% threshold: records in classes smaller than 5 are at risk. */
    public static final double DEFAULT_RISK_THRESHOLD = 0.2;

    public AnonymityConfig {
        Objects.requireNonNull(quasiIdentifiers, "quasiIdentifiers");
        if (quasiIdentifiers.isEmpty()) {
            throw new IllegalArgumentException("at least one quasi-identifier is needed");
        }
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
        for (String qi : quasiIdentifiers) {
            Checks.name("quasi-identifier name", qi);
        }
        if (new HashSet<>(quasiIdentifiers).size() != quasiIdentifiers.size()) {
            throw new IllegalArgumentException(
                    "quasi-identifiers must be distinct. Provided value: " + quasiIdentifiers);
        }
        Objects.requireNonNull(hierarchies, "hierarchies");
        Map<String, Hierarchy> kept = new LinkedHashMap<>();
        for (String qi : quasiIdentifiers) {
            Hierarchy h = hierarchies.get(qi);
            if (h == null) {
                throw new IllegalArgumentException("quasi-identifier '" + qi
                        + "' has no hierarchy; hierarchies given for " + hierarchies.keySet());
            }
            if (!h.attribute().equals(qi)) {
                throw new IllegalArgumentException(
                        "the hierarchy given for '" + qi + "' is for attribute '" + h.attribute() + "'");
            }
            kept.put(qi, h);
        }
        hierarchies = Collections.unmodifiableMap(kept);
        Checks.atLeast("k", k, 2);
        Objects.requireNonNull(lDiversity, "lDiversity");
        if (lDiversity.isPresent() && quasiIdentifiers.contains(lDiversity.get().sensitiveAttribute())) {
            throw new IllegalArgumentException(
                    "the sensitive attribute must not be a quasi-identifier. Provided value: "
                            + lDiversity.get().sensitiveAttribute());
        }
        Checks.fractionBelowOne("suppression limit", suppressionLimit);
        Objects.requireNonNull(metric, "metric");
        Checks.positiveProbability("risk threshold", riskThreshold);
        Objects.requireNonNull(maxLevels, "maxLevels");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(minLevels, "minLevels");
        for (Map.Entry<String, Integer> e : minLevels.entrySet()) {
            Hierarchy h = hierarchies.get(e.getKey());
            if (h == null) {
                throw new IllegalArgumentException("a lowest level is given for '" + e.getKey()
                        + "', which is not a quasi-identifier " + quasiIdentifiers);
            }
            int max = maxLevels.getOrDefault(e.getKey(), h.height() - 1);
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > max) {
                throw new IllegalArgumentException("the lowest level of '" + e.getKey() + "' must be from 0 to its "
                        + "highest level " + max + ". Provided value: " + e.getValue());
            }
        }
        minLevels = Collections.unmodifiableMap(new LinkedHashMap<>(minLevels));
        for (Map.Entry<String, Integer> e : maxLevels.entrySet()) {
            Hierarchy h = hierarchies.get(e.getKey());
            if (h == null) {
                throw new IllegalArgumentException("a level limit is given for '" + e.getKey()
                        + "', which is not a quasi-identifier " + quasiIdentifiers);
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() >= h.height()) {
                throw new IllegalArgumentException("the level limit of '" + e.getKey() + "' must be from 0 to "
                        + (h.height() - 1) + ". Provided value: " + e.getValue());
            }
        }
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!quasiIdentifiers.contains(e.getKey())) {
                throw new IllegalArgumentException("a weight is given for '" + e.getKey()
                        + "', which is not a quasi-identifier " + quasiIdentifiers);
            }
            if (e.getValue() == null || !(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("the weight of '" + e.getKey() + "' must be finite and > 0. "
                        + "Provided value: " + e.getValue());
            }
        }
        maxLevels = Collections.unmodifiableMap(new LinkedHashMap<>(maxLevels));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        if (!weights.isEmpty() && !(metric instanceof ca.hotlinetrends.anonymity.metric.GeneralisedLoss)) {
            throw new IllegalArgumentException(
                    "weights apply to the 'loss' metric only; the metric is '" + metric.name() + "'");
        }
    }

    /** The highest level the search may choose for each quasi-identifier, in order. */
    public int[] maxLevelsInOrder() {
        int[] out = new int[quasiIdentifiers.size()];
        for (int i = 0; i < out.length; i++) {
            String qi = quasiIdentifiers.get(i);
            out[i] = maxLevels.getOrDefault(qi, hierarchies.get(qi).height() - 1);
        }
        return out;
    }

    /** The lowest level the search may choose for each quasi-identifier, in order. */
    public int[] minLevelsInOrder() {
        int[] out = new int[quasiIdentifiers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = minLevels.getOrDefault(quasiIdentifiers.get(i), 0);
        }
        return out;
    }

    /** The weight of each quasi-identifier, in order (1 when none is given). */
    public List<Double> weightsInOrder() {
        List<Double> out = new ArrayList<>();
        for (String qi : quasiIdentifiers) {
            out.add(weights.getOrDefault(qi, 1.0));
        }
        return List.copyOf(out);
    }

    /** The metric the search minimises: the configured one, with the weights when any is given. */
    public InformationLossMetric weightedMetric() {
        return weights.isEmpty() ? metric : new ca.hotlinetrends.anonymity.metric.GeneralisedLoss(weightsInOrder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** k-anonymity, then the l-diversity model if any. */
    public List<PrivacyModel> privacyModels() {
        List<PrivacyModel> models = new ArrayList<>();
        models.add(new KAnonymity(k));
        lDiversity.ifPresent(l -> models.add(l.model()));
        return List.copyOf(models);
    }

    /** The hierarchies in quasi-identifier order. */
    public List<Hierarchy> hierarchiesInOrder() {
        List<Hierarchy> ordered = new ArrayList<>();
        for (String qi : quasiIdentifiers) {
            ordered.add(hierarchies.get(qi));
        }
        return List.copyOf(ordered);
    }

    /** The sensitive attribute of the l-diversity requirement, if any. */
    public Optional<String> sensitiveAttribute() {
        return lDiversity.map(LDiversityRequirement::sensitiveAttribute);
    }

    /** Collects the parameters; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {

        private List<String> quasiIdentifiers = List.of();
        private final Map<String, Hierarchy> hierarchies = new LinkedHashMap<>();
        private Integer k;
        private LDiversityRequirement lDiversity;
        private double suppressionLimit = DEFAULT_SUPPRESSION_LIMIT;
        private InformationLossMetric metric = InformationLossMetric.named(DEFAULT_METRIC);
        private double riskThreshold = DEFAULT_RISK_THRESHOLD;
        private final Map<String, Integer> maxLevels = new LinkedHashMap<>();
        private final Map<String, Integer> minLevels = new LinkedHashMap<>();
        private final Map<String, Double> weights = new LinkedHashMap<>();
        private boolean localSuppression;

        private Builder() {}

        /** The highest generalisation level the search may choose for {@code qi}. */
        public Builder maxLevel(String qi, int level) {
            maxLevels.put(qi, level);
            return this;
        }

        /** The lowest generalisation level the search may choose for {@code qi}. */
        public Builder minLevel(String qi, int level) {
            minLevels.put(qi, level);
            return this;
        }

        /** The weight of {@code qi} in the {@code loss} metric. */
        public Builder weight(String qi, double weight) {
            weights.put(qi, weight);
            return this;
        }

        /** Blank single values of failing classes before suppressing whole records. */
        public Builder localSuppression(boolean on) {
            this.localSuppression = on;
            return this;
        }

        public Builder quasiIdentifiers(List<String> names) {
            this.quasiIdentifiers = List.copyOf(names);
            return this;
        }

        public Builder quasiIdentifiers(String... names) {
            return quasiIdentifiers(List.of(names));
        }

        /** Adds a hierarchy, keyed by {@link Hierarchy#attribute()}; replaces one for the same attribute. */
        public Builder hierarchy(Hierarchy hierarchy) {
            hierarchies.put(hierarchy.attribute(), hierarchy);
            return this;
        }

        public Builder hierarchies(Collection<Hierarchy> all) {
            all.forEach(this::hierarchy);
            return this;
        }

        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** Requires l-diversity of {@code sensitiveAttribute}; {@code variant} is "distinct" or "entropy". */
        public Builder lDiversity(String sensitiveAttribute, int l, String variant) {
            return lDiversity(
                    new LDiversityRequirement(sensitiveAttribute, l, LDiversityRequirement.Variant.named(variant)));
        }

        public Builder lDiversity(LDiversityRequirement requirement) {
            this.lDiversity = Objects.requireNonNull(requirement, "requirement");
            return this;
        }

        public Builder suppressionLimit(double limit) {
            this.suppressionLimit = limit;
            return this;
        }

        /** The metric by name: "loss" or "discernibility". */
        public Builder metric(String name) {
            this.metric = InformationLossMetric.named(name);
            return this;
        }

        public Builder metric(InformationLossMetric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        public Builder riskThreshold(double threshold) {
            this.riskThreshold = threshold;
            return this;
        }

        public AnonymityConfig build() {
            if (k == null) {
                throw new IllegalArgumentException("k must be set (k-anonymity is always required, k >= 2)");
            }
            return new AnonymityConfig(
                    quasiIdentifiers,
                    hierarchies,
                    k,
                    Optional.ofNullable(lDiversity),
                    suppressionLimit,
                    metric,
                    riskThreshold,
                    maxLevels,
                    minLevels,
                    weights,
                    localSuppression);
        }
    }
}
