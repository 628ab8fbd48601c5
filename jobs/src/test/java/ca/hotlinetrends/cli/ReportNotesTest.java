package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.reports.testing.FixtureRelease;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --notes} at the command line, on the reports' fixture release (a published release written in the
 * pipeline's format, with the true values of its suppressed cells, without a Spark run): refusals exit 4 naming the
 * file, the line and the number and change nothing; a valid note is rendered and its literals certified; without
 * notes the documents are those of before commentary existed.
 */
class ReportNotesTest {

    private static final String RELEASE = "2026Q3";

    @TempDir
    static Path dir;

    static Path base;
    /** The true values of the fixture's suppressed count cells (what only the restricted ledger knows). */
    static Map<String, Map<List<String>, Long>> hidden;
    /** Every number written in the published tables, as written. */
    static Set<String> published;

    @BeforeAll
    static void publish() throws IOException {
        base = dir.resolve("base");
        hidden = FixtureRelease.write(base.resolve("published").resolve(RELEASE), 20260930L);
        published = new HashSet<>();
        try (Stream<Path> csv =
                Files.list(base.resolve("published").resolve(RELEASE).resolve("tables"))) {
            for (Path f : csv.toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("#")) {
                        published.addAll(List.of(line.split(",")));
                    }
                }
            }
        }
    }

    record Outcome(int exit, String err) {}

    private static Path warehouse(String name) throws IOException {
        Path wh = dir.resolve(name);
        FileUtils.copyDirectory(base.toFile(), wh.toFile());
        return wh;
    }

    private static Path notes(String name, String en, String fr) throws IOException {
        Path d = dir.resolve("notes-" + name).resolve(RELEASE);
        Files.createDirectories(d);
        Files.writeString(d.resolve("en.md"), en, StandardCharsets.UTF_8);
        Files.writeString(d.resolve("fr.md"), fr, StandardCharsets.UTF_8);
        return d.getParent();
    }

    private static Outcome report(Path warehouse, Path notes) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] args = notes == null
                    ? new String[] {"report", "--release", RELEASE, "--warehouse", warehouse.toString()}
                    : new String[] {
                        "report", "--release", RELEASE, "--warehouse", warehouse.toString(), "--notes", notes.toString()
                    };
            return new Outcome(HotlineTrends.execute(args), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    /** A refusal exits 4 and leaves every published file as it was. */
    private static Outcome refused(String name, String en, String fr) throws IOException {
        Path wh = warehouse(name);
        Map<String, String> before = RunFixture.publicState(wh);
        Outcome o = report(wh, notes(name, en, fr));
        assertThat(o.exit()).as(o.err()).isEqualTo(HotlineTrends.PRIVACY_REFUSED);
        assertThat(RunFixture.publicState(wh)).isEqualTo(before);
        return o;
    }

    @Test
    void aSuppressedCellsTrueValue_isRefusedWithTheLineNamed() throws IOException {
        // A small count the tables suppress, whose true value no published cell shows.
        Map.Entry<List<String>, Long> cell = hidden.get("cases_by_province").entrySet().stream()
                .filter(e -> e.getKey().get(0).equals(RELEASE) && e.getValue() > 0 && e.getValue() < 5)
                .filter(e -> !published.contains(Long.toString(e.getValue())))
                .findFirst()
                .orElseThrow();
        String v = Long.toString(cell.getValue());
        Outcome o = refused(
                "suppressed",
                "**Provinces.**\n\nIn " + cell.getKey().get(1) + " the hotline found\n" + v + " cases this quarter.\n",
                "**Provinces.**\n\nEn " + cell.getKey().get(1) + ", la ligne a relevé\n" + v + " cas ce trimestre.\n");
        assertThat(o.err())
                .contains("refused to publish")
                .contains(Path.of("en.md") + ":4: '" + v + "' is not a value published in release 2026Q3")
                .contains("fr.md:4: '" + v + "'");
    }

    @Test
    void aNumberFoundNowhere_isRefused() throws IOException {
        assertThat(published).doesNotContain("1162");
        Outcome o = refused("nowhere", "We received 1,162 contacts.\n", "Nous avons reçu 1 162 contacts.\n");
        assertThat(o.err())
                .contains("en.md:1: '1,162' is not a value published")
                .contains("fr.md:1: '1 162'");
    }

    @Test
    void notesQuotingDifferentNumbers_areRefused() throws IOException {
        Outcome o = refused("different", "We received 1,161 contacts.\n", "Nous avons relevé 228 cas.\n");
        assertThat(o.err())
                .contains("en.md:1: en.md quotes '1,161', which fr.md does not")
                .contains("fr.md:1: fr.md quotes '228', which en.md does not");
    }

    @Test
    void rawHtmlAndJavascriptLinks_areRefusedBeforeAnythingRuns() throws IOException {
        Outcome o = refused("html", "Text <img src=x onerror=alert(1)>.\n\n[x](javascript:alert(1))\n", "Texte.\n");
        assertThat(o.err()).contains("en.md:1: raw HTML").contains("en.md:3: a link to 'javascript:alert(1)'");
    }

    @Test
    void aValidNote_isRenderedIntoTheNewsletterAndTheBrief_andItsLiteralsCertified() throws IOException {
        Path wh = warehouse("valid");
        String front = "---\nallowed_literals:\n  - value: 36\n    reason: %s\n---\n";
        Outcome o = report(
                wh,
                notes(
                        "valid",
                        front.formatted("Bill C-36, the law on trafficking in persons")
                                + "**Contacts.** The hotline received 1,161 contacts in Q3 2026 (Bill C-36).\n",
                        front.formatted("Projet de loi C-36, la loi sur la traite des personnes")
                                + "**Contacts.** La ligne a reçu 1 161 contacts au T3 2026 (projet de loi C-36).\n"));
        assertThat(o.exit()).as(o.err()).isZero();
        Path release = wh.resolve("published").resolve(RELEASE);
        // Rendered into a staged copy and published whole, as a run publishes: the marker names the command's run,
        // and no staging folder is left beside the release.
        assertThat(Files.readString(release.resolve(ca.hotlinetrends.publish.StagedRelease.COMPLETE_MARKER)))
                .matches("release=2026Q3\ncontent_id=\\d{8}T\\d{6}Z-report-[0-9a-f]{6}\n");
        try (Stream<Path> names = Files.list(wh.resolve("published"))) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(RELEASE, "index.html", "index-fr.html");
        }
        assertThat(Files.readString(release.resolve("reports/newsletter-en.html")))
                .contains("The hotline received 1,161 contacts in Q3 2026 (Bill C-36).");
        assertThat(pdfText(release.resolve("reports/policy-brief-fr.pdf")))
                .contains("Faits saillants")
                .contains("La ligne a reçu 1 161 contacts au T3 2026");
        JsonNode certificate =
                new ObjectMapper().readTree(release.resolve("certificate.json").toFile());
        assertThat(certificate.path("commentary").path("languages").toString()).isEqualTo("[\"en\",\"fr\"]");
        assertThat(certificate.path("commentary").path("allowed_literals").toString())
                .isEqualTo(
                        "[{\"language\":\"en\",\"value\":\"36\",\"reason\":\"Bill C-36, the law on trafficking in persons\"},"
                                + "{\"language\":\"fr\",\"value\":\"36\",\"reason\":\"Projet de loi C-36, la loi sur la traite "
                                + "des personnes\"}]");
        assertThat(certificate
                        .path("files_sha256")
                        .path("reports/newsletter-en.html")
                        .asText())
                .isNotEmpty();

        // Rendered again without notes: the commentary leaves the documents and the certificate.
        assertThat(report(wh, null).exit()).isZero();
        assertThat(Files.readString(release.resolve("reports/newsletter-en.html")))
                .doesNotContain("Bill C-36")
                .doesNotContain("What we are seeing");
        assertThat(new ObjectMapper()
                        .readTree(release.resolve("certificate.json").toFile())
                        .has("commentary"))
                .isFalse();
    }

    @Test
    void withoutNotes_theDocumentsAreByteIdenticalToBeforeCommentaryExisted() throws Exception {
        Path wh = warehouse("none");
        assertThat(report(wh, null).exit()).isZero();
        try (var in = ReportNotesTest.class.getResourceAsStream("/golden/documents-without-commentary.sha256")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.split("\\s+");
                Path doc = wh.resolve("published")
                        .resolve(RELEASE)
                        .resolve("reports")
                        .resolve(parts[1]);
                assertThat(ca.hotlinetrends.warehouse.RunManifest.sha256(doc))
                        .as(parts[1])
                        .isEqualTo(parts[0]);
            }
        }
    }

    private static String pdfText(Path pdf) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
