package ca.hotlinetrends.microdata;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.Hierarchy;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A partial check of the record-level release against the tables of the same release: for every suppressed cell of
 * a count table whose unit is the dataset's record (not distinct cases) and whose dimensions are all columns of the
 * released records, the range the records alone leave that cell: at least the records that certainly fall in it
 * (their period and every dimension published inside the cell's), at most those that may (period or a dimension
 * blanked or generalised over the cell's) plus every record suppressed whole. A cell that some record certainly falls
 * in (the records show a floor of a count that may be small), or whose range is narrower than the protection width,
 * is given back by the records, and the release must not be published.
 *
 * <p>This is a necessary condition, not the joint protection: it looks at one cell at a time and does not combine
 * the records' counts with the tables' margins or with each other (an LP over both would find more). It exists so
 * that a release whose records keep the period (allowed only with {@code privacy.allow_weaker_protection}) cannot
 * give back a suppressed cell this directly. Multi-valued dimensions are checked for their categories, not their
 * {@code ANY} total.
 */
public final class JointCheck {

    /** A suppressed table cell the released records narrow below the width. */
    public record Narrowed(String cellId, long lower, long upper) {
    }

    /** A group of released records: its published period value and dimension values, and how many. */
    public record Group(String period, List<Object> values, long records) {
    }

    /** A suppressed cell of a table: its period type, period and dimension codes. */
    public record Cell(String id, String periodType, String period, List<String> codes) {
    }

    private JointCheck() {
    }

    /**
     * @param table the table (its dimensions other than the period, in order, are the columns of {@code groups})
     * @param release the release: records are up to its quarter, so a year to date of its year is the records' year
     * @param suppressedRecords records of the dataset suppressed whole (each may belong to any cell)
     */
    public static List<Narrowed> check(TableSchema table, SchemaRegistry schemas, Quarter release, List<Cell> cells,
            List<Group> groups, long suppressedRecords, long width) {
        List<TableSchema.Dimension> dims = table.categoryDimensions();
        Hierarchy[] hierarchies = new Hierarchy[dims.size()];
        for (int d = 0; d < dims.size(); d++) {
            String name = dims.get(d).name();
            hierarchies[d] = schemas.hierarchies().stream().filter(h -> h.attribute().equals(name)).findFirst()
                    .orElse(null);
        }
        List<Narrowed> out = new ArrayList<>();
        for (Cell cell : cells) {
            Set<String> cellQuarters = coverage(cell.periodType(), cell.period(), release);
            if (cellQuarters == null) {
                continue; // a year to date of an earlier year: the records do not cover it alone
            }
            boolean skip = false;
            for (int d = 0; d < dims.size(); d++) {
                if (Boolean.TRUE.equals(table.multiValued()) && dims.get(d).total() && cell.codes().get(d).equals(dims.get(d).totalCode())) {
                    skip = true;
                }
            }
            if (skip) {
                continue;
            }
            long lower = 0;
            long upper = suppressedRecords;
            for (Group g : groups) {
                Set<String> recordQuarters = coverage(g.period(), release);
                if (recordQuarters.stream().noneMatch(cellQuarters::contains)) {
                    continue;
                }
                boolean exact = cellQuarters.containsAll(recordQuarters);
                boolean compatible = true;
                for (int d = 0; d < dims.size() && compatible; d++) {
                    TableSchema.Dimension dim = dims.get(d);
                    String code = cell.codes().get(d);
                    Object value = g.values().get(d);
                    if (dim.total() && code.equals(dim.totalCode())) {
                        continue;
                    }
                    if (value instanceof List<?> list) {
                        compatible = list.contains(code);
                    } else if (code.equals(value)) {
                        continue;
                    } else if (value != null && covers(hierarchies[d], String.valueOf(value), code)) {
                        exact = false;
                    } else {
                        compatible = false;
                    }
                }
                if (compatible) {
                    upper += g.records();
                    if (exact) {
                        lower += g.records();
                    }
                }
            }
            // Fail closed: a suppressed cell must have no record that certainly falls in it (the records would show
            // a floor of a count that may be small), and the records' range must be at least the width.
            if (lower > 0 || upper - lower < width) {
                out.add(new Narrowed(cell.id(), lower, upper));
            }
        }
        return out;
    }

    /** Whether a published value (a generalisation or {@code *}) covers a code of the hierarchy. */
    private static boolean covers(Hierarchy h, String published, String code) {
        if (published.equals("*")) {
            return true;
        }
        if (h == null || !h.contains(code)) {
            return false;
        }
        for (int level = 1; level < h.height(); level++) {
            if (h.generalise(code, level).equals(published)) {
                return true;
            }
        }
        return false;
    }

    /** The quarters (up to the release) of a table cell's period, or null when the records cannot cover it. */
    static Set<String> coverage(String periodType, String period, Quarter release) {
        switch (periodType) {
            case "quarter":
                return Set.of(period);
            case "year":
                return coverage(period, release);
            case "year_to_date":
                // YYYYQ1-Qn: the records' year when it is the release's own year to date.
                if (period.startsWith(release.year() + "Q1-Q" + release.number()) && period.length() == 9) {
                    return coverage(String.valueOf(release.year()), release);
                }
                return null;
            default:
                return null;
        }
    }

    /** The quarters (up to the release) a published period value may stand for: a quarter, a half, a year or all. */
    static Set<String> coverage(String value, Quarter release) {
        Set<String> out = new HashSet<>();
        if (value == null || value.equals("*")) {
            for (int y = 2000; y <= release.year(); y++) {
                addYear(out, y, 1, 4, release);
            }
            return out;
        }
        int year = Integer.parseInt(value.substring(0, 4));
        if (value.length() == 4) {
            addYear(out, year, 1, 4, release);
        } else if (value.charAt(4) == 'H') {
            int h = value.charAt(5) - '0';
            addYear(out, year, 2 * h - 1, 2 * h, release);
        } else if (value.charAt(4) == 'Q') {
            out.add(value);
        } else {
            throw new IllegalArgumentException("not a period value: a reference_quarter of the records");
        }
        return out;
    }

    private static void addYear(Set<String> out, int year, int from, int to, Quarter release) {
        for (int q = from; q <= to; q++) {
            Quarter quarter = new Quarter(year, q);
            if (quarter.compareTo(release) <= 0) {
                out.add(quarter.toString());
            }
        }
    }

    /** The tables the check applies to: counts of the dataset's records over its own columns. */
    public static List<TableSchema> tablesOf(SchemaRegistry schemas, String dataset, List<String> columns) {
        List<TableSchema> out = new ArrayList<>();
        for (TableSchema t : schemas.tables()) {
            if (!t.isCountTable() || !dataset.equals(t.sourceDataset()) || !t.counts().equals(dataset)) {
                continue;
            }
            if (t.categoryDimensions().stream().allMatch(d -> columns.contains(d.name()))) {
                out.add(t);
            }
        }
        return out;
    }

    /** The cell id a published table gives a cell (table, period, codes joined by {@code |}). */
    static String cellId(String table, String period, List<String> codes) {
        return table + "|" + period + "|" + String.join("|", codes);
    }
}
