package ca.hotlinetrends.anonymity.metric;

/**
 * Generalised information loss (Iyengar, "Transforming data to satisfy privacy constraints",
 * KDD 2002, the "LM" metric for categorical attributes; ARX's "Loss"): a record whose value of
 * quasi-identifier {@code i} is generalised to {@code v} costs {@code (leaves(v) - 1) / (L_i - 1)},
 * {@code leaves(v)} the number of hierarchy leaves under {@code v} and {@code L_i} the number of
 * leaves of the hierarchy (the term is 0 when {@code L_i = 1}); a suppressed record costs 1 for
 * every quasi-identifier. The value is the mean over all records and quasi-identifiers, in [0, 1].
 *
 * <p>Bound: a suppressed record costs at least what it would cost published, so the loss of a
 * node is at least its loss with nothing suppressed, which depends only on the levels and grows
 * with each of them. Going down from an evaluated node {@code G} to a specialisation {@code N}
 * (when suppression is monotone, so the records suppressed at {@code G} are suppressed at
 * {@code N}): each such record costs 1 per attribute at {@code N} instead of its generalisation
 * cost at {@code N}, which is at most its cost at {@code G}. Hence
 * {@code loss(N) >= bound(N) + (suppressed(G) * q - S(G)) / (|D| * q)}, {@code S(G)} the
 * generalisation cost at {@code G} of the records suppressed there.
 */
public record GeneralisedLoss() implements InformationLossMetric {

    /** Configuration name. */
    public static final String NAME = "loss";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double value(NodeStatistics node) {
        GeneralisationStatistics g = node.generalisation();
        int q = g.quasiIdentifierCount();
        double sum = 0.0;
        for (int i = 0; i < q; i++) {
            if (g.leafCount(i) > 1) {
                sum += (double) node.publishedLeafExcess(i) / (g.leafCount(i) - 1);
            }
        }
        sum += (double) node.suppressedRecords() * q;
        return sum / ((double) g.totalRecords() * q);
    }

    @Override
    public double boundBeforeEvaluation(GeneralisationStatistics g) {
        int q = g.quasiIdentifierCount();
        double sum = 0.0;
        for (int i = 0; i < q; i++) {
            if (g.leafCount(i) > 1) {
                sum += (double) g.leafExcess(i) / (g.leafCount(i) - 1);
            }
        }
        return sum / ((double) g.totalRecords() * q);
    }

    @Override
    public double specialisationCredit(NodeStatistics node) {
        GeneralisationStatistics g = node.generalisation();
        int q = g.quasiIdentifierCount();
        double suppressedCost = 0.0;
        for (int i = 0; i < q; i++) {
            if (g.leafCount(i) > 1) {
                suppressedCost += (double) (g.leafExcess(i) - node.publishedLeafExcess(i)) / (g.leafCount(i) - 1);
            }
        }
        double credit = ((double) node.suppressedRecords() * q - suppressedCost) / ((double) g.totalRecords() * q);
        return Math.max(0.0, credit);
    }
}
