package ca.hotlinetrends.reports;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every label, heading and footnote of the reports, in English or French, from
 * {@code messages_<lang>.properties}, with the language's number format (1,234.5 / 1 234,5).
 * A missing key is an error, never a fallback to the other language.
 */
public final class Messages {

    private final String language;
    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(String language) {
        this.language = language;
        this.locale = switch (language) {
            case "en" -> Locale.CANADA;
            case "fr" -> Locale.CANADA_FRENCH;
            default -> throw new IllegalArgumentException("language must be en or fr. Provided value: " + language);
        };
        this.bundle = ResourceBundle.getBundle("ca.hotlinetrends.reports.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages of(String language) {
        return new Messages(language);
    }

    public String language() {
        return language;
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The message for {@code key}, formatted with {@link MessageFormat} (so apostrophes are doubled in files). */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing " + language + " translation for '" + key + "'", e);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** A whole number in the language's format. */
    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A decimal number with {@code decimals} digits after the separator. */
    public String decimal(double x, int decimals) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(x);
    }

    /** A quarter such as 2026Q3 as words: "Q3 2026" / "T3 2026". */
    public String quarter(String quarter) {
        return get("quarter.prefix") + quarter.substring(5) + " " + quarter.substring(0, 4);
    }
}
