package ca.hotlinetrends.generate;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic hotline export ({@code contacts} and {@code victims}) shaped like {@link HotlineModel},
 * in the headers and spellings of a case-management export, plus {@code dirty-labels.csv} when records
 * are spoiled on purpose. Plain Java, streaming: memory does not grow with the volume.
 *
 * <p>Deterministic: all randomness comes from one {@link SplittableRandom} seeded from the config, and
 * references are a bijective mix of a counter, so they are unique at any scale.
 */
public final class ExportGenerator {

    private final SchemaRegistry schemas;
    private final GenerateConfig config;
    private final SplittableRandom random;
    private final Dataset contacts;
    private final Dataset victims;
    private final BufferedWriter labels;
    private final Map<DirtyKind, Long> planted = new EnumMap<>(DirtyKind.class);
    private long refCounter;

    /** One dataset being written: its schema, column positions and writer. */
    private final class Dataset {
        final DatasetSchema schema;
        final List<FieldSpec> fields;
        final Map<String, Integer> position = new HashMap<>();
        final ExportWriter writer;
        String[] lastClean;

        Dataset(String name, String format) {
            this.schema = schemas.dataset(name);
            this.fields = schema.acceptedFields();
            List<String> headers = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                position.put(fields.get(i).name(), i);
                headers.add(fields.get(i).exportHeader());
            }
            this.writer = ExportWriter.open(
                    format,
                    config.datasets().contains(name) ? config.out().resolve(name + "." + format) : null,
                    headers);
        }

        String[] newRecord() {
            return new String[fields.size()];
        }

        void set(String[] record, String field, String value) {
            Integer i = position.get(field);
            if (i == null) {
                throw new IllegalArgumentException(schema.dataset() + " has no exported field " + field);
            }
            record[i] = value;
        }

        String get(String[] record, String field) {
            return record[position.get(field)];
        }

