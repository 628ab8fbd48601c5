package ca.hotlinetrends.schema;

import java.util.List;
import java.util.Map;

/**
 * How a dataset's record-level release is protected beyond its fields' roles, declared in {@code
 * schemas/datasets/<dataset>.schema.json} under {@code anonymization}.
 *
 * @param attacker who is assumed to know the quasi-identifiers, in one paragraph (published in {@code
 *     anonymization.json})
 * @param quasiIdentifiers the utility constraint of each quasi-identifier (absent ones are unconstrained, weight 1)
 * @param lDiversity the l-diversity required of every class, or null
 */
public record AnonymizationSpec(
        String attacker, Map<String, QuasiIdentifierLimit> quasiIdentifiers, LDiversitySpec lDiversity) {

    public AnonymizationSpec {
        quasiIdentifiers = quasiIdentifiers == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(quasiIdentifiers));
    }

    /** No constraint at all. */
    public static AnonymizationSpec none() {
        return new AnonymizationSpec(null, Map.of(), null);
    }

    /** The limit of a quasi-identifier (an empty limit when none is declared). */
    public QuasiIdentifierLimit limit(String column) {
        return quasiIdentifiers.getOrDefault(column, new QuasiIdentifierLimit(null, null, null, null));
    }

    /** The constrained columns, in declaration order. */
    public List<String> constrained() {
        return List.copyOf(quasiIdentifiers.keySet());
    }
}
