package ca.hotlinetrends.anonymity.metric;

import java.util.List;
import java.util.Locale;

/**
 * An information-loss metric over full-domain generalisation with record suppression; lower is
 * better. Besides the value of an evaluated node, each metric provides the two lower bounds the
 * search prunes with. Neither metric is monotone with suppression (generalising can publish
 * records that were suppressed, which lowers their cost), so the search never prunes on the
 * value itself, only on these bounds.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface InformationLossMetric permits Discernibility, GeneralisedLoss {

    /** The configuration name of the metric. */
    String name();

    /** The metric's value at an evaluated node. */
    double value(NodeStatistics node);

    /**
     * A lower bound on {@link #value} at this node and at every generalisation of it, from the
     * generalisation-only statistics. Must not decrease when a level increases.
     */
    double boundBeforeEvaluation(GeneralisationStatistics node);

    /**
     * A credit {@code c >= 0} such that every specialisation {@code N} of this evaluated node
     * (including itself) has {@code value(N) >= boundBeforeEvaluation(N) + c}, provided every
     * record suppressed here is also suppressed at {@code N}. That proviso holds when the privacy
     * models are monotone with suppression (see
     * {@link ca.hotlinetrends.anonymity.criteria.PrivacyModel#isMonotoneWithSuppression()}), and
     * the search uses the credit only then.
     */
    double specialisationCredit(NodeStatistics node);

    /** The names {@link #named} accepts. */
    static List<String> names() {
        return List.of(GeneralisedLoss.NAME, Discernibility.NAME);
    }

    /**
     * The metric with this configuration name ({@code loss} or {@code discernibility}, case
     * insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    static InformationLossMetric named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case GeneralisedLoss.NAME:
                return new GeneralisedLoss();
            case Discernibility.NAME:
                return new Discernibility();
            default:
                throw new IllegalArgumentException(
                        "metric must be one of " + names() + ". Provided value: '" + name + "'");
        }
    }
}
