package ca.hotlinetrends.anonymity;

import java.util.List;
import java.util.Objects;

/**
 * One equivalence class at the chosen node: the generalised quasi-identifier values its records
 * share, its number of records, and whether the whole class is suppressed (it fails a privacy
 * model).
 *
 * @param values generalised values, in quasi-identifier order
 * @param size records in the class, {@code >= 1}
 * @param suppressed true when every record of the class is removed from the release
 */
public record EquivalenceClass(List<String> values, long size, boolean suppressed) {

    public EquivalenceClass {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        Checks.atLeast("class size", size, 1);
    }
}
