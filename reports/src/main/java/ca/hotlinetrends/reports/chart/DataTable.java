package ca.hotlinetrends.reports.chart;

import java.util.List;
import java.util.Objects;

/**
 * The numbers of a chart as a table, formatted for its language, printed next to the chart (suppressed
 * cells read {@code x}). The first column holds labels; the others numbers.
 *
 * @param caption the table caption
 * @param header column headings
 * @param rows formatted cells, each row as long as the header
 */
public record DataTable(String caption, List<String> header, List<List<String>> rows) {

    public DataTable {
        Objects.requireNonNull(caption, "caption");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(
                        "data table '" + caption + "': a row has " + r.size() + " cells, the header " + header.size());
            }
        }
    }
}
