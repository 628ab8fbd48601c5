package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordValidatorTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private final DatasetSchema contacts = SCHEMAS.dataset("contacts");
    private final RecordValidator validator = new RecordValidator(contacts, SCHEMAS, LocalDate.of(2026, 9, 30));

    private Map<String, String> goodContact() {
        Map<String, String> m = new HashMap<>();
        m.put("contact_ref", "CT0001");
        m.put("case_ref", "");
        m.put("contact_date", "2026-08-14");
        m.put("channel", "Phone call");
        m.put("caller_type", "Victim or survivor");
        m.put("language", "Français");
        m.put("province_code", "Québec");
        m.put("community_size", "Rural or remote");
        m.put("trafficking_related", "Yes");
        m.put("referral_made", "no");
        m.put("law_enforcement_report", "Not reported");
        return m;
    }

    private RecordValidator.Outcome run(Map<String, String> record) {
        List<String> names = validator.fieldNames();
        String[] values = new String[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = record.get(names.get(i));
        }
        return validator.validate(values, false);
    }

    private Object staged(RecordValidator.Outcome o, String column) {
        return o.staged()[contacts.stagedColumns().indexOf(column)];
    }

    @Test
    void aGoodRecord_isTypedAndItsDateReducedToQuarterAndMonth() {
        RecordValidator.Outcome o = run(goodContact());
        assertThat(o.valid()).isTrue();
        assertThat(staged(o, "province_code")).isEqualTo("QC");
        assertThat(staged(o, "language")).isEqualTo("FR");
        assertThat(staged(o, "trafficking_related")).isEqualTo(true);
        assertThat(staged(o, "referral_made")).isEqualTo(false);
        assertThat(staged(o, "case_ref")).isNull();
        assertThat(staged(o, "reference_quarter")).isEqualTo("2026Q3");
        assertThat(staged(o, "reference_month")).isEqualTo("2026-08");
        assertThat(contacts.stagedColumns()).doesNotContain("contact_date");
    }

    @Test
    void provinceSpellings_normaliseAndUnknownOnesAreRejected() {
        for (String s : List.of("Ont.", "ON", "ontario")) {
            Map<String, String> r = goodContact();
            r.put("province_code", s);
            assertThat(staged(run(r), "province_code")).isEqualTo("ON");
        }
        Map<String, String> r = goodContact();
        r.put("province_code", "Ontari");
        assertThat(run(r).reason()).isEqualTo(QuarantineReason.UNKNOWN_CODE);
        assertThat(run(r).field()).isEqualTo("province_code");
    }

    @Test
    void eachReason_isGivenForItsDefect() {
        Map<String, QuarantineReason> cases = new java.util.LinkedHashMap<>();
        Map<String, Map<String, String>> records = new HashMap<>();
        Map<String, String> r;
        r = goodContact();
        r.put("channel", " ");
        records.put("missing", r);
        cases.put("missing", QuarantineReason.MISSING_REQUIRED);
        r = goodContact();
        r.put("contact_date", "2021-02-30");
        records.put("feb30", r);
        cases.put("feb30", QuarantineReason.BAD_TYPE);
        r = goodContact();
        r.put("contact_date", "last Tuesday");
        records.put("words", r);
        cases.put("words", QuarantineReason.BAD_TYPE);
        r = goodContact();
        r.put("referral_made", "maybe");
        records.put("bool", r);
        cases.put("bool", QuarantineReason.BAD_TYPE);
        r = goodContact();
        r.put("contact_date", "2019-04-30");
        records.put("early", r);
        cases.put("early", QuarantineReason.DATE_OUT_OF_RANGE);
        r = goodContact();
        r.put("contact_date", "2026-10-01");
        records.put("future", r);
        cases.put("future", QuarantineReason.DATE_OUT_OF_RANGE);
        r = goodContact();
        r.put("caller_type", "Other - call 416-555-0199");
        records.put("phone", r);
        cases.put("phone", QuarantineReason.IDENTIFIER_DETECTED);
        r = goodContact();
        r.put("caller_type", "jane.doe@example.com");
        records.put("mail", r);
        cases.put("mail", QuarantineReason.IDENTIFIER_DETECTED);
        r = goodContact();
        r.put("community_size", "near M5V 2T6");
        records.put("postal", r);
        cases.put("postal", QuarantineReason.IDENTIFIER_DETECTED);
        r = goodContact();
        r.put("caller_type", "SIN 046-454-286");
        records.put("sin", r);
        cases.put("sin", QuarantineReason.IDENTIFIER_DETECTED);
        r = goodContact();
        r.put("caller_type", "at 123 Main Street");
        records.put("street", r);
        cases.put("street", QuarantineReason.IDENTIFIER_DETECTED);
        r = goodContact();
        r.put("caller_type", "Qu\uFFFDbec");
        records.put("enc", r);
        cases.put("enc", QuarantineReason.BAD_ENCODING);
        r = goodContact();
        r.put("contact_ref", "CT 01/02");
        records.put("ref", r);
        cases.put("ref", QuarantineReason.BAD_TYPE);
        cases.forEach((name, reason) ->
                assertThat(run(records.get(name)).reason()).as(name).isEqualTo(reason));
        assertThat(validator
                        .validate(new String[validator.fieldNames().size()], true)
                        .reason())
                .isEqualTo(QuarantineReason.MALFORMED_ROW);
    }

    @Test
    void hexReferencesAndLabelsWithDigits_areNotMistakenForIdentifiers() {
        Map<String, String> r = goodContact();
        r.put("contact_ref", "CT4165550199abcdef");
        r.put("case_ref", "CS0123456789012345");
        r.put("community_size", "Large urban centre (100,000 or more)");
        assertThat(run(r).valid()).isTrue();
    }

    @Test
    void masking_hidesEveryIdentifierButKeepsTheRest() {
        String masked = IdentifierPatterns.mask("Other - call 416-555-0199 or jane.doe@example.com");
        assertThat(masked).isEqualTo("Other - call *** or ***");
        assertThat(IdentifierPatterns.containsIdentifier(masked)).isFalse();
    }

    @Test
    void booleansAreTyped_andABooleanCodeListOtherThanTrueFalse_isRefused(@TempDir Path dir) throws IOException {
        Map<String, String> r = goodContact();
        RecordValidator.Outcome o = run(r);
        int trafficking = contacts.stagedColumns().indexOf("trafficking_related");
        int referral = contacts.stagedColumns().indexOf("referral_made");
        assertThat(o.staged()[trafficking]).isEqualTo(Boolean.TRUE);
        assertThat(o.staged()[referral]).isEqualTo(Boolean.FALSE);

        Path schemas = dir.resolve("schemas");
        org.apache.commons.io.FileUtils.copyDirectory(Path.of("..", "schemas").toFile(), schemas.toFile());
        Path booleans = schemas.resolve("codes").resolve("boolean.csv");
        Files.writeString(
                booleans,
                Files.readString(booleans).replace("\ntrue;", "\nyes;").replace("\nfalse;", "\nno;"));
        SchemaRegistry edited = SchemaRegistry.load(schemas);
        assertThatThrownBy(() -> new RecordValidator(edited.dataset("contacts"), edited, LocalDate.of(2026, 9, 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly true and false");
    }

    @Test
    void listItems_splitAsTheRegularExpressionDid_andSortedDistinct_asATreeSet() {
        java.util.regex.Pattern bar = java.util.regex.Pattern.compile("\\|");
        List<String> inputs = List.of(
                "a",
                "a|b",
                "a|b|",
                "a||",
                "|a",
                "||a||b||",
                "|",
                "||",
                " a | b ",
                "b|a|b",
                "x| |y",
                "é|e|É",
                "a|b|c|d|e");
        for (String v : inputs) {
            assertThat(RecordValidator.listItems(v)).as(v).containsExactly(bar.split(v));
            String[] items = bar.split(v);
            List<String> expected = List.copyOf(new java.util.TreeSet<>(List.of(items)));
            assertThat(RecordValidator.sortedDistinct(RecordValidator.listItems(v)))
                    .as(v)
                    .isEqualTo(expected);
        }
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder v = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                v.append("ab| ".charAt(random.nextInt(4)));
            }
            String s = v.toString();
            assertThat(RecordValidator.listItems(s)).as("'" + s + "'").containsExactly(bar.split(s));
        }
    }

    @Test
    void everyDayFromValidFromToTheRunDate_getsItsQuarterAndMonth_asTheDateSays() {
        // the names are made once per month in the constructor; each day's must still be its own
        LocalDate day = contacts.validFrom();
        int days = 0;
        while (!day.isAfter(LocalDate.of(2026, 9, 30))) {
            Map<String, String> r = goodContact();
            r.put("contact_date", day.toString());
            RecordValidator.Outcome o = run(r);
            assertThat(staged(o, "reference_quarter"))
                    .as(day.toString())
                    .isEqualTo(day.getYear() + "Q" + ((day.getMonthValue() + 2) / 3));
            assertThat(staged(o, "reference_month"))
                    .as(day.toString())
                    .isEqualTo(day.toString().substring(0, 7));
            day = day.plusDays(1);
            days++;
        }
        assertThat(days).isGreaterThan(2_000);
        // a validator whose years are too many to name in advance names each date as it comes
        RecordValidator wide = new RecordValidator(contacts, SCHEMAS, LocalDate.of(4000, 1, 1));
        Map<String, String> r = goodContact();
        r.put("contact_date", "3999-11-30");
        List<String> names = wide.fieldNames();
        String[] values = new String[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.get(names.get(i));
        }
        RecordValidator.Outcome o = wide.validate(values, false);
        assertThat(staged(o, "reference_quarter")).isEqualTo("3999Q4");
        assertThat(staged(o, "reference_month")).isEqualTo("3999-11");
    }

    /** The pre-test and the reference check as first written, character by character. */
    private static boolean plainMayContain(String value) {
        boolean digit = false;
        boolean letter = false;
        boolean other = false;
        for (char c : value.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (c == '@') {
                return true;
            } else {
                other = true;
            }
        }
        int n = value.length();
        return digit && (other || (letter ? n == 6 : n >= 9 && n <= 11));
    }

    private static boolean plainReference(String v) {
        return v.matches("[A-Za-z0-9_.:-]{1,64}");
    }

    @Test
    void theCharacterClassesByTable_answerAsTheCharacterByCharacterChecks() {
        java.util.Random random = new java.util.Random(17);
        String alphabet = "09afzAFZ_.:-@ /é\u00e9\u0100\uFFFD\u007f\u0080`{[";
        int checked = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder v = new StringBuilder();
            int n = random.nextInt(14);
            for (int k = 0; k < n; k++) {
                // mostly digits and letters, as references are
                v.append(
                        random.nextInt(3) == 0
                                ? alphabet.charAt(random.nextInt(alphabet.length()))
                                : "0123456789abcdefXYZ".charAt(random.nextInt(19)));
            }
            String s = v.toString();
            assertThat(IdentifierPatterns.mayContainIdentifier(s)).as("'%s'", s).isEqualTo(plainMayContain(s));
            assertThat(RecordValidator.isReference(s)).as("'%s'", s).isEqualTo(plainReference(s));
            checked++;
        }
        for (String s : List.of("x".repeat(64), "x".repeat(65), "", "A1B2C3", "4165550199", "a@b", "_.:-")) {
            assertThat(IdentifierPatterns.mayContainIdentifier(s)).as(s).isEqualTo(plainMayContain(s));
            assertThat(RecordValidator.isReference(s)).as(s).isEqualTo(plainReference(s));
        }
        assertThat(checked).isEqualTo(20_000);
    }
}
