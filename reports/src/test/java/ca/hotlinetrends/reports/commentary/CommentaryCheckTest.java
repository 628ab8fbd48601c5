package ca.hotlinetrends.reports.commentary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.ReportRenderer;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number check and the rendering of commentary on the fixture release (Q3 2026: 1,161 contacts, 228 cases; in
 * 2025 752 cases in Canada, 1.8054... per 100,000, Ontario 1.9128...).
 */
class CommentaryCheckTest {

    private static final Quarter RELEASE = Quarter.parse(Fixtures.RELEASE);
    private static final List<String> BOTH = List.of("en", "fr");

    @TempDir
    Path dir;

    private Path notes(String en, String fr) throws IOException {
        Path d = dir.resolve("notes").resolve(Fixtures.RELEASE);
        Files.createDirectories(d);
        if (en != null) {
            Files.writeString(d.resolve("en.md"), en, StandardCharsets.UTF_8);
        }
        if (fr != null) {
            Files.writeString(d.resolve("fr.md"), fr, StandardCharsets.UTF_8);
        }
        return dir.resolve("notes");
    }

    private ReportRenderer.Prepared prepare(Path release, String en, String fr) throws IOException {
        return ReportRenderer.prepare(
                release,
                Fixtures.RELEASE,
                BOTH,
                ChartTheme.standard(),
                Fixtures.schemas(),
                Notes.read(notes(en, fr), RELEASE, BOTH));
    }

    private List<String> refusals(String en, String fr) throws IOException {
        Path release = Fixtures.copyRelease(dir.resolve("wh"));
        try {
            prepare(release, en, fr);
            return List.of();
        } catch (CommentaryRefusedException e) {
            return e.refusals().stream()
                    .map(r -> r.file().getFileName() + ":" + r.line() + ": " + r.reason())
                    .toList();
        }
    }

    @Test
    void publishedCountsRatesWithTheirRoundingYearsAndQuarters_pass() throws IOException {
        assertThat(refusals(
                        "In Q3 2026 the hotline received 1,161 contacts and found 228 cases.\n"
                                + "In 2025 it found 752 cases, 1.8 per 100,000 (1.81 or 1.805 with more decimals); Ontario 1.9.\n",
                        "Au T3 2026, la ligne a reçu 1 161 contacts et relevé 228 cas.\n"
                                + "En 2025, 752 cas, 1,8 pour 100 000 (1,81 ou 1,805); Ontario 1,9.\n"))
                .isEmpty();
    }

    @Test
    void aRateQuotedAsAWholeNumber_isRefusedWithAHint() throws IOException {
        assertThat(refusals("Canada's rate was about 2 per 100,000.\n", "Le taux était d'environ 2 pour 100 000.\n"))
                .allMatch(r -> r.contains("'2' is not a value published in release 2026Q3") && r.contains("decimals"))
                .hasSize(2);
    }

    @Test
    void aNumberFoundNowhere_isRefusedNamingFileLineAndNumber() throws IOException {
        assertThat(refusals(
                        "Contacts.\n\nWe answered 1,162 contacts.\n",
                        "Contacts.\n\nNous avons répondu à 1 162 contacts.\n"))
                .containsExactly(
                        "en.md:3: '1,162' is not a value published in release 2026Q3, a year, a quarter or an "
                                + "allowed literal",
                        "fr.md:3: '1 162' is not a value published in release 2026Q3, a year, a "
                                + "quarter or an allowed literal");
    }

    @Test
    void notesQuotingDifferentNumbers_areRefused() throws IOException {
        assertThat(refusals("We found 228 cases.\n", "Nous avons relevé 752 cas.\n"))
                .containsExactly(
                        "en.md:1: en.md quotes '228', which fr.md does not: the notes of every language must quote the same numbers",
                        "fr.md:1: fr.md quotes '752', which en.md does not: the notes of every language must quote the same numbers");
    }

