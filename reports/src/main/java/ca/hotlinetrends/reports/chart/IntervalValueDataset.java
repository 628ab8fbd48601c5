package ca.hotlinetrends.reports.chart;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.IntervalCategoryDataset;

/**
 * A category dataset whose items may carry an interval (e.g. a rate and its 95% confidence interval), drawn
 * as whiskers by {@link PublishedBarRenderer}. An item without a value has no interval either.
 */
public final class IntervalValueDataset extends DefaultCategoryDataset implements IntervalCategoryDataset {

    private static final long serialVersionUID = 1L;

    private final Map<List<Comparable<?>>, Number[]> intervals = new HashMap<>();

    /**
     * Adds an item; {@code value}, {@code start} and {@code end} may be null (not drawn).
     *
     * @throws IllegalArgumentException when an interval is given without a value, or without both ends
     */
    public void add(Number value, Number start, Number end, Comparable<?> series, Comparable<?> category) {
        if ((start == null) != (end == null) || (value == null && start != null)) {
            throw new IllegalArgumentException(
                    "an interval needs a value and both ends; item " + series + "/" + category);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparable<Object> s = (Comparable) series;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparable<Object> c = (Comparable) category;
        addValue(value, s, c);
        intervals.put(List.of(series, category), new Number[] {start, end});
    }

    @Override
    public Number getStartValue(
            @SuppressWarnings("rawtypes") Comparable series, @SuppressWarnings("rawtypes") Comparable category) {
        Number[] i = intervals.get(List.of(series, category));
        return i == null ? null : i[0];
    }

    @Override
    public Number getStartValue(int series, int category) {
        return getStartValue(getRowKey(series), getColumnKey(category));
    }

    @Override
    public Number getEndValue(
            @SuppressWarnings("rawtypes") Comparable series, @SuppressWarnings("rawtypes") Comparable category) {
        Number[] i = intervals.get(List.of(series, category));
        return i == null ? null : i[1];
    }

    @Override
    public Number getEndValue(int series, int category) {
        return getEndValue(getRowKey(series), getColumnKey(category));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IntervalValueDataset other)
                || !super.equals(o)
                || !intervals.keySet().equals(other.intervals.keySet())) {
            return false;
        }
        return intervals.entrySet().stream()
                .allMatch(e -> Arrays.equals(e.getValue(), other.intervals.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
