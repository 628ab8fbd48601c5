package ca.hotlinetrends.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.schema.SchemaRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator draws codes from its own arrays, each beside its weights; {@code schemas/codes/} is the single source
 * of truth. A code list that gains, loses or renames a code must fail here, not silently stop appearing in the
 * synthetic exports (a code the generator writes that the list lacks would also be quarantined by every ingest).
 */
class HotlineModelCodesTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();

    private static Set<String> schemaCodes(String list) {
        return new LinkedHashSet<>(SCHEMAS.codeList(list).codes());
    }

    @Test
    void everyCodeArray_holdsExactlyItsCodeList() {
        Map<String, String[]> arrays = Map.ofEntries(
                Map.entry("province", HotlineModel.PROVINCES),
                Map.entry("community_size", HotlineModel.COMMUNITY),
                Map.entry("channel", HotlineModel.CHANNELS),
                Map.entry("caller_type", HotlineModel.CALLER_TYPES),
                Map.entry("law_enforcement_report", HotlineModel.LE_REPORT),
                Map.entry("gender", HotlineModel.GENDERS),
                Map.entry("age_group", HotlineModel.AGES),
                Map.entry("status_in_canada", HotlineModel.STATUS),
                Map.entry("industry", HotlineModel.INDUSTRIES),
                Map.entry("recruiter_relation", HotlineModel.RECRUITERS),
                Map.entry("means_of_control", HotlineModel.MEANS),
                Map.entry("services_requested", HotlineModel.SERVICES));
        arrays.forEach((list, codes) -> assertThat(new LinkedHashSet<>(List.of(codes)))
                .as("the generator's codes for " + list)
                .hasSize(codes.length)
                .isEqualTo(schemaCodes(list)));
    }

    @Test
    void theFormsOfTrafficking_areSexLabourAndTheOtherTypes() {
        Set<String> generated = new LinkedHashSet<>(List.of("SEX", "LABOUR"));
        generated.addAll(List.of(HotlineModel.OTHER_TYPES));
        assertThat(generated).isEqualTo(schemaCodes("trafficking_type"));
    }
}
