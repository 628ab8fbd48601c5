package ca.hotlinetrends.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period of a published table: a quarter ({@code 2026Q3}), a year to date ({@code 2026Q1-Q3}:
 * the first quarters of a year up to a given one) or a calendar year ({@code 2025}).
 *
 * @param type the period type
 * @param year the calendar year
 * @param lastQuarter the last quarter covered (the quarter itself; 4 for a year)
 */
public record Period(Type type, int year, int lastQuarter) implements Comparable<Period> {

    /** Period types, as written in the {@code period_type} column. */
    public enum Type {
        QUARTER("quarter"),
        YEAR_TO_DATE("year_to_date"),
        YEAR("year");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Type fromCode(String code) {
            for (Type t : values()) {
                if (t.code.equals(code)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(
                    "period type must be quarter, year_to_date or year. Provided value: " + code);
        }
    }

    private static final Pattern YTD = Pattern.compile("(\\d{4})Q1-Q([1-4])");
    private static final Pattern YEAR_ONLY = Pattern.compile("\\d{4}");

    public Period {
        Objects.requireNonNull(type, "type");
        if (lastQuarter < 1 || lastQuarter > 4 || (type == Type.YEAR && lastQuarter != 4)) {
            throw new IllegalArgumentException(
                    "period's last quarter must be in [1, 4] (4 for a year). Provided value: " + lastQuarter);
        }
    }

    public static Period quarter(Quarter q) {
        return new Period(Type.QUARTER, q.year(), q.number());
    }

    public static Period yearToDate(int year, int lastQuarter) {
        return new Period(Type.YEAR_TO_DATE, year, lastQuarter);
    }

    public static Period year(int year) {
        return new Period(Type.YEAR, year, 4);
    }

    /** Parses the {@code period} column. */
    public static Period parse(String code) {
        if (code != null && YEAR_ONLY.matcher(code).matches()) {
            return year(Integer.parseInt(code));
        }
        Matcher m = code == null ? null : YTD.matcher(code);
        if (m != null && m.matches()) {
            return yearToDate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return quarter(Quarter.parse(code));
    }

    /** The quarters the period is made of, in order. */
    public List<Quarter> quarters() {
        if (type == Type.QUARTER) {
            return List.of(new Quarter(year, lastQuarter));
        }
        List<Quarter> qs = new ArrayList<>();
        for (int n = 1; n <= lastQuarter; n++) {
            qs.add(new Quarter(year, n));
        }
        return qs;
    }

    public String code() {
        return switch (type) {
            case QUARTER -> year + "Q" + lastQuarter;
            case YEAR_TO_DATE -> year + "Q1-Q" + lastQuarter;
            case YEAR -> Integer.toString(year);
        };
    }

    @Override
    public String toString() {
        return code();
    }

    @Override
    public int compareTo(Period o) {
        int c = Integer.compare(year, o.year);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(lastQuarter, o.lastQuarter);
        return c != 0 ? c : type.compareTo(o.type);
    }

    /**
     * The periods a release publishes for a table: every quarter from {@code first} to the release, the
     * year to date of every year at the release's quarter (when that is not the whole year), and every
     * complete calendar year.
     */
    public static List<Period> forRelease(Quarter first, Quarter release, List<Type> types) {
        List<Period> periods = new ArrayList<>();
        for (int y = first.year(); y <= release.year(); y++) {
            if (types.contains(Type.QUARTER)) {
                for (int n = 1; n <= 4; n++) {
                    Quarter q = new Quarter(y, n);
                    if (q.compareTo(first) >= 0 && q.compareTo(release) <= 0) {
                        periods.add(quarter(q));
                    }
                }
            }
            if (types.contains(Type.YEAR_TO_DATE) && release.number() < 4) {
                periods.add(yearToDate(y, release.number()));
            }
            if (types.contains(Type.YEAR) && (y < release.year() || release.number() == 4)) {
                periods.add(year(y));
            }
        }
        return periods;
    }
}
