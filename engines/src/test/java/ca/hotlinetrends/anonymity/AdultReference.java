package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.schema.Hierarchy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Adult reference data in {@code examples/adult/} of the repository. Looked up from the
 * {@code hotline.projectRoot} system property (set by Maven) and from the working directory
 * ({@code jobs/} under Maven); a missing data set fails the test rather than skipping it.
 */
final class AdultReference {

    /** All nine attributes, in the order of the reference optima. */
    static final List<String> QUASI_IDENTIFIERS = List.of(
            "sex",
            "age",
            "race",
            "marital-status",
            "education",
            "native-country",
            "workclass",
            "occupation",
            "salary-class");

    private AdultReference() {}

    static Path directory() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("hotline.projectRoot");
        if (root != null) {
            candidates.add(Path.of(root, "examples", "adult"));
        }
        candidates.add(Path.of("..", "examples", "adult"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("adult.csv"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("Adult reference data not found; looked for adult.csv in "
                + candidates.stream()
                        .map(p -> p.toAbsolutePath().normalize().toString())
                        .toList());
    }

    static FrequencyTable table() {
        return FrequencyTableCsvReader.read(directory().resolve("adult.csv"), QUASI_IDENTIFIERS, null);
    }

    static List<Hierarchy> hierarchies() {
        Path dir = directory();
        List<Hierarchy> all = new ArrayList<>();
        for (String qi : QUASI_IDENTIFIERS) {
            all.add(Hierarchy.read(qi, dir.resolve("adult_hierarchy_" + qi + ".csv"), ';'));
        }
        return all;
    }
}