        /** Writes the record, spoiling it first with probability dirtyRate. */
        void emit(String[] record) {
            if (config.dirtyRate() > 0 && lastClean != null && random.nextDouble() < config.dirtyRate()) {
                DirtyKind kind = DirtyKind.values()[random.nextInt(DirtyKind.values().length)];
                spoil(this, record, kind);
            } else {
                writer.write(record, ExportWriter.Damage.NONE);
                lastClean = record;
            }
        }
    }

    private ExportGenerator(SchemaRegistry schemas, GenerateConfig config, String textFormat) {
        this.schemas = schemas;
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        try {
            Files.createDirectories(config.out());
            this.labels = config.dirtyRate() > 0
                    ? Files.newBufferedWriter(config.out().resolve("dirty-labels.csv"), StandardCharsets.UTF_8)
                    : null;
            if (labels != null) {
                labels.write("dataset,record_number,ref,kind,expected_reason,field\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + config.out(), e);
        }
        this.contacts = new Dataset("contacts", textFormat);
        this.victims = new Dataset("victims", textFormat);
    }

    /** The outcome: records written per dataset and records planted per dirty kind. */
    public record Result(long contacts, long victims, long cases, Map<DirtyKind, Long> planted) {
        public Result {
            planted = Map.copyOf(planted);
        }
    }

    /**
     * Writes the export in CSV or JSON Lines ({@code textFormat}) into {@code config.out()}.
     */
    public static Result write(SchemaRegistry schemas, GenerateConfig config, String textFormat) {
        ExportGenerator g = new ExportGenerator(schemas, config, textFormat);
        try {
            long cases = g.generate();
            return new Result(g.contacts.writer.records(), g.victims.writer.records(), cases, g.planted);
        } finally {
            g.contacts.writer.close();
            g.victims.writer.close();
            if (g.labels != null) {
                try {
                    g.labels.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close dirty-labels.csv", e);
                }
            }
        }
    }

    private long generate() {
        long cases = 0;
        LocalDate lastDay = config.to().lastDay();
        for (Quarter q : config.from().through(config.to())) {
            LocalDate start = q.firstDay().isBefore(HotlineModel.OPENED) ? HotlineModel.OPENED : q.firstDay();
            if (start.isAfter(q.lastDay())) {
                continue;
            }
            double openShare = (q.lastDay().toEpochDay() - start.toEpochDay() + 1.0)
                    / (q.lastDay().toEpochDay() - q.firstDay().toEpochDay() + 1.0);
            double season = HotlineModel.SEASON[q.number() - 1] * openShare * config.scale() / 4.0;
            double meanCases = HotlineModel.annual(HotlineModel.CASES_PER_YEAR, q.year()) * season;
            double meanContacts = HotlineModel.annual(HotlineModel.CONTACTS_PER_YEAR, q.year()) * season;
            long nCases = poisson(meanCases);
            for (long c = 0; c < nCases; c++) {
                writeCase(q, start, lastDay);
            }
            cases += nCases;
            double meanUnlinked = Math.max(0, meanContacts - meanCases * HotlineModel.LINKED_CONTACTS_PER_CASE);
            long nUnlinked = poisson(meanUnlinked);
            for (long c = 0; c < nUnlinked; c++) {
                writeContact(
                        null,
                        randomDate(start, q.lastDay()),
                        pick(HotlineModel.PROVINCES, HotlineModel.PROVINCE_WEIGHTS),
                        null,
                        random.nextDouble() < 0.45);
            }
        }
        return cases;
    }

    private void writeCase(Quarter q, LocalDate start, LocalDate lastDay) {
        String caseRef = ref("CS");
        LocalDate opened = randomDate(start, q.lastDay());
        String province = pick(HotlineModel.PROVINCES, HotlineModel.PROVINCE_WEIGHTS);
        String community = community(province);
        String type = traffickingType(q.year());
        int nVictims = 1 + (random.nextDouble() < 0.28 ? 1 + (random.nextDouble() < 0.3 ? 1 : 0) : 0);
        for (int v = 0; v < nVictims; v++) {
            writeVictim(caseRef, opened, province, community, type);
        }
        int linked = 1 + (int) poisson(HotlineModel.LINKED_CONTACTS_PER_CASE - 1);
        for (int c = 0; c < linked; c++) {
            LocalDate date = opened.plusDays(c == 0 ? 0 : random.nextInt(0, 75));
            if (!date.isAfter(lastDay)) { // follow-up contacts after the export's last day are not in it yet
                writeContact(caseRef, date, province, community, true);
            }
        }
    }

    private void writeVictim(String caseRef, LocalDate opened, String province, String community, String type) {
        boolean labour = type.equals("LABOUR");
        boolean sex = type.equals("SEX") || type.equals("SEX_AND_LABOUR");
        String[] r = victims.newRecord();
        victims.set(r, "victim_ref", ref("PV"));
        victims.set(r, "case_ref", caseRef);
        victims.set(r, "case_opened_date", opened.toString());
        victims.set(r, "province_code", provinceSpelling(province));
        victims.set(r, "community_size", label("community_size", community));
        victims.set(r, "trafficking_type", label("trafficking_type", type));
        victims.set(
                r,
                "industry",
                label(
                        "industry",
                        pick(
                                HotlineModel.INDUSTRIES,
                                labour
                                        ? HotlineModel.INDUSTRY_LABOUR
                                        : sex ? HotlineModel.INDUSTRY_SEX : HotlineModel.INDUSTRY_OTHER)));
        victims.set(
                r,
                "gender",
                label(
                        "gender",
                        pick(
                                HotlineModel.GENDERS,
                                labour
                                        ? HotlineModel.GENDER_LABOUR
                                        : sex ? HotlineModel.GENDER_SEX : HotlineModel.GENDER_OTHER)));
        victims.set(
                r,
                "age_group",
                label("age_group", pick(HotlineModel.AGES, labour ? HotlineModel.AGE_LABOUR : HotlineModel.AGE_SEX)));
        victims.set(
                r,
                "status_in_canada",
                label(
                        "status_in_canada",
                        pick(HotlineModel.STATUS, labour ? HotlineModel.STATUS_LABOUR : HotlineModel.STATUS_SEX)));
        victims.set(
                r,
                "recruiter_relation",
                label(
                        "recruiter_relation",
                        pick(
                                HotlineModel.RECRUITERS,
                                labour ? HotlineModel.RECRUITER_LABOUR : HotlineModel.RECRUITER_SEX)));
        victims.set(
                r,
                "means_of_control",
                random.nextDouble() < HotlineModel.MEANS_KNOWN
                        ? several(
                                "means_of_control",
                                HotlineModel.MEANS,
                                labour ? HotlineModel.MEANS_LABOUR : HotlineModel.MEANS_SEX)
                        : "");
        victims.set(
                r,
                "services_requested",
                random.nextDouble() < HotlineModel.SERVICES_KNOWN
                        ? several(
                                "services_requested",
                                HotlineModel.SERVICES,
                                labour ? HotlineModel.SERVICES_LABOUR : HotlineModel.SERVICES_SEX)
                        : "");
        victims.set(
                r,
                "case_status",
                label("case_status", opened.getYear() < 2026 || random.nextDouble() < 0.3 ? "CLOSED" : "OPEN"));
        victims.emit(r);
    }

    private void writeContact(String caseRef, LocalDate date, String province, String community, boolean trafficking) {
        String[] r = contacts.newRecord();
        contacts.set(r, "contact_ref", ref("CT"));
        contacts.set(r, "case_ref", caseRef == null ? "" : caseRef);
        contacts.set(r, "contact_date", date.toString());
        contacts.set(r, "channel", label("channel", pick(HotlineModel.CHANNELS, HotlineModel.CHANNEL_WEIGHTS)));
        contacts.set(
                r, "caller_type", label("caller_type", pick(HotlineModel.CALLER_TYPES, HotlineModel.CALLER_WEIGHTS)));
        double fr = province.equals("QC") ? 0.72 : province.equals("NB") ? 0.3 : 0.025;
        double u = random.nextDouble();
        contacts.set(r, "language", label("language", u < fr ? "FR" : u < fr + 0.03 ? "OTHER" : "EN"));
        contacts.set(r, "province_code", provinceSpelling(province));
        contacts.set(r, "community_size", label("community_size", community == null ? community(province) : community));
        contacts.set(r, "trafficking_related", label("boolean", Boolean.toString(trafficking)));
        contacts.set(
                r,
                "referral_made",
                label("boolean", Boolean.toString(random.nextDouble() < (caseRef != null ? 0.68 : 0.31))));
        contacts.set(
                r,
                "law_enforcement_report",
                label(
                        "law_enforcement_report",
                        caseRef != null
                                ? pick(HotlineModel.LE_REPORT, HotlineModel.LE_REPORT_WEIGHTS_CASE)
                                : random.nextDouble() < 0.9 ? "NOT_REPORTED" : "UNKNOWN"));
        contacts.emit(r);
    }

    // ---- dirty records

    /** The direct identifiers dirty mode plants (fictitious: 555 numbers, example.com, a sample postal code and SIN). */
    public static final java.util.List<String> PLANTED_IDENTIFIERS = java.util.List.of(
            "416-555-0199", "jane.doe@example.com", "M5V 2T6", "046 454 286", "123 Main Street", "(647) 555 0123");

    private static final String[] IDENTIFIER_CONTEXT = {
        "call back ", "reach her at ", "lives near ", "SIN ", "staying at ", "cell "
    };

    private void spoil(Dataset d, String[] record, DirtyKind kind) {
        String keyField = d.schema.key();
        String field = "";
        ExportWriter.Damage damage = ExportWriter.Damage.NONE;
        String[] r = record.clone();
        switch (kind) {
            case MALFORMED_ROW -> damage = ExportWriter.Damage.MALFORMED;
            case MISSING_REQUIRED -> {
                field = d.schema.dataset().equals("contacts") ? "channel" : "gender";
                d.set(r, field, "");
            }
            case BAD_TYPE -> {
                field = d.schema.dateField();
                d.set(r, field, random.nextBoolean() ? d.get(r, field).substring(0, 5) + "02-30" : "last Tuesday");
            }
            case UNKNOWN_CODE -> {
                field = "province_code";
                d.set(r, field, random.nextBoolean() ? "Ontari" : "ZZ");
            }
            case DATE_OUT_OF_RANGE -> {
                field = d.schema.dateField();
                d.set(
                        r,
                        field,
                        random.nextBoolean() ? "2018-11-03" : (config.to().year() + 3) + "-01-15");
            }
            case DUPLICATE_REF -> {
                field = keyField;
                d.set(r, keyField, d.get(d.lastClean, keyField));
            }
            case IDENTIFIER_DETECTED -> {
                field = d.schema.dataset().equals("contacts") ? "caller_type" : "industry";
                int which = random.nextInt(PLANTED_IDENTIFIERS.size());
                d.set(r, field, d.get(r, field) + " - " + IDENTIFIER_CONTEXT[which] + PLANTED_IDENTIFIERS.get(which));
            }
            case BAD_ENCODING -> {
                field = "province_code";
                d.set(r, field, "Québec");
                damage = ExportWriter.Damage.LATIN1;
            }
            default -> throw new IllegalStateException("unhandled dirty kind " + kind);
        }
        d.writer.write(r, damage);
        if (!config.datasets().contains(d.schema.dataset())) {
            return; // generated for the random stream only: not written, so not labelled
        }
        planted.merge(kind, 1L, Long::sum);
        try {
            labels.write(d.schema.dataset() + "," + d.writer.records() + "," + d.get(r, keyField) + "," + kind.name()
                    + "," + kind.expectedReason() + "," + field + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dirty-labels.csv", e);
        }
    }

    // ---- spellings and draws

    private String label(String codeList, String code) {
        return schemas.codeList(codeList).entry(code).labelEn();
    }

    private String several(String codeList, String[] codes, double[] probabilities) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codes.length; i++) {
            if (random.nextDouble() < probabilities[i]) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(label(codeList, codes[i]));
            }
        }
        return sb.length() == 0 ? label(codeList, "OTHER") : sb.toString();
    }

    /** Mostly the two-letter code, sometimes the English or French name or a common abbreviation. */
    private String provinceSpelling(String code) {
        CodeList.Entry e = schemas.codeList("province").entry(code);
        double u = random.nextDouble();
        if (u < 0.74) {
            return code;
        } else if (u < 0.90) {
            return e.labelEn();
        } else {
            return e.labelFr();
        }
    }

    private String community(String province) {
        boolean territory = province.equals("YT") || province.equals("NT") || province.equals("NU");
        return pick(
                HotlineModel.COMMUNITY,
                territory ? HotlineModel.COMMUNITY_WEIGHTS_TERRITORIES : HotlineModel.COMMUNITY_WEIGHTS);
    }

    private String traffickingType(int year) {
        double labour = HotlineModel.annual(HotlineModel.LABOUR_SHARE, year);
        double u = random.nextDouble();
        if (u < labour) {
            return "LABOUR";
        }
        double rest = 1 - labour;
        double sexShare = 0.69 / (1 - 0.058);
        if (u < labour + rest * Math.min(sexShare, 0.76)) {
            return "SEX";
        }
        return pick(HotlineModel.OTHER_TYPES, HotlineModel.OTHER_TYPE_WEIGHTS);
    }

    private String pick(String[] values, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private LocalDate randomDate(LocalDate first, LocalDate last) {
        return first.plusDays(random.nextLong(0, last.toEpochDay() - first.toEpochDay() + 1));
    }

    /** Poisson draw: Knuth's method for small means, a rounded normal for large ones. */
    private long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 60) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        long k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** A unique reference: a bijective 64-bit mix of a counter keyed by the seed, in hex. */
    private String ref(String prefix) {
        long z = (++refCounter) ^ (config.seed() * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return prefix + String.format("%016x", z);
    }
}
