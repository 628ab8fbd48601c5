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
 */
public record AnonymityConfig(
        List<String> quasiIdentifiers,
        Map<String, Hierarchy> hierarchies,
        int k,
        Optional<LDiversityRequirement> lDiversity,
        double suppressionLimit,
        InformationLossMetric metric,
        double riskThreshold) {

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
            throw new IllegalArgumentException("quasi-identifiers must be distinct. Provided value: " + quasiIdentifiers);
        }
        Objects.requireNonNull(hierarchies, "hierarchies");
        Map<String, Hierarchy> kept = new LinkedHashMap<>();
        for (String qi : quasiIdentifiers) {
            Hierarchy h = hierarchies.get(qi);
            if (h == null) {
                throw new IllegalArgumentException("quasi-identifier '" + qi + "' has no hierarchy; hierarchies given for "
                        + hierarchies.keySet());
            }
            if (!h.attribute().equals(qi)) {
                throw new IllegalArgumentException("the hierarchy given for '" + qi + "' is for attribute '"
                        + h.attribute() + "'");
            }
            kept.put(qi, h);
        }
        hierarchies = Collections.unmodifiableMap(kept);
        Checks.atLeast("k", k, 2);
        Objects.requireNonNull(lDiversity, "lDiversity");
        if (lDiversity.isPresent() && quasiIdentifiers.contains(lDiversity.get().sensitiveAttribute())) {
            throw new IllegalArgumentException("the sensitive attribute must not be a quasi-identifier. Provided value: "
                    + lDiversity.get().sensitiveAttribute());
        }
        Checks.fractionBelowOne("suppression limit", suppressionLimit);
        Objects.requireNonNull(metric, "metric");
        Checks.positiveProbability("risk threshold", riskThreshold);
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

        private Builder() {
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
            return lDiversity(new LDiversityRequirement(sensitiveAttribute, l, LDiversityRequirement.Variant.named(variant)));
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
            return new AnonymityConfig(quasiIdentifiers, hierarchies, k, Optional.ofNullable(lDiversity),
                    suppressionLimit, metric, riskThreshold);
        }
    }
}
