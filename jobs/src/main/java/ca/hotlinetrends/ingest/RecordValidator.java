package ca.hotlinetrends.ingest;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.DerivedField;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates and types one raw export record, in plain Java (no Spark types), so it is fast and testable on
 * its own. The first failing check, in the order of {@link QuarantineReason}, decides the reason; the
 * field it names is recorded too. A valid record yields its staged values in the order of
 * {@link DatasetSchema#stagedColumns()}: codes normalised, booleans as {@link Boolean}, lists as sorted
 * distinct codes, the exact date replaced by {@code reference_quarter} and {@code reference_month}.
 *
 * <p>Immutable, serializable (it travels to Spark executors) and thread-safe.
 */
public final class RecordValidator implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The outcome for one record: staged values when valid, or a reason and the field at fault. */
    public record Outcome(Object[] staged, QuarantineReason reason, String field) {
        public boolean valid() {
            return reason == null;
        }
    }

    private final String[] names;
    private final FieldType[] types;
    private final boolean[] required;
    private final List<Spellings> spellings;
    private final int[] stagedSource;
    private final String[] derivedKind;
    private final int dateIndex;
    private final LocalDate validFrom;
    private final LocalDate runDate;

    public RecordValidator(DatasetSchema schema, SchemaRegistry registry, LocalDate runDate) {
        List<FieldSpec> fields = schema.acceptedFields();
        int n = fields.size();
        this.names = new String[n];
        this.types = new FieldType[n];
        this.required = new boolean[n];
        this.spellings = new ArrayList<>(n);
        int date = -1;
        for (int i = 0; i < n; i++) {
            FieldSpec f = fields.get(i);
            names[i] = f.name();
            types[i] = f.type();
            required[i] = !f.nullable();
            spellings.add(f.codeList()
                    .map(c -> new Spellings(exactAndFolded(registry.codeList(c))))
                    .orElse(null));
            if (f.type() == FieldType.BOOLEAN
                    && (f.codeList().isEmpty()
                            || !registry.codeList(f.codeList().get()).entries().stream()
                                    .map(CodeList.Entry::code)
                                    .sorted()
                                    .toList()
                                    .equals(List.of("false", "true")))) {
                throw new IllegalArgumentException("boolean field " + f.name()
                        + " must use a code list whose codes are " + "exactly true and false");
            }
            if (f.name().equals(schema.dateField())) {
                date = i;
            }
        }
        this.dateIndex = date;
        List<String> staged = schema.stagedColumns();
        this.stagedSource = new int[staged.size()];
        this.derivedKind = new String[staged.size()];
        List<String> accepted = fields.stream().map(FieldSpec::name).toList();
        for (int s = 0; s < staged.size(); s++) {
            String column = staged.get(s);
            stagedSource[s] = accepted.indexOf(column);
            if (stagedSource[s] < 0) {
                DerivedField d = schema.derived().stream()
                        .filter(x -> x.name().equals(column))
                        .findFirst()
                        .orElseThrow();
                if (!d.from().equals(schema.dateField())) {
                    throw new IllegalArgumentException(
                            "ingest derives columns only from the date field; " + column + " derives from " + d.from());
                }
                derivedKind[s] = d.name();
            }
        }
        this.validFrom = schema.validFrom();
        this.runDate = runDate;
        // A record's date lies between the two (checked before its quarter is derived): its names made once each.
        int years = runDate.getYear() - validFrom.getYear() + 1;
        this.firstYear = validFrom.getYear();
        this.quarterNames = new String[years >= 1 && years <= 1_000 ? years * 4 : 0];
        this.monthNames = new String[quarterNames.length * 3];
        for (int m = 0; m < monthNames.length; m++) {
            LocalDate first = LocalDate.of(firstYear + m / 12, m % 12 + 1, 1);
            monthNames[m] = monthOf(first);
            quarterNames[m / 3] = quarterOf(first);
        }
    }

    private final int firstYear;
    /** Per quarter from {@code firstYear}'s first, its name ({@link #quarterOf}). */
    private final String[] quarterNames;
    /** Per month from {@code firstYear}'s first, its name ({@link #monthOf}). */
    private final String[] monthNames;

    private String quarterName(LocalDate date) {
        int at = (date.getYear() - firstYear) * 4 + (date.getMonthValue() - 1) / 3;
        return at >= 0 && at < quarterNames.length ? quarterNames[at] : quarterOf(date);
    }

    private String monthName(LocalDate date) {
        int at = (date.getYear() - firstYear) * 12 + date.getMonthValue() - 1;
        return at >= 0 && at < monthNames.length ? monthNames[at] : monthOf(date);
    }

    /** Field names in the order {@link #validate} takes raw values. */
    public List<String> fieldNames() {
        return List.of(names);
    }

    /**
     * @param raw one raw value per accepted field, in {@link #fieldNames()} order (null when absent)
     * @param malformed true when the reader could not split the row into fields
     */
    public Outcome validate(String[] raw, boolean malformed) {
        if (malformed) {
            return new Outcome(null, QuarantineReason.MALFORMED_ROW, null);
        }
        for (int i = 0; i < raw.length; i++) {
            // Far longer than any code or reference: a broken or hostile row, never scanned further.
            if (IdentifierPatterns.tooLongToScan(raw[i])) {
                return new Outcome(null, QuarantineReason.MALFORMED_ROW, names[i]);
            }
        }
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != null && raw[i].indexOf('\uFFFD') >= 0) {
                return new Outcome(null, QuarantineReason.BAD_ENCODING, names[i]);
            }
        }
        // A value that is exactly a known spelling of its code list, or a calendar date in a date field, holds no
        // identifier: the scan skips it (almost every field of a clean record). What the lookups find is kept for
        // typing.
        String[] exactCode = new String[raw.length];
        LocalDate[] exactDate = new LocalDate[raw.length];
        // the classes of the characters of each value scanned (-1: not scanned), for the reference check
        int[] classes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String v = raw[i];
            classes[i] = -1;
            if (v == null) {
                continue;
            }
            Spellings codes = spellings.get(i);
            if (codes != null) {
                exactCode[i] = codes.get(v);
            } else if (types[i] == FieldType.DATE) {
                exactDate[i] = parseDate(v);
            }
            if (exactCode[i] == null && exactDate[i] == null) {
                classes[i] = IdentifierPatterns.classes(v);
                if (IdentifierPatterns.containsIdentifier(v, classes[i])) {
                    return new Outcome(null, QuarantineReason.IDENTIFIER_DETECTED, names[i]);
                }
            }
        }
        String[] trimmed = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String v = raw[i] == null ? null : raw[i].strip();
            trimmed[i] = v == null || v.isEmpty() ? null : v;
            if (trimmed[i] == null && required[i]) {
                return new Outcome(null, QuarantineReason.MISSING_REQUIRED, names[i]);
            }
        }
        Object[] typed = new Object[raw.length];
        LocalDate date = null;
        QuarantineReason unknown = null;
        String unknownField = null;
        for (int i = 0; i < raw.length; i++) {
            String v = trimmed[i];
            if (v == null) {
                continue;
            }
            switch (types[i]) {
                case DATE -> {
                    LocalDate d = v == raw[i] && exactDate[i] != null ? exactDate[i] : parseDate(v);
                    if (d == null) {
                        return new Outcome(null, QuarantineReason.BAD_TYPE, names[i]);
                    }
                    typed[i] = d;
                    if (i == dateIndex) {
                        date = d;
                    }
                }
                case BOOLEAN -> {
                    String code = v == raw[i] && exactCode[i] != null ? exactCode[i] : code(spellings.get(i), v);
                    if (code == null) {
                        return new Outcome(null, QuarantineReason.BAD_TYPE, names[i]);
                    }
                    typed[i] = code.equals("true") ? Boolean.TRUE : Boolean.FALSE; // the codes of boolean.csv
                }
                case STRING -> {
                    Spellings codes = spellings.get(i);
                    if (codes == null) {
                        if (!isReference(
                                v, v == raw[i] && classes[i] >= 0 ? classes[i] : IdentifierPatterns.classes(v))) {
                            return new Outcome(null, QuarantineReason.BAD_TYPE, names[i]);
                        }
                        typed[i] = v;
                    } else {
                        String code = v == raw[i] && exactCode[i] != null ? exactCode[i] : code(codes, v);
                        if (code == null && unknown == null) {
                            unknown = QuarantineReason.UNKNOWN_CODE;
                            unknownField = names[i];
                        }
                        typed[i] = code;
                    }
                }
                case STRING_LIST -> {
                    String[] items = listItems(v);
                    for (int k = 0; k < items.length; k++) {
                        String code = code(spellings.get(i), items[k].strip());
                        if (code == null && unknown == null) {
                            unknown = QuarantineReason.UNKNOWN_CODE;
                            unknownField = names[i];
                        }
                        items[k] = code == null ? "" : code;
                    }
                    typed[i] = sortedDistinct(items);
                }
                default -> throw new IllegalStateException("unsupported field type " + types[i] + " of " + names[i]);
            }
        }
        if (unknown != null) {
            return new Outcome(null, unknown, unknownField);
        }
        if (date.isBefore(validFrom) || date.isAfter(runDate)) {
            return new Outcome(null, QuarantineReason.DATE_OUT_OF_RANGE, names[dateIndex]);
        }
        Object[] staged = new Object[stagedSource.length];
        for (int s = 0; s < staged.length; s++) {
            if (stagedSource[s] >= 0) {
                staged[s] = typed[stagedSource[s]];
            } else if (derivedKind[s].equals("reference_quarter")) {
                staged[s] = quarterName(date);
            } else if (derivedKind[s].equals("reference_month")) {
                staged[s] = monthName(date);
            } else {
                throw new IllegalStateException("ingest does not know how to derive " + derivedKind[s]);
            }
        }
        return new Outcome(staged, null, null);
    }

    /**
     * The items of a list value, split at {@code |} as {@code Pattern.compile("\\|").split(v)} splits it (trailing
     * empty items dropped, so {@code "a|b|"} has two and {@code "|"} none), without a regular expression: this runs
     * for every list value of every record.
     */
    static String[] listItems(String v) {
        int bar = v.indexOf('|');
        if (bar < 0) {
            return new String[] {v};
        }
        List<String> items = new ArrayList<>(4);
        int from = 0;
        while (bar >= 0) {
            items.add(v.substring(from, bar));
            from = bar + 1;
            bar = v.indexOf('|', from);
        }
        items.add(v.substring(from));
        int size = items.size();
        while (size > 0 && items.get(size - 1).isEmpty()) {
            size--;
        }
        return items.subList(0, size).toArray(new String[0]);
    }

    /** The distinct strings of {@code items} in their natural order, as an unmodifiable list (items is reordered). */
    static List<String> sortedDistinct(String[] items) {
        java.util.Arrays.sort(items);
        int n = 0;
        for (int k = 0; k < items.length; k++) {
            if (n == 0 || !items[k].equals(items[n - 1])) {
                items[n++] = items[k];
            }
        }
        return List.of(java.util.Arrays.copyOf(items, n));
    }

    /** A reference: 1 to 64 of {@code A-Z a-z 0-9 _ . : -}. */
    static boolean isReference(String v) {
        return isReference(v, IdentifierPatterns.classes(v));
    }

    /** {@link #isReference(String)} of a value whose {@link IdentifierPatterns#classes} are known. */
    private static boolean isReference(String v, int classes) {
        int n = v.length();
        return n >= 1 && n <= 64 && (classes & IdentifierPatterns.NOT_IN_REFERENCE) == 0;
    }

    /** {@code YYYYQn}, as {@link Quarter#toString()} writes it. */
    static String quarterOf(LocalDate date) {
        return new StringBuilder(6)
                .append(date.getYear())
                .append('Q')
                .append((date.getMonthValue() - 1) / 3 + 1)
                .toString();
    }

    /** {@code YYYY-MM} for years 1000 to 9999 (dates outside the hotline's years never get here). */
    static String monthOf(LocalDate date) {
        int m = date.getMonthValue();
        return new StringBuilder(7)
                .append(date.getYear())
                .append('-')
                .append((char) ('0' + m / 10))
                .append((char) ('0' + m % 10))
                .toString();
    }

    /** Strict ISO {@code yyyy-MM-dd}, parsed by hand (this runs once per record); null when not a calendar date. */
    private static LocalDate parseDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Lookup by the raw spelling as exported first (the common case), then by its folded form. */
    private static String code(Spellings spellings, String raw) {
        String code = spellings.get(raw);
        return code != null ? code : spellings.get(fold(raw));
    }

    /** Every folded spelling, plus each code and label exactly as written in the code list. */
    private static Map<String, String> exactAndFolded(CodeList list) {
        Map<String, String> m = new HashMap<>(list.spellings());
        for (CodeList.Entry e : list.entries()) {
            m.putIfAbsent(e.code(), e.code());
            m.putIfAbsent(e.labelEn(), e.code());
            m.putIfAbsent(e.labelFr(), e.code());
        }
        return m;
    }

    /** The same folding as {@link CodeList#spellings()}: trim, NFC, lower case. */
    private static String fold(String raw) {
        String s = raw.strip();
        if (!java.text.Normalizer.isNormalized(s, java.text.Normalizer.Form.NFC)) {
            s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
