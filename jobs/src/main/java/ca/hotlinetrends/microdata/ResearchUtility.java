package ca.hotlinetrends.microdata;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.Hierarchy;
import ca.hotlinetrends.schema.ResearchQuery;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What researchers can compute from a record-level release: each query of the dataset's research workload
 * ({@code research_workload} in {@code schemas/datasets/}) counted from the release and from the staged records it
 * was made from. Aggregates only: no record value leaves this class.
 *
 * <p>For a query, a released record is <em>usable</em> when each of the query's columns is published at the
 * query's level or finer (not blanked, not generalised beyond it); its value is then generalised up to the query's
 * level. Per query: the share of all records (staged, up to the release) that are usable; the total variation
 * distance between the distribution of the true counts and that of the usable records' counts ({@code 0.5 * sum
 * |p - q|}, 0 when the release answers the query exactly up to scale, 1 when no record is usable); and the largest
 * relative error {@code |released - true| / true} over the cells with a true count of at least {@value #MIN_CELL}.
 */
public final class ResearchUtility {

    /** Cells smaller than this are left out of the largest relative error (noise, not research). */
    public static final long MIN_CELL = 20;

    /** The utility of one query. */
    public record QueryUtility(
            String name,
            String description,
            double usableShare,
            double totalVariationDistance,
            double largestRelativeError,
            int cellsOfAtLeast20) {}

    /** The utility of every query of a dataset's workload. */
    public record Report(String dataset, List<QueryUtility> queries) {}

    private ResearchUtility() {}

    /**
     * @param columns the columns both count maps are keyed by, in order
     * @param truth the staged records up to the release, counted over {@code columns}
     * @param released the released records, counted over {@code columns} (as read back from the written files)
     */
    public static Report measure(
            DatasetSchema schema,
            SchemaRegistry schemas,
            List<String> columns,
            Map<List<String>, Long> truth,
            Map<List<String>, Long> released) {
        List<QueryUtility> out = new ArrayList<>();
        for (ResearchQuery q : schema.researchWorkload()) {
            out.add(measure(q, schemas, columns, truth, released));
        }
        return new Report(schema.dataset(), List.copyOf(out));
    }

    static QueryUtility measure(
            ResearchQuery q,
            SchemaRegistry schemas,
            List<String> columns,
            Map<List<String>, Long> truth,
            Map<List<String>, Long> released) {
        List<String> names = List.copyOf(q.columns().keySet());
        int[] at = new int[names.size()];
        Hierarchy[] hierarchies = new Hierarchy[names.size()];
        int[] levels = new int[names.size()];
        List<Map<String, String>> lift = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            at[i] = columns.indexOf(names.get(i));
            if (at[i] < 0) {
                throw new IllegalArgumentException(
                        "research query " + q.name() + " counts " + names.get(i) + ", which is not counted " + columns);
            }
            levels[i] = q.columns().get(names.get(i));
            String name = names.get(i);
            hierarchies[i] = schemas.hierarchies().stream()
                    .filter(h -> h.attribute().equals(name))
                    .findFirst()
                    .orElse(null);
            if (hierarchies[i] == null && levels[i] != 0) {
                throw new IllegalArgumentException("research query " + q.name() + " counts " + names.get(i)
                        + " at level " + levels[i] + ", but it has no hierarchy");
            }
            lift.add(hierarchies[i] == null ? null : liftTo(hierarchies[i], levels[i]));
        }
        Map<List<String>, Long> trueCells = new HashMap<>();
        long trueTotal = 0;
        for (Map.Entry<List<String>, Long> e : truth.entrySet()) {
            List<String> cell = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                String v = e.getKey().get(at[i]);
                cell.add(hierarchies[i] == null ? v : hierarchies[i].generalise(v, levels[i]));
            }
            trueCells.merge(cell, e.getValue(), Long::sum);
            trueTotal += e.getValue();
        }
        Map<List<String>, Long> releasedCells = new HashMap<>();
        long usable = 0;
        for (Map.Entry<List<String>, Long> e : released.entrySet()) {
            List<String> cell = new ArrayList<>(names.size());
            for (int i = 0; i < names.size() && cell != null; i++) {
                String v = e.getKey().get(at[i]);
                String lifted = lift.get(i) == null ? v : lift.get(i).get(v);
                if (lifted == null) {
                    cell = null; // blanked or generalised beyond the query's level
                } else {
                    cell.add(lifted);
                }
            }
            if (cell != null) {
                releasedCells.merge(cell, e.getValue(), Long::sum);
                usable += e.getValue();
            }
        }
        Set<List<String>> all = new HashSet<>(trueCells.keySet());
        all.addAll(releasedCells.keySet());
        double tvd = 0;
        double worst = 0;
        int big = 0;
        for (List<String> cell : all) {
            long t = trueCells.getOrDefault(cell, 0L);
            long r = releasedCells.getOrDefault(cell, 0L);
            if (trueTotal > 0 && usable > 0) {
                tvd += Math.abs((double) t / trueTotal - (double) r / usable);
            }
            if (t >= MIN_CELL) {
                big++;
                worst = Math.max(worst, Math.abs(r - t) / (double) t);
            }
        }
        tvd = usable == 0 ? 1.0 : tvd / 2;
        return new QueryUtility(
                q.name(), q.description(), trueTotal == 0 ? 0 : (double) usable / trueTotal, tvd, worst, big);
    }

    /**
     * For each label of the hierarchy at or below {@code level} (by the lowest level it appears at), its
     * generalisation to {@code level}; labels above {@code level} (and the blank) are absent.
     */
    private static Map<String, String> liftTo(Hierarchy h, int level) {
        Map<String, String> out = new HashMap<>();
        for (int l = 0; l <= level; l++) {
            for (String leaf : h.leaves()) {
                out.putIfAbsent(h.generalise(leaf, l), h.generalise(leaf, level));
            }
        }
        return out;
    }
}
