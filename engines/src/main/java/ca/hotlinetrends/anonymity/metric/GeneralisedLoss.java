package ca.hotlinetrends.anonymity.metric;

import java.util.List;

/**
 * Generalised information loss (Iyengar, "Transforming data to satisfy privacy constraints",
 * KDD 2002, the "LM" metric for categorical attributes; ARX's "Loss"), optionally weighted per
 * quasi-identifier: a record whose value of quasi-identifier {@code i} is generalised to {@code v}
 * costs {@code (leaves(v) - 1) / (L_i - 1)}, {@code leaves(v)} the number of hierarchy leaves
 * under {@code v} and {@code L_i} the number of leaves of the hierarchy (the term is 0 when
 * {@code L_i = 1}); a value blanked by local suppression, and every value of a suppressed record,
 * costs 1. The value is the weighted mean {@code sum_i w_i * cost_i / (|D| * sum_i w_i)} over all
 * records, with {@code cost_i} the sum of quasi-identifier {@code i}'s costs over the records, in
 * [0, 1]. Without weights every {@code w_i} is 1 (the unweighted metric).
 *
 * <p>Bound: a suppressed record or a blanked value costs at least what it would cost published as
 * generalised, so the loss of a node is at least its loss with nothing suppressed, which depends
 * only on the levels and grows with each of them. Going down from an evaluated node {@code G} to
 * a specialisation {@code N} (when suppression is monotone, so the records suppressed at {@code G}
 * are suppressed at {@code N}): each such record costs {@code sum_i w_i} at {@code N} instead of
 * its weighted generalisation cost at {@code N}, which is at most its cost at {@code G}. Hence
 * {@code loss(N) >= bound(N) + (suppressed(G) * W - S(G)) / (|D| * W)}, {@code W = sum_i w_i} and
 * {@code S(G)} the weighted generalisation cost at {@code G} of the records suppressed there.
 *
 * @param weights one weight {@code > 0} per quasi-identifier, in order, or empty for equal weights
 */
public record GeneralisedLoss(List<Double> weights) implements InformationLossMetric {

    /** Configuration name. */
    public static final String NAME = "loss";

    public GeneralisedLoss {
        weights = List.copyOf(weights);
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and > 0. Provided: " + weights);
            }
        }
    }

    /** Equal weights. */
    public GeneralisedLoss() {
        this(List.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    private double weight(int qi, int q) {
        if (weights.isEmpty()) {
            return 1.0;
        }
        if (weights.size() != q) {
            throw new IllegalArgumentException(
                    "one weight per quasi-identifier (" + q + ") is needed. Provided: " + weights.size());
        }
        return weights.get(qi);
    }

    private double weightSum(int q) {
        double sum = 0.0;
        for (int i = 0; i < q; i++) {
            sum += weight(i, q);
        }
        return sum;
    }

    @Override
    public double value(NodeStatistics node) {
        GeneralisationStatistics g = node.generalisation();
        int q = g.quasiIdentifierCount();
        double sum = 0.0;
        for (int i = 0; i < q; i++) {
            if (g.leafCount(i) > 1) {
                sum += weight(i, q) * node.publishedLeafExcess(i) / (g.leafCount(i) - 1);
            }
        }
        double total = weightSum(q);
        sum += (double) node.suppressedRecords() * total;
        return sum / ((double) g.totalRecords() * total);
    }

    @Override
    public double boundBeforeEvaluation(GeneralisationStatistics g) {
        int q = g.quasiIdentifierCount();
        double sum = 0.0;
        for (int i = 0; i < q; i++) {
            if (g.leafCount(i) > 1) {
                sum += weight(i, q) * g.leafExcess(i) / (g.leafCount(i) - 1);
            }
        }
        return sum / ((double) g.totalRecords() * weightSum(q));
    }

    @Override
    public double specialisationCredit(NodeStatistics node) {
        GeneralisationStatistics g = node.generalisation();
        int q = g.quasiIdentifierCount();
        double suppressedCost = 0.0;
        for (int i = 0; i < q; i++) {
            if (g.leafCount(i) > 1) {
                suppressedCost += weight(i, q) * (g.leafExcess(i) - node.publishedLeafExcess(i)) / (g.leafCount(i) - 1);
            }
        }
        double total = weightSum(q);
        double credit =
                ((double) node.suppressedRecords() * total - suppressedCost) / ((double) g.totalRecords() * total);
        return Math.max(0.0, credit);
    }
}
