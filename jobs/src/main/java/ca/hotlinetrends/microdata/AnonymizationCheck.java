package ca.hotlinetrends.microdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.publish.PrivacyCheckException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The independent check before a record-level release is written: recomputes the equivalence classes of the
 * output itself, from scratch and without the engine, and refuses to publish when any class is smaller than k
 * or, when l-diversity is required, has fewer than l distinct sensitive values (distinct l-diversity) or an
 * entropy below log(l) (entropy l-diversity).
 */
public final class AnonymizationCheck {

    /** What the check found: records, classes, the smallest class and the least diverse class. */
    public record Outcome(
            long records, long classes, long smallestClass, long leastDistinctSensitive, double lowestEntropy) {}

    private AnonymizationCheck() {}

    /**
     * The check from the class sizes of an output (each combination of quasi-identifier values as found in the
     * output, with its records): refuses a class below k.
     */
    public static Outcome verify(Map<List<String>, Long> classSizes, int k) {
        long smallest = Long.MAX_VALUE;
        long records = 0;
        for (long n : classSizes.values()) {
            records += n;
            smallest = Math.min(smallest, n);
        }
        if (!classSizes.isEmpty() && smallest < k) {
            throw new PrivacyCheckException(
                    "the output has an equivalence class of " + smallest + " records, below k = " + k);
        }
        return new Outcome(
                records, classSizes.size(), classSizes.isEmpty() ? 0 : smallest, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The l-diversity part of the check from each class's sensitive value counts (as found in the output): refuses
     * a class with fewer than {@code l} distinct values ({@code distinct}) or an entropy below {@code log(l)}
     * ({@code entropy}).
     */
    public static void verifyDiversity(
            Map<List<String>, Map<String, Long>> sensitiveByClass, int l, String variant, String sensitive) {
        for (Map<String, Long> counts : sensitiveByClass.values()) {
            long n = counts.values().stream().mapToLong(Long::longValue).sum();
            double h = 0;
            for (long c : counts.values()) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
            boolean fails = "entropy".equals(variant) ? h < Math.log(l) - 1e-12 : counts.size() < l;
            if (fails) {
                throw new PrivacyCheckException("the output has an equivalence class that is not " + variant + " " + l
                        + "-diverse in " + sensitive);
            }
        }
    }

    public static Outcome verify(
            Dataset<Row> output, List<String> quasiIdentifiers, int k, String sensitive, Integer l, String lVariant) {
        List<Column> keys = new ArrayList<>();
        quasiIdentifiers.forEach(q -> keys.add(col(q)));
        long smallest = Long.MAX_VALUE;
        long classes = 0;
        long records = 0;
        long leastDistinct = Long.MAX_VALUE;
        double lowestEntropy = Double.POSITIVE_INFINITY;
        if (sensitive == null) {
            for (Row r : output.groupBy(keys.toArray(Column[]::new))
                    .agg(count(lit(1)).as("n"))
                    .select("n")
                    .collectAsList()) {
                classes++;
                records += r.getLong(0);
                smallest = Math.min(smallest, r.getLong(0));
            }
        } else {
            List<Column> withSensitive = new ArrayList<>(keys);
            withSensitive.add(col(sensitive)
                    .cast(org.apache.spark.sql.types.DataTypes.StringType)
                    .as("_s"));
            Map<List<Object>, List<Long>> byClass = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
            for (Row r : output.groupBy(withSensitive.toArray(Column[]::new))
                    .agg(count(lit(1)).as("n"))
                    .collectAsList()) {
                List<Object> key = new ArrayList<>();
                for (int i = 0; i < quasiIdentifiers.size(); i++) {
                    key.add(r.get(i));
                }
                byClass.computeIfAbsent(key, x -> new ArrayList<>()).add(r.getLong(quasiIdentifiers.size() + 1));
            }
            for (List<Long> counts : byClass.values()) {
                classes++;
                long n = counts.stream().mapToLong(Long::longValue).sum();
                records += n;
                smallest = Math.min(smallest, n);
                leastDistinct = Math.min(leastDistinct, counts.size());
                double h = 0;
                for (long c : counts) {
                    double p = (double) c / n;
                    h -= p * Math.log(p);
                }
                lowestEntropy = Math.min(lowestEntropy, h);
            }
        }
        if (classes > 0 && smallest < k) {
            throw new PrivacyCheckException(
                    "the output has an equivalence class of " + smallest + " records, below k = " + k);
        }
        if (l != null && classes > 0) {
            if ("entropy".equals(lVariant) ? lowestEntropy < Math.log(l) - 1e-12 : leastDistinct < l) {
                throw new PrivacyCheckException("the output has an equivalence class that is not " + lVariant + " " + l
                        + "-diverse in " + sensitive);
            }
        }
        return new Outcome(
                records,
                classes,
                classes == 0 ? 0 : smallest,
                leastDistinct == Long.MAX_VALUE ? 0 : leastDistinct,
                lowestEntropy);
    }
}
