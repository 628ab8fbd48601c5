package ca.hotlinetrends.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {

    @Test
    void committedDictionary_matchesTheSchemas() throws Exception {
        Path committed = ProjectRoot.find().resolve("docs/data-dictionary.md");
        assertThat(committed)
                .as("docs/data-dictionary.md: run bin/hotline-trends dictionary")
                .exists();
        String expected =
                DataDictionary.render(SchemaRegistry.load(ProjectRoot.find().resolve("schemas")));
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/data-dictionary.md is stale: regenerate it with bin/hotline-trends dictionary")
                .isEqualTo(expected);
    }

    @Test
    void aChangedSchema_changesTheDictionary(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path schemas = ProjectRoot.find().resolve("schemas");
        Path copy = ProjectRoot.copySchemas(temp.resolve("schemas"));
        Path contacts = copy.resolve("datasets/contacts.schema.json");
        Files.writeString(
                contacts,
                Files.readString(contacts)
                        .replace(
                                "How the contact reached the hotline.",
                                "How the contact reached the hotline (edited)."));
        assertThat(DataDictionary.render(SchemaRegistry.load(copy)))
                .isNotEqualTo(DataDictionary.render(SchemaRegistry.load(schemas)))
                .contains("(edited)");
    }

    @Test
    void dictionary_coversEveryDatasetFieldAndCodeList() {
        SchemaRegistry registry = SchemaRegistry.load();
        String md = DataDictionary.render(registry);
        for (DatasetSchema d : registry.datasets()) {
            for (FieldSpec f : d.fields()) {
                assertThat(md).contains("`" + f.name() + "`");
            }
        }
        for (CodeList c : registry.codeLists()) {
            assertThat(md).contains("### Code list `" + c.name() + "`");
        }
    }

    @Test
    void microdataSection_listsWhatTheExtractKeeps_andTableRowsKeepTheirCells() {
        SchemaRegistry registry = SchemaRegistry.load();
        String md = DataDictionary.render(registry);
        String microdata =
                md.substring(md.indexOf("## Record-level microdata"), md.indexOf("## Generalisation hierarchies"));
        for (DatasetSchema d : registry.datasets()) {
            String section = microdata.substring(microdata.indexOf("### `" + d.dataset() + "` microdata"));
            section = section.substring(0, section.indexOf("\n\n", section.indexOf("| `record_id`")));
            assertThat(section).contains("| `record_id` | string |");
            for (String c : d.stagedColumns()) {
                boolean technical = d.hasField(c)
                        ? d.field(c).role() == PrivacyRole.TECHNICAL
                        : d.derived().stream().anyMatch(x -> x.name().equals(c) && x.role() == PrivacyRole.TECHNICAL);
                assertThat(section.contains("| `" + c + "` |"))
                        .as("%s.%s", d.dataset(), c)
                        .isEqualTo(!technical);
            }
        }
        // Every row of a table has as many cells as its header: a bare | in a description would add one.
        String[] lines = md.split("\n");
        int cells = -1;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                cells = -1;
                continue;
            }
            int n = line.replace("\\|", "").split("\\|", -1).length;
            if (cells < 0) {
                cells = n;
            }
            assertThat(n).as(line).isEqualTo(cells);
        }
    }
}
