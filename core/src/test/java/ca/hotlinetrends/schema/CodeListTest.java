package ca.hotlinetrends.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeListTest {

    private final CodeList provinces = SchemaRegistry.load().codeList("province");

    @Test
    void ontarioSpellings_normaliseToOn() {
        for (String raw : List.of("Ontario", "ON", "Ont.", " ontario ", "on")) {
            assertThat(provinces.normalise(raw)).as(raw).contains("ON");
        }
    }

    @Test
    void quebecSpellings_normaliseToQc() {
        for (String raw : List.of("Québec", "Quebec", "QC", "PQ", "QUÉBEC")) {
            assertThat(provinces.normalise(raw)).as(raw).contains("QC");
        }
    }

    @Test
    void unknownSpellings_areNotGuessed() {
        for (String raw : List.of("Ontari", "Quebek", "", "Canada", "ZZ")) {
            assertThat(provinces.normalise(raw)).as(raw).isEmpty();
        }
    }

    @Test
    void aSpellingForTwoCodes_isRejected() {
        assertThatThrownBy(() ->
                        CodeList.parse("x", List.of("code;label_en;label_fr;aliases", "A;a;a;Same", "B;b;b;same")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both A and B");
    }
}
