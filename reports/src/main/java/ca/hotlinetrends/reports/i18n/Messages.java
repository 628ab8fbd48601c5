package ca.hotlinetrends.reports.i18n;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Every word and number the reports print, in English or French: headings, footnotes and sentences from
 * {@code messages_<lang>.properties}; code labels and table titles from the schemas (never restated here);
 * numbers in the language's format (1,234.5 / 1 234,5); quarters as Q3 2026 / T3 2026.
 *
 * <p>A missing key is an error, never a fallback to the other language. Immutable and thread-safe (number
 * formats are created per call).
 */
public final class Messages {

    /** The languages the reports are published in. */
    public static final List<String> LANGUAGES = List.of("en", "fr");

    private final String language;
    private final Locale locale;
    private final ResourceBundle bundle;
    private final SchemaRegistry schemas;

    private Messages(String language, SchemaRegistry schemas) {
        this.language = language;
        this.locale = switch (language) {
            case "en" -> Locale.CANADA;
            case "fr" -> Locale.CANADA_FRENCH;
            default -> throw new IllegalArgumentException("language must be en or fr. Provided value: " + language);
        };
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.bundle = bundle(locale);
    }

    /**
     * @param language {@code en} or {@code fr}
     * @param schemas the schema registry the code labels and table titles come from (non-null)
     */
    public static Messages of(String language, SchemaRegistry schemas) {
        return new Messages(language, schemas);
    }

    /** The bundle of one language, without fallback to another one (for the completeness test too). */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(
                "ca.hotlinetrends.reports.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String language() {
        return language;
    }

    public Locale locale() {
        return locale;
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

    /** The label of a code in this language, from {@code schemas/codes/<codeList>.csv}. */
    public String label(String codeList, String code) {
        return schemas.codeList(codeList).entry(code).label(language);
    }

    /**
     * The label of a code of a table dimension: the code list's label, or for the dimension's total code and
     * roll-up codes (e.g. {@code CA}, {@code TERRITORIES}) the label of that code's own entry in
     * {@code total.<code>} of the bundle or the {@code region} code list.
     */
    public String dimensionLabel(TableSchema table, String dimension, String code) {
        TableSchema.Dimension d = table.dimensions().stream()
                .filter(x -> x.name().equals(dimension))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("table " + table.table() + " has no dimension " + dimension));
        if (d.codes() != null && schemas.codeList(d.codes()).contains(code)) {
            return label(d.codes(), code);
        }
        if (schemas.codeList("region").contains(code)) {
            return label("region", code);
        }
        return get("total." + code);
    }

    public String tableTitle(String table) {
        return schemas.table(table).title(language);
    }

    public String tableUnit(String table) {
        return schemas.table(table).unit(language);
    }

    /** The unit of a table with a capital, for an axis or a heading: "Contacts", "Cas". */
    public String tableUnitCapitalised(String table) {
        String unit = tableUnit(table);
        return unit.isEmpty() ? unit : unit.substring(0, 1).toUpperCase(locale) + unit.substring(1);
    }

    /** A whole number in the language's format. */
    public String number(long n) {
        return integerFormat().format(n);
    }

    /** A decimal number with exactly {@code decimals} digits after the separator. */
    public String decimal(double x, int decimals) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(x);
    }

    /** A percentage with {@code decimals} digits: 12.5% / 12,5 %. */
    public String percent(double x, int decimals) {
        return get("format.percent", decimal(x, decimals));
    }

    /** A signed percentage change: +12.5% / −3,0 %. */
    public String signedPercent(double x, int decimals) {
        double rounded = Math.round(x * Math.pow(10, decimals)) / Math.pow(10, decimals);
        String sign = rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "";
        return get("format.percent", sign + decimal(Math.abs(rounded), decimals));
    }

    /** An integer format for chart axes, in the language's grouping. */
    public NumberFormat integerFormat() {
        return NumberFormat.getIntegerInstance(locale);
    }

    /** A decimal format for chart axes with up to {@code decimals} digits. */
    public NumberFormat decimalFormat(int decimals) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        symbols.setMinusSign('\u2212');
        return new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals), symbols);
    }

    /**
     * A number format for chart labels: {@code decimals} fixed digits, the language's percent sign and, when
     * {@code signed}, a plus or minus sign.
     */
    public NumberFormat percentFormat(int decimals, boolean signed) {
        return new PercentFormat(this, decimals, signed);
    }

    /** {@link #percent} and {@link #signedPercent} as a {@link NumberFormat}, for chart labels. Format only. */
    private static final class PercentFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final transient Messages m;
        private final int decimals;
        private final boolean signed;

        PercentFormat(Messages m, int decimals, boolean signed) {
            this.m = m;
            this.decimals = decimals;
            this.signed = signed;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(signed ? m.signedPercent(number, decimals) : m.percent(number, decimals));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("percent labels are not parsed");
        }
    }

    /** A quarter such as 2026Q3 in words: "Q3 2026" / "T3 2026". */
    public String quarter(Quarter q) {
        return get("format.quarter", Integer.toString(q.number()), Integer.toString(q.year()));
    }

    /** A period in words: Q3 2026, Q1 to Q3 2026, 2025 (and their French forms). */
    public String period(Period p) {
        return switch (p.type()) {
            case QUARTER -> quarter(new Quarter(p.year(), p.lastQuarter()));
            case YEAR_TO_DATE ->
                get("format.year.to.date", Integer.toString(p.lastQuarter()), Integer.toString(p.year()));
            case YEAR -> Integer.toString(p.year());
        };
    }
}
