package ca.hotlinetrends.reports.commentary;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.TableSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers a release publishes, which a note may quote. A number of a note (its magnitude: the sign is not
 * compared, so "down 3.2%" quotes a change of -3.2) is published when
 *
 * <ol>
 *   <li>written without decimals and without a percent sign, it is a whole number of a published table cell (a
 *       count, a population, a number of quarters: the tables' {@code long} columns), or a whole number the
 *       newsletter or the brief shows (headline figures, the data tables under the charts);</li>
 *   <li>written without decimals and with a percent sign, it is a published percentage (a {@code double} column
 *       whose name contains {@code percent}, or a percentage the documents show) rounded to a whole number;</li>
 *   <li>written with d decimals (d &ge; 1), it is a published decimal number (a {@code double} column: rates and
 *       their intervals, changes, p-values; or a decimal number the documents show) rounded to d decimals, half up
 *       or half even: a rate of 12.3456 may be quoted as 12.3, 12.35 or 12.346, never as 12.</li>
 * </ol>
 *
 * <p>A rate or a p-value is never quoted as a whole number: whole numbers are counts, and the small whole numbers
 * that rounding rates would allow are exactly the values small-cell suppression hides. Suppressed cells ({@code x})
 * and empty cells contribute nothing. Immutable and thread-safe.
 */
public final class PublishedValues {

    private final Quarter release;
    private final Set<BigDecimal> wholes;
    private final List<BigDecimal> decimals;
    private final List<BigDecimal> percents;
    private final Map<Integer, Set<BigDecimal>> roundedDecimals = new ConcurrentHashMap<>();
    private final Set<BigDecimal> roundedPercents;

    private PublishedValues(
            Quarter release, Set<BigDecimal> wholes, List<BigDecimal> decimals, List<BigDecimal> percents) {
        this.release = release;
        this.wholes = Set.copyOf(wholes);
        this.decimals = List.copyOf(decimals);
        this.percents = List.copyOf(percents);
        this.roundedPercents = rounded(percents, 0);
    }

    /**
     * @param release every published table of the release (read from its CSV files)
     * @param shown the texts the documents show with numbers in them (headline figures, data table cells), by
     *     language ({@code en} or {@code fr})
     */
    public static PublishedValues of(
            PublishedRelease release, Collection<String> tables, Map<String, List<String>> shown) {
        Objects.requireNonNull(release, "release");
        Set<BigDecimal> wholes = new HashSet<>();
        List<BigDecimal> decimals = new ArrayList<>();
        List<BigDecimal> percents = new ArrayList<>();
        for (String name : tables) {
            PublishedTable table = release.table(name);
            TableSchema schema = table.schema();
            Set<String> dimensions = new HashSet<>();
            schema.dimensions().forEach(d -> dimensions.add(d.name()));
            for (TableSchema.Column c : schema.columns()) {
                if (dimensions.contains(c.name()) || (c.type() != FieldType.LONG && c.type() != FieldType.DOUBLE)) {
                    continue;
                }
                for (PublishedTable.Row row : table.rows()) {
                    String text = row.text(c.name());
                    if (text.isEmpty() || text.equals(CellStatus.MARK)) {
                        continue;
                    }
                    BigDecimal v = new BigDecimal(text).abs();
                    if (c.type() == FieldType.LONG) {
                        wholes.add(strip(v));
                    } else {
                        decimals.add(v);
                        if (c.name().contains("percent")) {
                            percents.add(v);
                        }
                    }
                }
            }
        }
        shown.forEach((language, texts) -> {
            NumberReader reader = NumberReader.of(language);
            for (String text : texts) {
                for (NumberReader.Quoted q : reader.read(text)) {
                    if (q.kind() != NumberReader.Kind.NUMBER) {
                        continue;
                    }
                    if (q.decimals() == 0) {
                        wholes.add(strip(q.value()));
                    } else {
                        decimals.add(q.value());
                    }
                    if (q.percent()) {
                        percents.add(q.value());
                    }
                }
            }
        });
        return new PublishedValues(release.release(), wholes, decimals, percents);
    }

    /** The release these values are of. */
    public Quarter release() {
        return release;
    }

    /** Whether a number of a note quotes a published value (see the class comment for the rule). */
    public boolean publishes(NumberReader.Quoted q) {
        if (q.kind() != NumberReader.Kind.NUMBER) {
            throw new IllegalArgumentException("only numbers are matched. Provided value: " + q.kind());
        }
        BigDecimal v = strip(q.value());
        if (q.decimals() == 0) {
            return q.percent() ? roundedPercents.contains(v) : wholes.contains(v);
        }
        return roundedDecimals
                .computeIfAbsent(q.decimals(), d -> rounded(decimals, d))
                .contains(v);
    }

    /**
     * Whether a whole number without a percent sign would be published if rounding decimals to whole numbers were
     * allowed (to tell the author to quote the decimals the tables show).
     */
    public boolean roundsToWhole(NumberReader.Quoted q) {
        return q.kind() == NumberReader.Kind.NUMBER
                && q.decimals() == 0
                && roundedDecimals.computeIfAbsent(0, d -> rounded(decimals, d)).contains(strip(q.value()));
    }

    private static Set<BigDecimal> rounded(List<BigDecimal> values, int decimals) {
        Set<BigDecimal> out = new HashSet<>();
        for (BigDecimal v : values) {
            out.add(strip(v.setScale(decimals, RoundingMode.HALF_UP)));
            out.add(strip(v.setScale(decimals, RoundingMode.HALF_EVEN)));
        }
        return Set.copyOf(out);
    }

    private static BigDecimal strip(BigDecimal v) {
        return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    }
}
