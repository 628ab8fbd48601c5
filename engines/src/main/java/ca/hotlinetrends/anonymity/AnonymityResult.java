package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.anonymity.risk.ProsecutorRisk;
import java.util.List;
import java.util.Objects;

/**
 * The globally optimal full-domain generalisation found by {@link Anonymizer#anonymize}.
 *
 * @param quasiIdentifiers attribute names, in the order of {@code levels} and of class values
 * @param levels chosen generalisation level per quasi-identifier (0 = original values)
 * @param totalRecords records in the data
 * @param suppressedRecords records removed because their class fails a privacy model
 * @param metric name of the minimised metric ("loss" or "discernibility")
 * @param metricValue its value at the chosen node
 * @param latticeSize number of nodes in the generalisation lattice
 * @param nodesEvaluated nodes whose data was grouped during the search (the rest were tagged or
 *     bounded away)
 * @param classes every equivalence class at the chosen node, published and suppressed
 * @param riskBefore prosecutor risk of the original data (classes = distinct combinations)
 * @param riskAfter prosecutor risk of the release (published classes only)
 * @param recoding applies the result to a record
 * @param blankedValues per quasi-identifier, the values blanked by local suppression (records of
 *     published classes whose value of that attribute is {@code *} though its level is below the
 *     top); all zero without local suppression
 */
public record AnonymityResult(
        List<String> quasiIdentifiers,
        List<Integer> levels,
        long totalRecords,
        long suppressedRecords,
        String metric,
        double metricValue,
        int latticeSize,
        int nodesEvaluated,
        List<EquivalenceClass> classes,
        ProsecutorRisk riskBefore,
        ProsecutorRisk riskAfter,
        Recoding recoding,
        List<Long> blankedValues) {

    public AnonymityResult {
        quasiIdentifiers = List.copyOf(quasiIdentifiers);
        levels = List.copyOf(levels);
        if (levels.size() != quasiIdentifiers.size()) {
            throw new IllegalArgumentException("one level per quasi-identifier (" + quasiIdentifiers.size()
                    + ") is needed. Provided: " + levels.size());
        }
        Checks.atLeast("total records", totalRecords, 1);
        Checks.atLeast("suppressed records", suppressedRecords, 0);
        if (suppressedRecords > totalRecords) {
            throw new IllegalArgumentException("suppressed records must be <= total records " + totalRecords
                    + ". Provided value: " + suppressedRecords);
        }
        Objects.requireNonNull(metric, "metric");
        Checks.nonNegativeFinite("metric value", metricValue);
        Checks.atLeast("lattice size", latticeSize, 1);
        Checks.atLeast("nodes evaluated", nodesEvaluated, 1);
        if (nodesEvaluated > latticeSize) {
            throw new IllegalArgumentException(
                    "nodes evaluated must be <= lattice size " + latticeSize + ". Provided value: " + nodesEvaluated);
        }
        classes = List.copyOf(classes);
        long all = 0;
        long suppressed = 0;
        for (EquivalenceClass c : classes) {
            all += c.size();
            suppressed += c.suppressed() ? c.size() : 0;
        }
        if (all != totalRecords || suppressed != suppressedRecords) {
            throw new IllegalArgumentException(
                    "classes must add up to " + totalRecords + " records with " + suppressedRecords
                            + " suppressed. Provided: " + all + " records with " + suppressed + " suppressed");
        }
        Objects.requireNonNull(riskBefore, "riskBefore");
        Objects.requireNonNull(riskAfter, "riskAfter");
        Objects.requireNonNull(recoding, "recoding");
        blankedValues = List.copyOf(blankedValues);
        if (blankedValues.size() != quasiIdentifiers.size()) {
            throw new IllegalArgumentException("one blanked-value count per quasi-identifier is needed");
        }
    }

    /** All values blanked by local suppression. */
    public long totalBlankedValues() {
        return blankedValues.stream().mapToLong(Long::longValue).sum();
    }

    /** The published classes only. */
    public List<EquivalenceClass> publishedClasses() {
        return classes.stream().filter(c -> !c.suppressed()).toList();
    }

    /** {@code totalRecords - suppressedRecords}. */
    public long publishedRecords() {
        return totalRecords - suppressedRecords;
    }

    /** {@code suppressedRecords / totalRecords}. */
    public double suppressedShare() {
        return (double) suppressedRecords / totalRecords;
    }

    /** The chosen level of quasi-identifier {@code name}. */
    public int level(String name) {
        int i = quasiIdentifiers.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "not a quasi-identifier: '" + name + "'; quasi-identifiers: " + quasiIdentifiers);
        }
        return levels.get(i);
    }

    /** Same as {@code recoding().apply(qiValues)}: generalised values, or null when suppressed. */
    public String[] apply(String... qiValues) {
        return recoding.apply(qiValues);
    }
}
