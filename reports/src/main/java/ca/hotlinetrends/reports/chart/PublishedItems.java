package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedRelease.CellState;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The only way builders put numbers into a category dataset: each item is a published cell (or a share of
 * two), its source is declared for the leak check, and a cell without a value (suppressed, not available or
 * absent) becomes a gap with a mark, never a zero. Not thread-safe; used by one builder call.
 */
final class PublishedItems {

    /** The mark of a suppressed cell (Statistics Canada). */
    /** The mark of a cell that is not available for the period (Statistics Canada). */
    private final PublishedRelease release;

    private final int datasetIndex;
    private final DefaultCategoryDataset data;
    private final ChartContent.Builder content;
    private final PublishedBarRenderer marks;
    private boolean anySuppressed;
    private boolean anyNotAvailable;

    /**
     * @param data the dataset to fill; an {@link IntervalValueDataset} for items with intervals
     * @param marks the renderer that writes the marks of gaps, or null for lines (gaps only)
     */
    PublishedItems(
            PublishedRelease release,
            int datasetIndex,
            DefaultCategoryDataset data,
            ChartContent.Builder content,
            PublishedBarRenderer marks) {
        this.release = release;
        this.datasetIndex = datasetIndex;
        this.data = data;
        this.content = content;
        this.marks = marks;
    }

    /** Adds the value of {@code cell}, or a marked gap. Returns the value drawn, or null. */
    Double add(Comparable<?> series, Comparable<?> category, CellRef cell) {
        content.value(datasetIndex, series, category, cell);
        Double value = valueOrMark(series, category, cell);
        put(value, series, category);
        return value;
    }

    /** Adds 100 x part / whole, or a marked gap when either cell has no value or whole is 0. */
    Double addShare(Comparable<?> series, Comparable<?> category, CellRef part, CellRef whole) {
        content.share(datasetIndex, series, category, part, whole);
        Double p = valueOrMark(series, category, part);
        Double value = null;
        if (p != null) {
            Double w = valueOrMark(series, category, whole);
            if (w != null && w > 0) {
                value = 100.0 * p / w;
            } else if (w != null) {
                gap(series, category, CellStatus.NOT_AVAILABLE);
            }
        }
        put(value, series, category);
        return value;
    }

    /** Adds a value with its interval; all three are drawn only when all three are published. */
    Double addWithInterval(Comparable<?> series, Comparable<?> category, CellRef value, CellRef start, CellRef end) {
        if (!(data instanceof IntervalValueDataset intervals)) {
            throw new IllegalStateException("items with intervals need an IntervalValueDataset");
        }
        content.value(datasetIndex, series, category, value);
        content.bound(datasetIndex, series, category, ChartContent.Part.START, start);
        content.bound(datasetIndex, series, category, ChartContent.Part.END, end);
        Double v = valueOrMark(series, category, value);
        boolean bounds =
                v != null && release.state(start) == CellState.PUBLISHED && release.state(end) == CellState.PUBLISHED;
        intervals.add(v, bounds ? release.value(start) : null, bounds ? release.value(end) : null, series, category);
        return v;
    }

    boolean anySuppressed() {
        return anySuppressed;
    }

    boolean anyNotAvailable() {
        return anyNotAvailable;
    }

    private Double valueOrMark(Comparable<?> series, Comparable<?> category, CellRef cell) {
        CellState state = release.state(cell);
        switch (state) {
            case PUBLISHED:
                return release.value(cell);
            case SUPPRESSED:
                anySuppressed = true;
                gap(series, category, CellStatus.MARK);
                return null;
            default:
                anyNotAvailable = true;
                gap(series, category, CellStatus.NOT_AVAILABLE);
                return null;
        }
    }

    private void gap(Comparable<?> series, Comparable<?> category, String mark) {
        if (mark.equals(CellStatus.NOT_AVAILABLE)) {
            anyNotAvailable = true;
        }
        if (marks != null && marks.markOf(series, category) == null) {
            marks.mark(series, category, mark);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void put(Double value, Comparable<?> series, Comparable<?> category) {
        data.addValue(value, (Comparable) series, (Comparable) category);
    }
}
