package ca.hotlinetrends.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One query of a dataset's research workload (declared in {@code schemas/datasets/}, under {@code
 * research_workload}): a cross-count researchers are expected to run on the record-level release, by which each
 * release's utility is measured.
 *
 * @param name short name, e.g. {@code year_by_form}
 * @param description one line
 * @param columns the columns counted, each with the hierarchy level it is counted at (0 for the recorded value; a
 *     column without a hierarchy must be at level 0), in order
 */
public record ResearchQuery(String name, String description, Map<String, Integer> columns) {

    public ResearchQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description of " + name);
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("research query " + name + " counts no column");
        }
        columns.forEach((c, level) -> {
            if (level == null || level < 0) {
                throw new IllegalArgumentException("research query " + name + ": the level of " + c + " must be >= 0");
            }
        });
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
