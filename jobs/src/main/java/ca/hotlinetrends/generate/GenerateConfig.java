package ca.hotlinetrends.generate;

import ca.hotlinetrends.calendar.Quarter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code hotline-trends generate} makes.
 *
 * @param out folder to write into (created if missing)
 * @param seed random seed: the same seed and options give byte-identical files
 * @param scale volume multiplier (1 = one realistic hotline); must be in (0, 100000]
 * @param from first quarter
 * @param to last quarter
 * @param format {@code csv}, {@code jsonl} or {@code parquet}
 * @param dirtyRate share of records spoiled on purpose, in [0, 0.5]
 * @param datasets the datasets to write ({@code contacts}, {@code victims}); the others are generated and
 *     discarded, so a dataset's records are the same whichever are written
 */
public record GenerateConfig(
        Path out,
        long seed,
        double scale,
        Quarter from,
        Quarter to,
        String format,
        double dirtyRate,
        Set<String> datasets) {

    /** Both datasets. */
    public GenerateConfig(
            Path out, long seed, double scale, Quarter from, Quarter to, String format, double dirtyRate) {
        this(out, seed, scale, from, to, format, dirtyRate, Set.of("contacts", "victims"));
    }

    public static final long DEFAULT_SEED = 20_190_501L;
    public static final Quarter DEFAULT_FROM = new Quarter(2019, 1);
    public static final Quarter DEFAULT_TO = new Quarter(2026, 3);
    private static final Set<String> FORMATS = Set.of("csv", "jsonl", "parquet");

    public GenerateConfig {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!(scale > 0 && scale <= 100_000)) {
            throw new IllegalArgumentException("scale must be in (0, 100000]. Provided value: " + scale);
        }
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException("--to (" + to + ") must not be before --from (" + from + ")");
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format must be one of csv, jsonl, parquet. Provided value: " + format);
        }
        datasets = Set.copyOf(datasets);
        if (datasets.isEmpty() || !Set.of("contacts", "victims").containsAll(datasets)) {
            throw new IllegalArgumentException("datasets must be contacts and/or victims. Provided value: " + datasets);
        }
        if (!(dirtyRate >= 0 && dirtyRate <= 0.5)) {
            throw new IllegalArgumentException("dirty rate must be in [0, 0.5]. Provided value: " + dirtyRate);
        }
    }
}