    @Test
    void allowedLiterals_passAndMustBeQuoted() throws IOException {
        String front = "---\nallowed_literals:\n  - value: 36\n    reason: Bill C-36 (the law)\n---\n";
        assertThat(refusals(front + "Under Bill C-36.\n", front + "En vertu du projet de loi C-36.\n"))
                .isEmpty();
        assertThat(refusals(front + "Nothing.\n", front + "Rien.\n"))
                .containsExactly(
                        "en.md:3: the allowed literal 36 is not quoted in the note: remove it",
                        "fr.md:3: the allowed literal 36 is not quoted in the note: remove it");
    }

    @Test
    void aValidNote_rendersIntoTheNewsletterAndTheBrief_identicallyTwice() throws IOException {
        String en = "---\nallowed_literals:\n  - value: 36\n    reason: Bill C-36\n---\n"
                + "**Contacts.** We received 1,161 contacts in Q3 2026 (C-36) & <- arrows -> [more](https://example.org/).\n";
        String fr = "---\nallowed_literals:\n  - value: 36\n    reason: Projet de loi C-36\n---\n"
                + "**Contacts.** Nous avons reçu 1 161 contacts au T3 2026 (C-36).\n";
        Map<String, String> first = new LinkedHashMap<>();
        for (String run : List.of("a", "b")) {
            Path release = Fixtures.copyRelease(dir.resolve(run));
            ReportRenderer.Prepared p = ReportRenderer.prepare(
                    release,
                    Fixtures.RELEASE,
                    BOTH,
                    ChartTheme.standard(),
                    Fixtures.schemas(),
                    Notes.read(notes(en, fr), RELEASE, BOTH));
            p.write();
            assertThat(p.commentary().orElseThrow().allowedLiterals())
                    .extracting(l -> l.language() + " " + l.plainValue() + " " + l.reason())
                    .containsExactly("en 36 Bill C-36", "fr 36 Projet de loi C-36");
            String html = Files.readString(release.resolve("reports/newsletter-en.html"));
            assertThat(html)
                    .contains("What we are seeing")
                    .contains("We received 1,161 contacts")
                    .contains("&amp; &lt;- arrows -&gt;")
                    .contains("href=\"https://example.org/\"");
            assertThat(Files.readString(release.resolve("reports/newsletter-fr.html")))
                    .contains("Ce que nous observons")
                    .contains("Nous avons reçu 1 161 contacts");
            for (String f :
                    List.of("newsletter-en.html", "newsletter-fr.html", "policy-brief-en.pdf", "policy-brief-fr.pdf")) {
                String h = sha256(release.resolve("reports").resolve(f));
                if (first.putIfAbsent(f, h) != null) {
                    assertThat(h).as(f).isEqualTo(first.get(f));
                }
            }
        }
    }

    @Test
    void withoutNotes_theDocumentsAreByteIdenticalToBeforeCommentaryExisted() throws Exception {
        Path release = Fixtures.copyRelease(dir);
        ReportRenderer.prepare(
                        release, Fixtures.RELEASE, BOTH, ChartTheme.standard(), Fixtures.schemas(), Optional.empty())
                .write();
        List<String> golden = Files.readAllLines(Path.of(getClass()
                .getResource("/golden/documents-without-commentary.sha256")
                .toURI()));
        for (String line : golden) {
            String[] parts = line.split("\\s+");
            assertThat(sha256(release.resolve("reports").resolve(parts[1])))
                    .as(parts[1])
                    .isEqualTo(parts[0]);
        }
    }

    @Test
    void aRefusal_writesNothing() throws IOException {
        Path release = Fixtures.copyRelease(dir.resolve("wh"));
        assertThatThrownBy(() -> prepare(release, "We found 3 cases.\n", "Nous avons relevé 3 cas.\n"))
                .isInstanceOf(CommentaryRefusedException.class);
        assertThat(release.resolve("reports")).doesNotExist();
        assertThat(release.resolve("charts")).doesNotExist();
    }

    @Test
    void aMissingLanguage_isAUsageError_andAReleaseWithoutAFolderHasNoCommentary() throws IOException {
        Path notes = notes("Only English.\n", null);
        assertThatThrownBy(() -> Notes.read(notes, RELEASE, BOTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no fr.md");
        assertThat(Notes.read(notes, Quarter.parse("2026Q2"), BOTH)).isEmpty();
        assertThat(Notes.read(notes, RELEASE, List.of("en"))).isPresent();
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
