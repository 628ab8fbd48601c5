package ca.hotlinetrends.trends.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg adjustment of a family of p-values, controlling the false discovery rate
 * (Benjamini, Y. and Hochberg, Y. (1995) "Controlling the false discovery rate: a practical and
 * powerful approach to multiple testing", JRSS B 57(1):289-300).
 *
 * <p>With {@code m} p-values and {@code p(i)} the {@code i}-th smallest, the adjusted value of
 * {@code p(i)} is {@code min(1, min over j >= i of m p(j) / j)}, exactly as R's
 * {@code p.adjust(p, method = "BH")}. A hypothesis is flagged at level {@code q} when its adjusted
 * p-value is {@code <= q}, which is the step-up rule of the paper (reject {@code H(1..k)} for the
 * largest {@code k} with {@code p(k) <= k q / m}). Adjusted values keep the order of the input.
 * The procedure assumes independent or positively dependent tests.
 *
 * <p>Immutable and thread-safe; arrays going in and out are copied. An empty family is allowed.
 */
public final class BenjaminiHochberg {

    /** Default false discovery rate at which hypotheses are flagged. */
    public static final double DEFAULT_LEVEL = 0.05;

    private final double[] pValues;
    private final double[] adjusted;

    private BenjaminiHochberg(double[] pValues, double[] adjusted) {
        this.pValues = pValues;
        this.adjusted = adjusted;
    }

    /**
     * Adjusts a family of p-values.
     *
     * @param pValues raw p-values, each in [0, 1] (NaN is rejected: drop untested hypotheses
     *     before adjusting, as R does, so that they do not count in the family size)
     */
    public static BenjaminiHochberg adjust(double... pValues) {
        if (pValues == null) {
            throw new IllegalArgumentException("p-values must not be null");
        }
        double[] raw = pValues.clone();
        for (int i = 0; i < raw.length; i++) {
            Checks.probability("p-value at index " + i, raw[i]);
        }
        int m = raw.length;
        // Indices by decreasing p-value; the sort is stable, as R's order() is.
        Integer[] byDecreasing = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(
                byDecreasing, Comparator.comparingDouble((Integer i) -> raw[i]).reversed());
        double[] adjusted = new double[m];
        double runningMin = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            int rank = m - k;
            int index = byDecreasing[k];
            runningMin = Math.min(runningMin, (double) m / rank * raw[index]);
            adjusted[index] = Math.min(1.0, runningMin);
        }
        return new BenjaminiHochberg(raw, adjusted);
    }

    /** Number of hypotheses in the family. */
    public int size() {
        return pValues.length;
    }

    /** The raw p-values, in input order (a copy). */
    public double[] pValues() {
        return pValues.clone();
    }

    /** The BH-adjusted p-values, in input order (a copy). */
    public double[] adjustedPValues() {
        return adjusted.clone();
    }

    /** The BH-adjusted p-value of the hypothesis at {@code index} in the input. */
    public double adjustedPValue(int index) {
        return adjusted[index];
    }

    /** Flags, in input order, of hypotheses significant at the {@linkplain #DEFAULT_LEVEL default} FDR. */
    public boolean[] significant() {
        return significant(DEFAULT_LEVEL);
    }

    /** Flags, in input order, of hypotheses whose adjusted p-value is {@code <= level}; level in (0, 1). */
    public boolean[] significant(double level) {
        Checks.significanceLevel(level);
        boolean[] flags = new boolean[adjusted.length];
        for (int i = 0; i < adjusted.length; i++) {
            flags[i] = adjusted[i] <= level;
        }
        return flags;
    }

    @Override
    public String toString() {
        return "BenjaminiHochberg[adjusted=" + Arrays.toString(adjusted) + "]";
    }
}
