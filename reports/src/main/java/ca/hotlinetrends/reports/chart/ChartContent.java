package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.reports.table.CellRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where every number a chart draws comes from: for each dataset item (a bar, a point, an interval bound, a
 * tile) the published cell it shows, or the two published cells of a share; for each text drawn on the plot
 * that contains a number, the cells it states. Builders record it while they fill their datasets, and the
 * leak check compares it with what the finished chart actually holds. Immutable once built.
 */
public final class ChartContent {

    /** Which value of an item: the value itself, or the start or end of its interval. */
    public enum Part {
        VALUE,
        START,
        END
    }

    /**
     * One drawn value of a dataset.
     *
     * @param dataset the dataset index in the plot
     * @param series the series (row) key
     * @param category the category (column) key; for an XY dataset, the item index
     * @param part which value of the item
     */
    public record Item(int dataset, Comparable<?> series, Comparable<?> category, Part part) {
        public Item {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(part, "part");
        }
    }

    /** What a drawn value shows. */
    public sealed interface Source permits Cell, Share {}

    /** The value of one published cell. */
    public record Cell(CellRef cell) implements Source {
        public Cell {
            Objects.requireNonNull(cell, "cell");
        }
    }

    /** 100 x part / whole, in percent, of two published cells. */
    public record Share(CellRef part, CellRef whole) implements Source {
        public Share {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(whole, "whole");
        }
    }

    private final Map<Item, Source> items;
    private final Map<String, List<CellRef>> labels;

    private ChartContent(Map<Item, Source> items, Map<String, List<CellRef>> labels) {
        this.items = Map.copyOf(items);
        this.labels = Map.copyOf(labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The source of a drawn value, when the builder declared one. */
    public Optional<Source> source(Item item) {
        return Optional.ofNullable(items.get(item));
    }

    public Map<Item, Source> items() {
        return items;
    }

    /** The cells a text on the plot states, when the builder declared the text. */
    public Optional<List<CellRef>> label(String text) {
        return Optional.ofNullable(labels.get(text));
    }

    /** Collects the sources while a builder fills its datasets. Not thread-safe. */
    public static final class Builder {
        private final Map<Item, Source> items = new LinkedHashMap<>();
        private final Map<String, List<CellRef>> labels = new LinkedHashMap<>();

        private Builder() {}

        /** Declares the cell a category dataset item shows (drawn or not). */
        public Builder value(int dataset, Comparable<?> series, Comparable<?> category, CellRef cell) {
            return put(new Item(dataset, series, category, Part.VALUE), new Cell(cell));
        }

        /** Declares an interval bound of an item. */
        public Builder bound(int dataset, Comparable<?> series, Comparable<?> category, Part part, CellRef cell) {
            return put(new Item(dataset, series, category, part), new Cell(cell));
        }

        /** Declares an item showing part as a percentage of whole. */
        public Builder share(int dataset, Comparable<?> series, Comparable<?> category, CellRef part, CellRef whole) {
            return put(new Item(dataset, series, category, Part.VALUE), new Share(part, whole));
        }

        /**
         * Declares a text drawn on the plot and the cells whose values it states. The same text may be drawn for
         * several cells (two provinces with the same rate): the text then stands for all of them, and every one
         * must be published for the chart to pass the leak check.
         */
        public Builder label(String text, CellRef... cells) {
            labels.merge(text, List.of(cells), (a, b) -> {
                java.util.LinkedHashSet<CellRef> all = new java.util.LinkedHashSet<>(a);
                all.addAll(b);
                return List.copyOf(all);
            });
            return this;
        }

        private Builder put(Item item, Source source) {
            if (items.putIfAbsent(item, source) != null) {
                throw new IllegalArgumentException("chart item declared twice: " + item);
            }
            return this;
        }

        public ChartContent build() {
            return new ChartContent(items, labels);
        }
    }
}
