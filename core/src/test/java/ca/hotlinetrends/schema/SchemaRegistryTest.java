package ca.hotlinetrends.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryTest {

    private final SchemaRegistry registry = SchemaRegistry.load();

    @Test
    void classpathCopy_equalsTheSchemasFolder() {
        SchemaRegistry folder = SchemaRegistry.load(ProjectRoot.find().resolve("schemas"));
        assertThat(DataDictionary.render(folder)).isEqualTo(DataDictionary.render(registry));
    }

    @Test
    void bothInputDatasets_areDeclared() {
        assertThat(registry.datasets()).extracting(DatasetSchema::dataset).containsExactly("contacts", "victims");
        assertThat(registry.dataset("contacts").key()).isEqualTo("contact_ref");
        assertThat(registry.dataset("victims").field("means_of_control").type()).isEqualTo(FieldType.STRING_LIST);
    }

    @Test
    void directIdentifiersAndExactDates_areNeverStaged() {
        for (DatasetSchema d : registry.datasets()) {
            assertThat(d.directIdentifiers()).isNotEmpty();
            for (FieldSpec id : d.directIdentifiers()) {
                assertThat(d.stagedColumns()).doesNotContain(id.name());
            }
            assertThat(d.stagedColumns()).doesNotContain(d.dateField()).contains("reference_quarter");
        }
    }

    @Test
    void everyQuasiIdentifier_hasAHierarchyCoveringItsCodes() {
        for (DatasetSchema d : registry.datasets()) {
            for (String qi : d.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER)) {
                Hierarchy h = registry.hierarchy(qi);
                assertThat(h.valuesAt(h.height() - 1)).containsExactly("*");
                if (d.hasField(qi) && d.field(qi).codeList().isPresent()) {
                    assertThat(h.leaves())
                            .containsExactlyInAnyOrderElementsOf(
                                    registry.codeList(d.field(qi).codes()).codes());
                }
            }
        }
        assertThat(registry.hierarchy("province_code").generalise("ON", 1)).isEqualTo("ONTARIO");
        assertThat(registry.hierarchy("reference_quarter").generalise("2026Q3", 2))
                .isEqualTo("2026");
    }

    @Test
    void provinces_areThirteenWithRegionsAndSgcCodes() {
        CodeList provinces = registry.codeList("province");
        assertThat(provinces.codes()).hasSize(13);
        assertThat(provinces.entry("QC").labelFr()).isEqualTo("Québec");
        assertThat(provinces.entry("NU").attribute("region")).isEqualTo("TERRITORIES");
        assertThat(provinces.entry("ON").attribute("sgc_code")).isEqualTo("35");
    }

    @Test
    void population_matchesStatisticsCanadaAndFlagsStandIns() {
        Population p = registry.population();
        assertThat(p.of("ON", 2024).population()).isEqualTo(16_144_797L);
        assertThat(p.of("NU", 2019).population()).isEqualTo(38_839L);
        assertThat(p.of("ON", 2024).standIn()).isFalse();
        Population.Figure beyond = p.of("BC", 2026);
        assertThat(beyond.standIn()).isTrue();
        assertThat(beyond.sourceYear()).isEqualTo(2025);
        assertThat(beyond.population()).isEqualTo(5_697_536L);
        assertThat(p.canada(2021).population()).isEqualTo(38_239_864L).isEqualTo(sumCheck(p, 2021));
        assertThatThrownBy(() -> p.of("ON", 2018))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts in 2019");
    }

    private static long sumCheck(Population p, int year) {
        long sum = 0;
        for (String code : SchemaRegistry.load().codeList("province").codes()) {
            sum += p.of(code, year).population();
        }
        return sum;
    }

    @Test
    void aQuasiIdentifierWithoutHierarchy_failsAtLoad(@TempDir Path temp) throws Exception {
        Path copy = ProjectRoot.copySchemas(temp.resolve("schemas"));
        Files.delete(copy.resolve("hierarchies/gender.csv"));
        assertThatThrownBy(() -> SchemaRegistry.load(copy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gender")
                .hasMessageContaining("no hierarchy");
    }
}
