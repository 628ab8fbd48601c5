package ca.hotlinetrends.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the data dictionary ({@code docs/data-dictionary.md}) from the schema files. The committed file
 * is checked against this rendering by a test, so it cannot go stale.
 */
public final class DataDictionary {

    private DataDictionary() {}

    /** The dictionary as Markdown. Deterministic: the same schemas give the same text. */
    public static String render(SchemaRegistry registry) {
        StringBuilder md = new StringBuilder();
        md.append("# Data dictionary\n\n");
        md.append("Generated from `schemas/` by `bin/hotline-trends dictionary`; do not edit by hand ")
                .append("(a test fails when this file is stale).\n\n");
        md.append("Privacy roles: `direct_identifier` (never ingested: an export carrying it is refused), ")
                .append("`quasi_identifier` (generalised or suppressed before any record-level release), ")
                .append("`sensitive` (protected by l-diversity and cell suppression), `measure`, ")
                .append("`technical` (references and exact dates: never published as exported).\n\n");
        md.append("## Input datasets\n\n");
        for (DatasetSchema d : registry.datasets()) {
            md.append("### `")
                    .append(d.dataset())
                    .append("` (schema version ")
                    .append(d.version())
                    .append(")\n\n");
            md.append(d.description())
                    .append(" Key: `")
                    .append(d.key())
                    .append("`. Records dated before ")
                    .append(d.validFrom())
                    .append(" or in the future are rejected.\n\n");
            md.append("| column | export header | type | nullable | role | codes | description |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (FieldSpec f : d.fields()) {
                md.append("| `")
                        .append(f.name())
                        .append("` | ")
                        .append(f.exportHeader())
                        .append(" | ")
                        .append(f.type().code())
                        .append(" | ")
                        .append(f.nullable() ? "yes" : "no")
                        .append(" | ")
                        .append(f.role().code())
                        .append(" | ")
                        .append(f.codeList()
                                .map(c -> "[" + c + "](#code-list-" + c.replace('_', '-') + ")")
                                .orElse(""))
                        .append(" | ")
                        .append(cell(f.description()))
                        .append(" |\n");
            }
            md.append("\nDerived at ingest:\n\n");
            for (DerivedField f : d.derived()) {
                md.append("- `")
                        .append(f.name())
                        .append("` (")
                        .append(f.type().code())
                        .append(", ")
                        .append(f.role().code())
                        .append(", from `")
                        .append(f.from())
                        .append("`): ")
                        .append(f.description())
                        .append('\n');
            }
            md.append("\nStaged columns: ")
                    .append(d.stagedColumns().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                    .append(".\n\n");
            AnonymizationSpec a = d.anonymization();
            if (a.attacker() != null || !a.quasiIdentifiers().isEmpty()) {
                md.append("Record-level release. Attacker: ")
                        .append(a.attacker() == null ? "not stated" : a.attacker())
                        .append("\n\n| quasi-identifier | levels allowed | weight | why |\n|---|---|---|---|\n");
                a.quasiIdentifiers()
                        .forEach((c, l) -> md.append("| `")
                                .append(c)
                                .append("` | ")
                                .append(l.minLevel() == null ? "0" : l.minLevel())
                                .append(" to ")
                                .append(l.maxLevel() == null ? "top" : l.maxLevel())
                                .append(" | ")
                                .append(l.weight() == null ? "1" : l.weight())
                                .append(" | ")
                                .append(l.reason() == null ? "" : cell(l.reason()))
                                .append(" |\n"));
                if (a.lDiversity() != null) {
                    md.append("\nEvery class is ")
                            .append(a.lDiversity().variant())
                            .append(" ")
                            .append(a.lDiversity().l())
                            .append("-diverse in `")
                            .append(a.lDiversity().attribute())
                            .append("`.\n");
                }
                md.append('\n');
            }
            if (!d.researchWorkload().isEmpty()) {
                md.append("Research workload (the utility of each release is measured on it):\n\n");
                for (ResearchQuery q : d.researchWorkload()) {
                    md.append("- `")
                            .append(q.name())
                            .append("`: ")
                            .append(q.description())
                            .append(" (")
                            .append(q.columns().entrySet().stream()
                                    .map(e -> "`" + e.getKey() + "` at level " + e.getValue())
                                    .collect(Collectors.joining(", ")))
                            .append(")\n");
                }
                md.append('\n');
            }
        }
        md.append("## Published tables\n\n");
        for (TableSchema t : registry.tables()) {
            md.append("### `")
                    .append(t.table())
                    .append("` (version ")
                    .append(t.version())
                    .append(")\n\n");
            md.append(t.titleEn())
                    .append(" / ")
                    .append(t.titleFr())
                    .append(". Counts ")
                    .append(t.counts())
                    .append(" from `")
                    .append(t.sourceDataset())
                    .append("`")
                    .append(t.derivedFrom() == null ? "" : ", derived from `" + t.derivedFrom() + "`")
                    .append("; periods: ")
                    .append(String.join(", ", t.periods()))
                    .append(t.multiValued() ? "; multi-valued" : "")
                    .append(".\n\n");
            md.append("| column | type | description |\n|---|---|---|\n");
            for (TableSchema.Column c : t.columns()) {
                md.append("| `")
                        .append(c.name())
                        .append("` | ")
                        .append(c.type().code())
                        .append(" | ")
                        .append(cell(c.description()))
                        .append(" |\n");
            }
            md.append("\n").append(t.rules()).append("\n\n");
        }
        microdata(registry, md);
        md.append("## Generalisation hierarchies\n\n");
        md.append(
                "In `schemas/hierarchies/`, `;`-separated, one row per value then each higher level, the last `*`.\n\n");
        md.append("| attribute | levels | leaves |\n|---|---|---|\n");
        for (Hierarchy h : registry.hierarchies()) {
            md.append("| `")
                    .append(h.attribute())
                    .append("` | ")
                    .append(h.height())
                    .append(" | ")
                    .append(h.leafCount())
                    .append(" |\n");
        }
        md.append("\n## Code lists\n\n");
        for (CodeList list : registry.codeLists()) {
            md.append("### Code list `").append(list.name()).append("`\n\n");
            List<String> extra = list.entries().get(0).attributes().keySet().stream()
                    .sorted()
                    .toList();
            md.append("| code | English | French |");
            extra.forEach(a -> md.append(' ').append(a).append(" |"));
            md.append("\n|---|---|---|");
            extra.forEach(a -> md.append("---|"));
            md.append('\n');
            for (CodeList.Entry e : list.entries()) {
                md.append("| `")
                        .append(e.code())
                        .append("` | ")
                        .append(e.labelEn())
                        .append(" | ")
                        .append(e.labelFr())
                        .append(" |");
                extra.forEach(a -> md.append(' ').append(e.attributes().get(a)).append(" |"));
                md.append('\n');
            }
            md.append('\n');
        }
        Population p = registry.population();
        md.append("## Population\n\n")
                .append(p.source())
                .append(", years ")
                .append(p.firstYear())
                .append(" to ")
                .append(p.lastYear())
                .append(" (file version ")
                .append(p.version())
                .append("). A later year uses the latest figure and is flagged as a stand-in.\n");
        return md.toString();
    }

    /** The record-level release: the columns each dataset's extract keeps, and what they hold. */
    private static void microdata(SchemaRegistry registry, StringBuilder md) {
        md.append("## Record-level microdata\n\n");
        md.append("`published/<release>/microdata/<dataset>/`: Parquet, about 500,000 records a file, with ")
                .append(
                        "`anonymization.json` (k, suppression limit, the generalisation chosen, risks before and after). ")
                .append("The staged records of the years the extract covers, generalised, with single values blanked ")
                .append(
                        "(`*`) where a record's class would otherwise stay under k; records that cannot reach k, and, in ")
                .append(
                        "closed-year extracts, a few held back each year, are left out. Technical columns (the export's ")
                .append("references, the month) are dropped. The records are in an order of their published values ")
                .append("alone (equal records side by side), not a random one: order by `record_id` for a ")
                .append("pseudo-random order.\n\n");
        for (DatasetSchema d : registry.datasets()) {
            md.append("### `").append(d.dataset()).append("` microdata\n\n");
            md.append("| column | type | description |\n|---|---|---|\n");
            md.append(
                            "| `record_id` | string | `R` and 16 hexadecimal digits, new in every release: never the export's ")
                    .append("reference, and not the same for a record across releases. |\n");
            for (String c : d.stagedColumns()) {
                PrivacyRole role;
                String type;
                String description;
                if (d.hasField(c)) {
                    FieldSpec f = d.field(c);
                    role = f.role();
                    type = f.type().code();
                    description = f.description();
                } else {
                    DerivedField f = d.derived().stream()
                            .filter(x -> x.name().equals(c))
                            .findFirst()
                            .orElseThrow();
                    role = f.role();
                    type = f.type().code();
                    description = f.description();
                }
                if (role == PrivacyRole.TECHNICAL) {
                    continue;
                }
                if (role == PrivacyRole.QUASI_IDENTIFIER) {
                    type = "string";
                    description = description + " Quasi-identifier: the code, or a coarser value from "
                            + "`schemas/hierarchies/` at the level `anonymization.json` names, `*` at the top level.";
                }
                md.append("| `")
                        .append(c)
                        .append("` | ")
                        .append(type)
                        .append(" | ")
                        .append(cell(description))
                        .append(" |\n");
            }
            md.append('\n');
        }
    }

    /** Text for a Markdown table cell: a bare {@code |} would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
