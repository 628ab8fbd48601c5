package ca.hotlinetrends.reports.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.reports.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void knownKey_isTranslatedAndEscaped() {
        String html = new Templates().render("test-known-key.ftlh", Map.of("value", "<b>"), Fixtures.messages("fr"));
        assertThat(html)
                .contains("Méthodes et confidentialité")
                .contains("&lt;b&gt;")
                .doesNotContain("<b>");
    }

    @Test
    void missingKey_failsTheRendering() {
        assertThatThrownBy(() -> new Templates().render("test-missing-key.ftlh", Map.of(), Fixtures.messages("en")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no.such.key");
    }

    @Test
    void missingVariable_failsTheRendering() {
        assertThatThrownBy(() -> new Templates().render("test-known-key.ftlh", Map.of(), Fixtures.messages("en")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("value");
    }
}
