package ca.hotlinetrends.schema;

/**
 * A research utility constraint on one quasi-identifier of a record-level release, declared with its field in
 * {@code schemas/datasets/} (under {@code anonymization}) and overridable per run in {@code --config}
 * ({@code privacy.quasi_identifiers.<dataset>.<column>}).
 *
 * @param maxLevel the highest level of the column's hierarchy the release may generalise it to (0 keeps the value;
 *     values may still be blanked one by one by local suppression), or null for the hierarchy's top
 * @param minLevel the lowest level the release may leave it at (a disclosure constraint: the column is always
 *     generalised at least this far), or null for 0
 * @param weight the column's weight in the information-loss metric (how much research needs it), or null for 1
 * @param reason why, in one line, for the documentation and {@code anonymization.json}
 */
public record QuasiIdentifierLimit(Integer maxLevel, Integer minLevel, Double weight, String reason) {

    public QuasiIdentifierLimit {
        if (maxLevel != null && maxLevel < 0) {
            throw new IllegalArgumentException("max_level must be >= 0. Provided value: " + maxLevel);
        }
        if (minLevel != null && (minLevel < 0 || maxLevel != null && minLevel > maxLevel)) {
            throw new IllegalArgumentException("min_level must be from 0 to max_level. Provided value: " + minLevel);
        }
        if (weight != null && (!(weight > 0) || weight.isInfinite())) {
            throw new IllegalArgumentException("weight must be finite and > 0. Provided value: " + weight);
        }
    }

    /** This limit with the values {@code override} sets replacing its own. */
    public QuasiIdentifierLimit overriddenBy(QuasiIdentifierLimit override) {
        if (override == null) {
            return this;
        }
        return new QuasiIdentifierLimit(
                override.maxLevel != null ? override.maxLevel : maxLevel,
                override.minLevel != null ? override.minLevel : minLevel,
                override.weight != null ? override.weight : weight,
                override.reason != null ? override.reason : reason);
    }
}
