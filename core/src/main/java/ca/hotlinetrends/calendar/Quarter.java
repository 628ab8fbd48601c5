package ca.hotlinetrends.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter, written {@code YYYYQn} (e.g. {@code 2026Q3}), the unit of a release.
 *
 * @param year calendar year, 2000 to 2099
 * @param number quarter number, 1 to 4
 */
public record Quarter(int year, int number) implements Comparable<Quarter> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})Q([1-4])");

    public Quarter {
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("quarter year must be in [2000, 2099]. Provided value: " + year);
        }
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("quarter number must be in [1, 4]. Provided value: " + number);
        }
    }

    /** Parses {@code YYYYQn}. */
    public static Quarter parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a quarter is written YYYYQn, e.g. 2026Q3. Provided value: " + text);
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter a date falls in. */
    public static Quarter of(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    public Quarter next() {
        return number == 4 ? new Quarter(year + 1, 1) : new Quarter(year, number + 1);
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    /** Quarters from this one to {@code last}, both included. */
    public List<Quarter> through(Quarter last) {
        if (last.compareTo(this) < 0) {
            throw new IllegalArgumentException("quarter range ends (" + last + ") before it starts (" + this + ")");
        }
        List<Quarter> all = new ArrayList<>();
        for (Quarter q = this; q.compareTo(last) <= 0; q = q.next()) {
            all.add(q);
        }
        return all;
    }

    /** Number of quarters from this one to {@code other} (negative when other is earlier). */
    public int quartersUntil(Quarter other) {
        return (other.year - year) * 4 + (other.number - number);
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(number, o.number);
    }

    @Override
    public String toString() {
        return year + "Q" + number;
    }
}
