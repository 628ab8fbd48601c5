package ca.hotlinetrends.schema;

import java.util.Objects;

/**
 * A column that ingest derives from another field (e.g. {@code reference_quarter} from a date).
 *
 * @param name canonical column name
 * @param type logical type
 * @param nullable whether it may be empty
 * @param role privacy role
 * @param from the source field
 * @param description one line for the data dictionary
 */
public record DerivedField(
        String name, FieldType type, boolean nullable, PrivacyRole role, String from, String description) {

    public DerivedField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of " + name);
        Objects.requireNonNull(role, "role of " + name);
        Objects.requireNonNull(from, "from of " + name);
        Objects.requireNonNull(description, "description of " + name);
    }
}
