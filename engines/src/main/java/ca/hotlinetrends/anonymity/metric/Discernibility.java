package ca.hotlinetrends.anonymity.metric;

/**
 * Discernibility metric (Bayardo and Agrawal, "Data Privacy through Optimal k-Anonymization",
 * ICDE 2005): each record of a published equivalence class {@code E} costs {@code |E|}, each
 * suppressed record costs {@code |D|}, the number of records in the data. The value is the sum
 * over all records: {@code sum_E |E|^2 + |D| * suppressed}.
 *
 * <p>Bounds: before evaluation, every record costs at least {@code min(m, |D|)}, {@code m} the
 * minimum class size of the privacy models (a published class has at least {@code m} records, a
 * suppressed record costs {@code |D|}). Going down to a
 * specialisation (when suppression is monotone), the {@code s} records suppressed at the node
 * stay suppressed, each costing {@code |D|} instead of at least {@code min(m, |D|)}: a credit of
 * {@code s * (|D| - min(m, |D|))} over the bound before evaluation.
 */
public record Discernibility() implements InformationLossMetric {

    /** Configuration name. */
    public static final String NAME = "discernibility";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(NodeStatistics node) {
        return (double) (node.publishedSquaredSizes() + node.suppressedRecords() * node.totalRecords());
    }

    @Override
    public double boundBeforeEvaluation(GeneralisationStatistics g) {
        return (double) g.totalRecords() * Math.min(g.minimumClassSize(), g.totalRecords());
    }

    @Override
    public double specialisationCredit(NodeStatistics node) {
        long n = node.totalRecords();
        return (double) node.suppressedRecords()
                * (n - Math.min(node.generalisation().minimumClassSize(), n));
    }
}
