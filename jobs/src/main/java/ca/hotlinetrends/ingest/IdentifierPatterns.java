package ca.hotlinetrends.ingest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Patterns of direct identifiers that must never appear in a de-identified export: North American
 * phone numbers, e-mail addresses, Canadian postal codes (Canada Post's letter set), SIN-like
 * nine-digit numbers and civic street addresses (number, up to three words, a street type in English
 * or French). Each is bounded by word boundaries so that random hexadecimal references do not match.
 *
 * <p>Written in Java regex syntax, which Spark's {@code rlike} and {@code regexp_replace} also use.
 */
public final class IdentifierPatterns {

    private IdentifierPatterns() {}

    public static final String PHONE = "(?<![\\w-])(\\+?1[ .-]?)?\\(?[2-9]\\d{2}\\)?[ .-]?\\d{3}[ .-]?\\d{4}\\b";
    public static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";
    public static final String POSTAL_CODE =
            "(?i)\\b[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z][ -]?\\d[ABCEGHJ-NPRSTV-Z]\\d\\b";
    public static final String SIN = "\\b\\d{3}[ -]?\\d{3}[ -]?\\d{3}\\b";
    public static final String STREET_ADDRESS = "(?i)\\b\\d{1,5}[ ,]+([\\p{L}'.-]+ +){0,3}"
            + "(street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|crescent|cres|court|place|pl"
            + "|rue|chemin|ch|route|rang)\\b";

    public static final List<String> ALL = List.of(PHONE, EMAIL, POSTAL_CODE, SIN, STREET_ADDRESS);

    /** All patterns as one alternation. */
    public static final String ANY =
            String.join("|", ALL.stream().map(p -> "(?:" + p + ")").toList());

    /** A value can only hold an identifier if it has a digit or an {@code @}: a cheap pre-test. */
    public static final String TRIGGER = "[0-9@]";

    private static final Pattern COMPILED = Pattern.compile(ANY);

    /** True when the value contains any direct identifier. */
    public static boolean containsIdentifier(String value) {
        if (tooLongToScan(value)) {
            return true;
        }
        return value != null && containsIdentifier(value, classes(value));
    }

    /** {@link #containsIdentifier(String)} of a value whose {@link #classes} are known. */
    static boolean containsIdentifier(String value, int classes) {
        if (tooLongToScan(value)) {
            return true;
        }
        return mayContainIdentifier(value, classes) && COMPILED.matcher(value).find();
    }

    /**
     * Cheap pre-tests that rule most values out before the regular expression runs: every pattern needs a digit
     * or an {@code @}; and in a value made only of ASCII letters and digits there are no word boundaries inside,
     * so a match must span the whole value: a postal code (6 characters) or a phone or SIN-like number (9 to 11
     * digits). Random alphanumeric references are thus never scanned.
     */
    static boolean mayContainIdentifier(String value) {
        return mayContainIdentifier(value, classes(value));
    }

    /** {@link #mayContainIdentifier(String)} from the value's {@link #classes}. */
    static boolean mayContainIdentifier(String value, int classes) {
        if ((classes & AT) != 0) {
            return true;
        }
        if ((classes & DIGIT) == 0) {
            return false;
        }
        if ((classes & OTHER) != 0) {
            return true;
        }
        int n = value.length();
        return (classes & LETTER) != 0 ? n == 6 : n >= 9 && n <= 11;
    }

    /** A class of characters {@link #classes} reports: an ASCII digit. */
    static final int DIGIT = 1;
    /** An ASCII letter. */
    static final int LETTER = 2;
    /** Neither an ASCII digit nor an ASCII letter. */
    static final int OTHER = 4;
    /** {@code @} (also {@link #OTHER}). */
    static final int AT = 8;
    /** Not one of a reference's characters, {@code A-Z a-z 0-9 _ . : -}. */
    static final int NOT_IN_REFERENCE = 16;

    /** The classes of each ASCII character; any other character is {@code OTHER | NOT_IN_REFERENCE}. */
    private static final byte[] CLASS_OF = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            int k;
            if (c >= '0' && c <= '9') {
                k = DIGIT;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                k = LETTER;
            } else {
                k = OTHER | (c == '@' ? AT : 0) | (c == '_' || c == '.' || c == ':' || c == '-' ? 0 : NOT_IN_REFERENCE);
            }
            CLASS_OF[c] = (byte) k;
        }
    }

    /**
     * The classes ({@link #DIGIT}, {@link #LETTER}, {@link #OTHER}, {@link #AT}, {@link #NOT_IN_REFERENCE}) of the
     * characters {@code value} has, or-ed together: one pass by table, which both the identifier pre-test and the
     * reference check read (every reference of every record goes through both).
     */
    static int classes(String value) {
        int classes = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            classes |= c < 128 ? CLASS_OF[c] : OTHER | NOT_IN_REFERENCE;
        }
        return classes;
    }

    /**
     * The longest value the patterns scan. No field of an export is anywhere near this long; scanning a hostile
     * multi-megabyte value with these patterns would take minutes, so longer values are withheld whole instead.
     */
    public static final int MAX_SCANNED_CHARS = 10_000;

    /** True when a value is too long to scan ({@link #MAX_SCANNED_CHARS}). */
    public static boolean tooLongToScan(String value) {
        return value != null && value.length() > MAX_SCANNED_CHARS;
    }

    /** The value with every identifier replaced by {@code ***}; a value too long to scan is withheld whole. */
    public static String mask(String value) {
        if (tooLongToScan(value)) {
            return "*** (" + value.length() + " characters withheld)";
        }
        return value == null ? null : COMPILED.matcher(value).replaceAll("***");
    }
}
