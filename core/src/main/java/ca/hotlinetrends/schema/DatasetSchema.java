package ca.hotlinetrends.schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An input dataset of a hotline export, loaded from {@code schemas/datasets/<dataset>.schema.json}.
 *
 * @param dataset dataset name ({@code contacts}, {@code victims})
 * @param version schema version; raise it whenever a field changes
 * @param description one line for the data dictionary
 * @param key the field that identifies a record within one export
 * @param dateField the date that places a record in a reference quarter
 * @param validFrom the earliest date a record may carry (the hotline's opening)
 * @param fields every field an export may name, in export order
 * @param derived columns ingest adds
 * @param anonymization how the record-level release is protected: utility limits per quasi-identifier, l-diversity,
 *     the attacker model (never null; empty when not declared)
 * @param researchWorkload the cross-counts by which the record-level release's utility is measured (may be empty)
 */
public record DatasetSchema(
        String dataset,
        int version,
        String description,
        String key,
        String dateField,
        LocalDate validFrom,
        List<FieldSpec> fields,
        List<DerivedField> derived,
        AnonymizationSpec anonymization,
        List<ResearchQuery> researchWorkload) {

    public DatasetSchema {
        Objects.requireNonNull(dataset, "dataset");
        if (version < 1) {
            throw new IllegalArgumentException(
                    "schema version must be >= 1 for " + dataset + ". Provided value: " + version);
        }
        fields = List.copyOf(fields);
        derived = derived == null ? List.of() : List.copyOf(derived);
        long distinct = fields.stream().map(FieldSpec::name).distinct().count();
        if (distinct != fields.size()) {
            throw new IllegalArgumentException("dataset " + dataset + " declares a field twice");
        }
        if (findField(fields, key).isEmpty()) {
            throw new IllegalArgumentException("key '" + key + "' of dataset " + dataset + " is not a field");
        }
        if (findField(fields, dateField).filter(f -> f.type() == FieldType.DATE).isEmpty()) {
            throw new IllegalArgumentException(
                    "date_field '" + dateField + "' of dataset " + dataset + " is not a date field");
        }
        Objects.requireNonNull(validFrom, "valid_from of " + dataset);
        anonymization = anonymization == null ? AnonymizationSpec.none() : anonymization;
        researchWorkload = researchWorkload == null ? List.of() : List.copyOf(researchWorkload);
        List<String> qis = new java.util.ArrayList<>();
        fields.stream()
                .filter(f -> f.role() == PrivacyRole.QUASI_IDENTIFIER)
                .map(FieldSpec::name)
                .forEach(qis::add);
        derived.stream()
                .filter(d -> d.role() == PrivacyRole.QUASI_IDENTIFIER)
                .map(DerivedField::name)
                .forEach(qis::add);
        for (String c : anonymization.quasiIdentifiers().keySet()) {
            if (!qis.contains(c)) {
                throw new IllegalArgumentException("dataset " + dataset + ": anonymization.quasi_identifiers names '"
                        + c + "', which is not a quasi-identifier " + qis);
            }
        }
        if (anonymization.lDiversity() != null) {
            String a = anonymization.lDiversity().attribute();
            if (findField(fields, a)
                    .filter(f -> f.role() == PrivacyRole.SENSITIVE)
                    .isEmpty()) {
                throw new IllegalArgumentException(
                        "dataset " + dataset + ": l_diversity.attribute '" + a + "' is not a sensitive field");
            }
        }
        for (ResearchQuery q : researchWorkload) {
            for (String c : q.columns().keySet()) {
                boolean known = findField(fields, c).filter(FieldSpec::isStaged).isPresent()
                        || derived.stream().anyMatch(d -> d.name().equals(c));
                if (!known) {
                    throw new IllegalArgumentException("dataset " + dataset + ": research query " + q.name()
                            + " counts '" + c + "', which is not a staged column");
                }
            }
        }
    }

    private static Optional<FieldSpec> findField(List<FieldSpec> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The field with this name. */
    public FieldSpec field(String name) {
        return findField(fields, name)
                .orElseThrow(() -> new IllegalArgumentException("dataset " + dataset + " has no field '" + name + "'"));
    }

    public boolean hasField(String name) {
        return findField(fields, name).isPresent();
    }

    /** Fields an export may carry (all but direct identifiers), in export order. */
    public List<FieldSpec> acceptedFields() {
        return fields.stream()
                .filter(f -> f.role() != PrivacyRole.DIRECT_IDENTIFIER)
                .toList();
    }

    /** Fields declared as direct identifiers: never ingested. */
    public List<FieldSpec> directIdentifiers() {
        return fields.stream()
                .filter(f -> f.role() == PrivacyRole.DIRECT_IDENTIFIER)
                .toList();
    }

    /** Staged columns in order: staged fields, then derived columns. */
    public List<String> stagedColumns() {
        List<String> staged = new java.util.ArrayList<>();
        fields.stream().filter(FieldSpec::isStaged).map(FieldSpec::name).forEach(staged::add);
        derived.stream().map(DerivedField::name).forEach(staged::add);
        return List.copyOf(staged);
    }

    /** Names of staged fields and derived columns with the given role. */
    public List<String> columnsWithRole(PrivacyRole role) {
        List<String> names = new java.util.ArrayList<>();
        fields.stream()
                .filter(FieldSpec::isStaged)
                .filter(f -> f.role() == role)
                .map(FieldSpec::name)
                .forEach(names::add);
        derived.stream().filter(d -> d.role() == role).map(DerivedField::name).forEach(names::add);
        return List.copyOf(names);
    }
}
