package ca.hotlinetrends.reports;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.reports.document.PolicyBriefDocument;
import ca.hotlinetrends.reports.i18n.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text exists in both languages: a key missing from either bundle fails the build here. */
class BundleCompletenessTest {

    private static final ResourceBundle EN = Messages.bundle(Locale.CANADA);
    private static final ResourceBundle FR = Messages.bundle(Locale.CANADA_FRENCH);
    private static final Pattern TEMPLATE_KEY = Pattern.compile("\\bt\\(\"([a-z0-9.]+)\"");
    private static final Pattern JAVA_KEY = Pattern.compile("\\.get\\(\"([a-z][a-z0-9]*(?:\\.[a-z0-9]+)+)\"");
    private static final Pattern JAVA_KEY_ARGUMENT = Pattern.compile(
            "\"((?:chart|table|text|appendix|brief|newsletter|" + "methods|footnote|format|total)\\.[a-z0-9.]+)\"");

    @Test
    void bothBundles_haveTheSameKeys() {
        assertThat(new TreeSet<>(FR.keySet())).isEqualTo(new TreeSet<>(EN.keySet()));
    }

    @Test
    void noText_isEmpty() {
        for (String key : EN.keySet()) {
            assertThat(EN.getString(key)).as("en " + key).isNotBlank();
            assertThat(FR.getString(key)).as("fr " + key).isNotBlank();
        }
    }

    @Test
    void everyKeyTheTemplatesUse_isInBothBundles() throws IOException {
        Set<String> used = new TreeSet<>();
        Path templates = Path.of("src/main/resources/ca/hotlinetrends/reports/templates");
        try (Stream<Path> files = Files.list(templates)) {
            for (Path f : files.toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.removeIf(k -> k.endsWith("."));
        for (PolicyBriefDocument.Section s : ReportRenderer.BRIEF_SECTIONS) {
            used.add("brief.section." + s.key() + ".title");
            used.add("brief.section." + s.key() + ".intro");
        }
        assertThat(used).hasSizeGreaterThan(30);
        assertThat(EN.keySet()).containsAll(used);
        assertThat(FR.keySet()).containsAll(used);
    }

    @Test
    void everyKeyTheCodeNames_isInBothBundles() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (Pattern p : new Pattern[] {JAVA_KEY, JAVA_KEY_ARGUMENT}) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.removeIf(k -> k.startsWith("ca.hotlinetrends") || k.endsWith(".") || k.matches(".*\\.ftl[hx]"));
        assertThat(used).contains("chart.source", "footnote.suppressed", "chart.channel.finding");
        assertThat(EN.keySet()).containsAll(used);
        assertThat(FR.keySet()).containsAll(used);
    }
}
