package ca.hotlinetrends.schema;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A code list from {@code schemas/codes/<name>.csv}: {@code ;}-separated with a header, columns
 * {@code code;label_en;label_fr;...;aliases}. Extra columns (e.g. {@code region} for provinces) are kept
 * as attributes. {@code aliases} lists, {@code |}-separated, further spellings an export may use.
 *
 * <p>Normalisation maps a raw export value to its code: the code, its English or French label or one of
 * its aliases, compared
 * after trimming and ignoring case. Nothing else is guessed: an unknown spelling is unknown.
 * Immutable and thread-safe.
 */
public final class CodeList {

    /** One code with its labels and any extra attributes. */
    public record Entry(String code, String labelEn, String labelFr, Map<String, String> attributes) {
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(labelEn, "label_en of " + code);
            Objects.requireNonNull(labelFr, "label_fr of " + code);
            attributes = Map.copyOf(attributes);
        }

        /** The label in a language ({@code en} or {@code fr}). */
        public String label(String language) {
            return switch (language) {
                case "en" -> labelEn;
                case "fr" -> labelFr;
                default -> throw new IllegalArgumentException("language must be en or fr. Provided value: " + language);
            };
        }

        public String attribute(String name) {
            String value = attributes.get(name);
            if (value == null) {
                throw new IllegalArgumentException("code " + code + " has no attribute '" + name + "'");
            }
            return value;
        }
    }

    private final String name;
    private final Map<String, Entry> entries;
    private final Map<String, String> spellings;

    private CodeList(String name, Map<String, Entry> entries, Map<String, String> spellings) {
        this.name = name;
        this.entries = Collections.unmodifiableMap(entries);
        this.spellings = Map.copyOf(spellings);
    }

    /** Parses the CSV text of a code list. */
    public static CodeList parse(String name, List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("code list " + name + " is empty");
        }
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(";", -1));
        int codeColumn = header.indexOf("code");
        int enColumn = header.indexOf("label_en");
        int frColumn = header.indexOf("label_fr");
        int aliasColumn = header.indexOf("aliases");
        if (codeColumn < 0 || enColumn < 0 || frColumn < 0) {
            throw new IllegalArgumentException("code list " + name + " must have the columns code, label_en and "
                    + "label_fr; its header has " + header);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> spellings = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(";", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("code list " + name + ": line " + (i + 1) + " has " + cells.length
                        + " columns, the header has " + header.size());
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (c != codeColumn && c != enColumn && c != frColumn && c != aliasColumn) {
                    attributes.put(header.get(c), cells[c]);
                }
            }
            Entry entry = new Entry(cells[codeColumn], cells[enColumn], cells[frColumn], attributes);
            if (entries.putIfAbsent(entry.code(), entry) != null) {
                throw new IllegalArgumentException("code list " + name + " declares code " + entry.code() + " twice");
            }
            addSpelling(name, spellings, entry.code(), entry.code());
            addSpelling(name, spellings, entry.labelEn(), entry.code());
            addSpelling(name, spellings, entry.labelFr(), entry.code());
            if (aliasColumn >= 0 && !cells[aliasColumn].isEmpty()) {
                for (String alias : cells[aliasColumn].split("\\|")) {
                    addSpelling(name, spellings, alias, entry.code());
                }
            }
        }
        return new CodeList(name, entries, spellings);
    }

    private static void addSpelling(String list, Map<String, String> spellings, String spelling, String code) {
        String previous = spellings.putIfAbsent(fold(spelling), code);
        if (previous != null && !previous.equals(code)) {
            throw new IllegalArgumentException(
                    "code list " + list + ": a spelling stands for both " + previous + " and " + code);
        }
    }

    /** Trim, Unicode NFC, lower case (root locale): the only liberties normalisation takes. */
    static String fold(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** The codes in file order. */
    public List<String> codes() {
        return List.copyOf(entries.keySet());
    }

    public boolean contains(String code) {
        return entries.containsKey(code);
    }

    public Entry entry(String code) {
        Entry entry = entries.get(code);
        if (entry == null) {
            throw new IllegalArgumentException("code list " + name + " has no code " + code);
        }
        return entry;
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The code a raw export value stands for, or empty when it is not a known spelling. */
    public Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(spellings.get(fold(raw)));
    }

    /** Every accepted spelling (folded) with its code, for engines that normalise in bulk. */
    public Map<String, String> spellings() {
        return spellings;
    }
}
