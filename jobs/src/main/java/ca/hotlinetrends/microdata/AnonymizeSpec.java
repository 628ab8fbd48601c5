package ca.hotlinetrends.microdata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code anonymize --config FILE} job on any CSV or Parquet file: what to read, the quasi-identifiers and
 * their hierarchy files, the privacy models and the metric. Relative paths resolve against the current
 * directory (run the examples from the project root).
 *
 * @param input CSV or Parquet file
 * @param separator CSV field separator (default {@code ,})
 * @param quasiIdentifiers the quasi-identifiers, in order
 * @param hierarchies hierarchy file per quasi-identifier ({@code ;}-separated, ARX format)
 * @param sensitiveAttribute attribute for l-diversity, or null
 * @param k k of k-anonymity
 * @param l l of l-diversity, or null
 * @param lVariant {@code distinct} or {@code entropy}
 * @param suppressionLimit largest share of records that may be suppressed
 * @param metric {@code loss} or {@code discernibility}
 * @param maxLevels per quasi-identifier, the highest level the search may choose (a utility limit); absent: the top
 * @param minLevels per quasi-identifier, the lowest level the search may choose; absent: 0
 * @param weights per quasi-identifier, its weight in the {@code loss} metric; absent: 1
 * @param localSuppression blank single values of the records of failing classes before suppressing whole records
 *     (default false: the reference optima are for record suppression)
 */
public record AnonymizeSpec(
        String input,
        String separator,
        List<String> quasiIdentifiers,
        Map<String, String> hierarchies,
        String sensitiveAttribute,
        int k,
        Integer l,
        String lVariant,
        double suppressionLimit,
        String metric,
        Map<String, Integer> maxLevels,
        Map<String, Integer> minLevels,
        Map<String, Double> weights,
        Boolean localSuppression) {

    public AnonymizeSpec {
        Objects.requireNonNull(input, "input");
        separator = separator == null ? "," : separator;
        quasiIdentifiers = List.copyOf(Objects.requireNonNull(quasiIdentifiers, "quasi_identifiers"));
        hierarchies = Map.copyOf(Objects.requireNonNull(hierarchies, "hierarchies"));
        for (String qi : quasiIdentifiers) {
            if (!hierarchies.containsKey(qi)) {
                throw new IllegalArgumentException(
                        "quasi-identifier '" + qi + "' has no hierarchy file in 'hierarchies'");
            }
        }
        lVariant = lVariant == null ? "distinct" : lVariant;
        metric = metric == null ? "loss" : metric;
        maxLevels = maxLevels == null ? Map.of() : Map.copyOf(maxLevels);
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        minLevels = minLevels == null ? Map.of() : Map.copyOf(minLevels);
        for (String qi : minLevels.keySet()) {
            if (!quasiIdentifiers.contains(qi)) {
                throw new IllegalArgumentException("min_levels names '" + qi + "', which is not a quasi-identifier");
            }
        }
        localSuppression = localSuppression != null && localSuppression;
        for (String qi : maxLevels.keySet()) {
            if (!quasiIdentifiers.contains(qi)) {
                throw new IllegalArgumentException("max_levels names '" + qi + "', which is not a quasi-identifier");
            }
        }
        for (String qi : weights.keySet()) {
            if (!quasiIdentifiers.contains(qi)) {
                throw new IllegalArgumentException("weights names '" + qi + "', which is not a quasi-identifier");
            }
        }
        if (l != null && sensitiveAttribute == null) {
            throw new IllegalArgumentException("l is set but sensitive_attribute is not");
        }
    }

    public static AnonymizeSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("anonymize config does not exist: " + file);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(file.toFile(), AnonymizeSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "invalid anonymize config " + file + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
