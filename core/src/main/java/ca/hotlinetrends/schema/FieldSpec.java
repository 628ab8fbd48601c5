package ca.hotlinetrends.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of an input dataset, as declared in {@code schemas/datasets/<dataset>.schema.json}.
 *
 * @param name canonical column name (snake_case)
 * @param type logical type
 * @param nullable whether an empty value is allowed
 * @param role privacy role
 * @param description one line for the data dictionary
 * @param exportHeader the column header a hotline case-management export uses by default
 * @param codes name of the code list under {@code schemas/codes/} the values must come from, or null
 * @param staged false for fields that ingest reduces (exact dates) and never writes; null means true
 */
public record FieldSpec(
        String name,
        FieldType type,
        boolean nullable,
        PrivacyRole role,
        String description,
        String exportHeader,
        String codes,
        Boolean staged) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("field names must be snake_case. Provided value: " + name);
        }
        Objects.requireNonNull(type, "type of " + name);
        Objects.requireNonNull(role, "role of " + name);
        Objects.requireNonNull(description, "description of " + name);
        Objects.requireNonNull(exportHeader, "export_header of " + name);
        staged = staged == null ? Boolean.TRUE : staged;
    }

    public Optional<String> codeList() {
        return Optional.ofNullable(codes);
    }

    /** True when ingest writes this field to staged data. Direct identifiers are never staged. */
    public boolean isStaged() {
        return staged && role != PrivacyRole.DIRECT_IDENTIFIER;
    }
}
