package ca.hotlinetrends.schema;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Population on July 1 by province or territory and year (Statistics Canada table 17-10-0009-01),
 * from {@code schemas/codes/population.json}. A year after the table's last one uses the figure of the
 * year the file names as stand-in, and says so: {@link Figure#standIn()} is true, never a silent guess.
 * A year before the table is an error.
 */
public final class Population {

    /** A population figure and the year it actually comes from. */
    public record Figure(String provinceCode, int requestedYear, int sourceYear, long population) {
        public boolean standIn() {
            return requestedYear != sourceYear;
        }
    }

    private final int version;
    private final String source;
    private final int standInYear;
    private final Map<String, TreeMap<Integer, Long>> figures;

    public Population(int version, String source, int standInYear, Map<String, TreeMap<Integer, Long>> figures) {
        this.version = version;
        this.source = Objects.requireNonNull(source, "source");
        this.standInYear = standInYear;
        this.figures = Map.copyOf(figures);
        for (var entry : this.figures.entrySet()) {
            if (!entry.getValue().containsKey(standInYear)) {
                throw new IllegalArgumentException(
                        "population of " + entry.getKey() + " lacks the stand-in year " + standInYear);
            }
            // Every year from the first to the last: a missing year would give rates without a denominator.
            TreeMap<Integer, Long> years = entry.getValue();
            for (int y = years.firstKey(); y <= years.lastKey(); y++) {
                if (!years.containsKey(y)) {
                    throw new IllegalArgumentException("population of " + entry.getKey() + " lacks the year " + y
                            + " (the table must cover every year from " + years.firstKey() + " to " + years.lastKey()
                            + ")");
                }
            }
        }
    }

    public int version() {
        return version;
    }

    public String source() {
        return source;
    }

    public int firstYear() {
        return figures.values().stream().mapToInt(TreeMap::firstKey).max().orElseThrow();
    }

    public int lastYear() {
        return figures.values().stream().mapToInt(TreeMap::lastKey).min().orElseThrow();
    }

    /** The population of a province or territory in a year (or the stand-in year beyond the table). */
    public Figure of(String provinceCode, int year) {
        TreeMap<Integer, Long> byYear = figures.get(provinceCode);
        if (byYear == null) {
            throw new IllegalArgumentException("no population for province code " + provinceCode);
        }
        Long value = byYear.get(year);
        if (value != null) {
            return new Figure(provinceCode, year, year, value);
        }
        if (year > byYear.lastKey()) {
            return new Figure(provinceCode, year, standInYear, byYear.get(standInYear));
        }
        throw new IllegalArgumentException(
                "no population for " + provinceCode + " in " + year + ": the table starts in " + byYear.firstKey());
    }

    /** The sum over all provinces and territories (Canada). */
    public Figure canada(int year) {
        long total = 0;
        int sourceYear = year;
        for (String code : figures.keySet()) {
            Figure f = of(code, year);
            total += f.population();
            sourceYear = f.sourceYear();
        }
        return new Figure("CA", year, sourceYear, total);
    }
}
