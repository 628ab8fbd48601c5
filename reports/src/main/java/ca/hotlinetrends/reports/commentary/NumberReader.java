package ca.hotlinetrends.reports.commentary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every number a reader sees in a piece of text, in the notation of its language.
 *
 * <ul>
 *   <li>English: {@code 1,234}, {@code 12.5}, {@code 12.5%}, {@code -3} (thousands separated by a comma, decimals by
 *       a point);</li>
 *   <li>French: {@code 1 234} (a space, a no-break space U+00A0 or a narrow no-break space U+202F between groups of
 *       three), {@code 12,5}, {@code 12,5 %}.</li>
 * </ul>
 *
 * <p>Quarters are read as quarters, not numbers, in either language: {@code 2026Q3}, {@code Q3 2026},
 * {@code T3 2026}, {@code Q3}, {@code T3}, {@code 3rd quarter}, {@code 3e trimestre} (also {@code 3ᵉ}, {@code 3ème};
 * {@code 1er}, {@code 1re}). Whether a four-digit whole number is a year is for the caller to decide
 * ({@link Quoted#yearForm()}).
 *
 * <p>Every digit is read: digits inside words or codes ({@code C-36}, {@code H1N1}) are numbers too, and so is an
 * ordinal ({@code 3rd}) that is not a quarter. A number written in the other language's notation ({@code 12,5} in
 * English, {@code 12.5} in French) and characters that display as a number but are not the digits 0-9 (superscripts,
 * fractions, Roman numeral characters, digits of other scripts) come out as {@link Kind#UNREADABLE}, which the check
 * refuses. Numbers written as words ("three", "trois") are not read. Stateless and thread-safe.
 */
public final class NumberReader {

    /** What a quoted number is. */
    public enum Kind {
        /** A number: {@link Quoted#value()} is its magnitude. */
        NUMBER,
        /** A quarter: {@link Quoted#quarter()} is {@code 2026Q3}, or {@code Q3} when no year is written. */
        QUARTER,
        /** Something that displays as a number but cannot be read in the language's notation. */
        UNREADABLE
    }

    /**
     * One number as written.
     *
     * @param written the text as written (with its sign and percent sign)
     * @param offset where it starts in the text read
     * @param kind what it is
     * @param value the magnitude (sign dropped), scale as written; null unless {@link Kind#NUMBER}
     * @param percent whether a percent sign follows
     * @param quarter the quarter, e.g. {@code 2026Q3} or {@code Q3}; null unless {@link Kind#QUARTER}
     */
    public record Quoted(String written, int offset, Kind kind, BigDecimal value, boolean percent, String quarter) {
        public Quoted {
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(kind, "kind");
        }

        /** Digits after the decimal separator (0 for a whole number). */
        public int decimals() {
            return value == null ? 0 : Math.max(0, value.scale());
        }

        /** Four digits, nothing else (no sign, separator, decimals or percent sign): possibly a year. */
        public boolean yearForm() {
            return kind == Kind.NUMBER
                    && written.length() == 4
                    && written.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }

    private static final String GROUP_SPACES = " \u00A0\u202F";
    private static final Pattern ENGLISH = Pattern.compile("(\\d{1,3}(?:,\\d{3}(?!\\d))+|\\d+)(?:\\.(\\d+))?");
    private static final Pattern FRENCH =
            Pattern.compile("(\\d{1,3}(?:[" + GROUP_SPACES + "]\\d{3}(?!\\d))+|\\d+)(?:,(\\d+))?");
    /** 2026Q3, 2026T3, 2026 Q3. */
    private static final Pattern YEAR_QUARTER = Pattern.compile("(\\d{4}) ?[QqT]([1-4])(?![\\p{L}\\p{N}])");
    /** Q3 2026, T3 2026, Q3, T3 (at the start of a word). */
    private static final Pattern QUARTER_YEAR =
            Pattern.compile("[QqT]([1-4])(?:[" + GROUP_SPACES + "](\\d{4}))?(?![\\p{L}\\p{N}])");
    /** 3rd quarter, 3e trimestre, 1er trimestre, 3ᵉ trimestre. */
    private static final Pattern ORDINAL_QUARTER = Pattern.compile(
            "([1-4])(?:st|nd|rd|th|er|re|e|ème|ᵉ|ᵉʳ|ʳᵉ)[" + GROUP_SPACES + "](?:quarter|trimestre)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE);

    private final String language;
    private final Pattern notation;
    private final char decimalSeparator;
    private final char otherDecimalSeparator;

    private NumberReader(String language) {
        this.language = language;
        this.notation = language.equals("en") ? ENGLISH : FRENCH;
        this.decimalSeparator = language.equals("en") ? '.' : ',';
        this.otherDecimalSeparator = language.equals("en") ? ',' : '.';
    }

    /** @param language {@code en} or {@code fr} */
    public static NumberReader of(String language) {
        if (!"en".equals(language) && !"fr".equals(language)) {
            throw new IllegalArgumentException("language must be en or fr. Provided value: " + language);
        }
        return new NumberReader(language);
    }

    public String language() {
        return language;
    }

    /** Every number in {@code text}, in order. */
    public List<Quoted> read(String text) {
        List<Quoted> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            if ((c == 'Q' || c == 'q' || c == 'T') && wordStart) {
                Matcher m = QUARTER_YEAR.matcher(text).region(i, n);
                if (m.lookingAt()) {
                    String q = m.group(2) == null ? "Q" + m.group(1) : m.group(2) + "Q" + m.group(1);
                    out.add(new Quoted(m.group(), i, Kind.QUARTER, null, false, q));
                    i = m.end();
                    continue;
                }
            }
            if (c >= '0' && c <= '9') {
                i = number(text, i, out);
                continue;
            }
            if (Character.isDigit(c)
                    || Character.getType(c) == Character.OTHER_NUMBER
                    || Character.getType(c) == Character.LETTER_NUMBER) {
                out.add(new Quoted(String.valueOf(c), i, Kind.UNREADABLE, null, false, null));
            }
            i++;
        }
        return out;
    }

    private int number(String text, int start, List<Quoted> out) {
        int n = text.length();
        Matcher yq = YEAR_QUARTER.matcher(text).region(start, n);
        if (yq.lookingAt()) {
            out.add(new Quoted(yq.group(), start, Kind.QUARTER, null, false, yq.group(1) + "Q" + yq.group(2)));
            return yq.end();
        }
        Matcher oq = ORDINAL_QUARTER.matcher(text).region(start, n);
        if (oq.lookingAt()) {
            out.add(new Quoted(oq.group(), start, Kind.QUARTER, null, false, "Q" + oq.group(1)));
            return oq.end();
        }
        Matcher m = notation.matcher(text).region(start, n);
        if (!m.lookingAt()) {
            throw new IllegalStateException("a digit that no notation reads at " + start);
        }
        int end = m.end();
        // A separator of the other notation between digits (12,5 in English, 12.5 in French) is refused, not read
        // as two numbers.
        if (end + 1 < n && text.charAt(end) == otherDecimalSeparator && isAsciiDigit(text.charAt(end + 1))
                || end + 1 < n && text.charAt(end) == decimalSeparator && isAsciiDigit(text.charAt(end + 1))) {
            int stop = end + 1;
            while (stop < n
                    && (isAsciiDigit(text.charAt(stop)) || text.charAt(stop) == ',' || text.charAt(stop) == '.')) {
                stop++;
            }
            out.add(new Quoted(text.substring(start, stop), start, Kind.UNREADABLE, null, false, null));
            return stop;
        }
        String digits = m.group(1).replaceAll("[," + GROUP_SPACES + "]", "");
        BigDecimal value = new BigDecimal(m.group(2) == null ? digits : digits + "." + m.group(2));
        int from = start;
        if (start > 0
                && "-\u2212+".indexOf(text.charAt(start - 1)) >= 0
                && (start == 1 || !Character.isLetterOrDigit(text.charAt(start - 2)))) {
            from = start - 1;
        }
        boolean percent = false;
        int to = end;
        int p = end;
        if (p < n && GROUP_SPACES.indexOf(text.charAt(p)) >= 0) {
            p++;
        }
        if (p < n && text.charAt(p) == '%') {
            percent = true;
            to = p + 1;
        }
        out.add(new Quoted(text.substring(from, to), from, Kind.NUMBER, value, percent, null));
        return to;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return "NumberReader[" + language.toLowerCase(Locale.ROOT) + "]";
    }
}
