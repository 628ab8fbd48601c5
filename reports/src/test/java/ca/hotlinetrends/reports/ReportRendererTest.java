package ca.hotlinetrends.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererTest {

    private static final ChartTheme THEME = ChartTheme.standard();

    @TempDir
    static Path shared;

    private static Path rendered;
    private static ReportResult result;

    @TempDir
    Path tmp;

    @BeforeAll
    static void renderOnce() {
        rendered = Fixtures.copyRelease(shared);
        result = ReportRenderer.render(rendered, Fixtures.RELEASE, List.of("en", "fr"), THEME);
    }

    private static String plain(String s) {
        return s.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return plain(new PDFTextStripper().getText(doc));
        }
    }

    @Test
    void writesPngAndSvgOfEveryChartAndBothDocumentsPerLanguage() throws IOException {
        assertThat(result.release()).isEqualTo("2026Q3");
        assertThat(result.charts()).hasSize(2 * 2 * 10).allSatisfy(p -> {
            assertThat(p.getParent()).isEqualTo(rendered.resolve("charts"));
            assertThat(p).isNotEmptyFile();
        });
        assertThat(result.charts())
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "contacts-by-channel-en.png",
                        "contacts-by-channel-fr.svg",
                        "rate-map-fr.png",
                        "changes-by-province-en.svg");
        assertThat(result.documents())
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "newsletter-en.html", "policy-brief-en.pdf", "newsletter-fr.html", "policy-brief-fr.pdf");
        assertThat(result.documents())
                .allSatisfy(p -> assertThat(p.getParent()).isEqualTo(rendered.resolve("reports")));
        assertThatThrownBy(() -> result.charts().add(rendered)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sameRelease_rendersByteIdenticalFiles() throws IOException {
        Path again = Fixtures.copyRelease(tmp);
        ReportResult second = ReportRenderer.render(again, Fixtures.RELEASE, List.of("en", "fr"), THEME);
        List<Path> first = new ArrayList<>(result.charts());
        first.addAll(result.documents());
        first.addAll(result.site());
        List<Path> other = new ArrayList<>(second.charts());
        other.addAll(second.documents());
        other.addAll(second.site());
        assertThat(other).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(other.get(i)))
                    .as(first.get(i).getFileName().toString())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }

    @Test
    void site_hasAReleasePagePerLanguage_andAPagePerTableAndLanguage_withIdsUniqueOnEachPage() throws Exception {
        assertThat(result.site())
                .extracting(p -> rendered.relativize(p).toString().replace('\\', '/'))
                .contains(
                        "index.html",
                        "index-fr.html",
                        "site/cases_by_province-en.html",
                        "site/cases_by_province-fr.html");
        String en = Files.readString(rendered.resolve("index.html"), StandardCharsets.UTF_8);
        String fr = Files.readString(rendered.resolve("index-fr.html"), StandardCharsets.UTF_8);
        assertThat(en)
                .contains("<html lang=\"en\">", "href=\"index-fr.html\" lang=\"fr\" hreflang=\"fr\"")
                .doesNotContain("<script", "<?xml")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(fr).contains("<html lang=\"fr\">", "href=\"index.html\" lang=\"en\" hreflang=\"en\"");
        // Ten charts inlined as images described by their finding, each beside its data table.
        assertThat(Pattern.compile("<svg role=\"img\" aria-labelledby=\"([a-z0-9-]+)-finding\"")
                        .matcher(en)
                        .results()
                        .count())
                .isEqualTo(10);
        for (Path page : List.of(rendered.resolve("index.html"), rendered.resolve("index-fr.html"))) {
            Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(Files.readString(page, StandardCharsets.UTF_8));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (ids.find()) {
                assertThat(seen.add(ids.group(1)))
                        .as("id %s on %s", ids.group(1), page.getFileName())
                        .isTrue();
            }
            assertThat(seen).hasSizeGreaterThan(20);
        }
        // Every downloadable file is listed with the SHA-256 of its bytes.
        Path csv = rendered.resolve("tables/cases_by_province.csv");
        String sha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv)));
        assertThat(en)
                .contains(
                        "<a href=\"tables/cases_by_province.csv\">tables/cases_by_province.csv</a></th><td class=\"n\">"
                                + String.format(java.util.Locale.ROOT, "%,d", Files.size(csv)) + "</td><td><code>" + sha
                                + "</code>");
    }

    @Test
    void tablePages_showXWhereTheCsvDoes_andNoRawStatus() throws IOException {
        String page = Files.readString(rendered.resolve("site/cases_by_province-en.html"), StandardCharsets.UTF_8);
        long suppressedInCsv = Files.readAllLines(rendered.resolve("tables/cases_by_province.csv")).stream()
                .filter(l -> !l.startsWith("#") && l.endsWith(",suppressed"))
                .count();
        assertThat(suppressedInCsv).isPositive();
        assertThat(Pattern.compile("<td class=\"n\">x</td>")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(suppressedInCsv);
        assertThat(page)
                .contains("x: suppressed to protect confidentiality")
                .doesNotContain(">suppressed<", ">published<");
    }

    @Test
    void svg_hasNoTimeBasedIdentifiers() throws IOException {
        String svg = Files.readString(rendered.resolve("charts/rate-map-fr.svg"), StandardCharsets.UTF_8);
        Matcher ids = Pattern.compile("id=\"([^\"]+)\"").matcher(svg);
        int n = 0;
        while (ids.find()) {
            assertThat(ids.group(1)).startsWith("ratemapfr-");
            n++;
        }
        assertThat(n).isPositive();
    }

    @Test
    void newsletter_isEmailFriendly() throws IOException {
        String html = Files.readString(rendered.resolve("reports/newsletter-fr.html"), StandardCharsets.UTF_8);
        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<style")
                .doesNotContainIgnoringCase("<link")
                .contains("lang=\"fr\"")
                .contains("width:640px");
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"\\d+\" alt=\"([^\"]*)\"")
                .matcher(html);
        List<String> alts = new ArrayList<>();
        while (img.find()) {
            assertThat(rendered.resolve("reports").resolve(img.group(1)).normalize())
                    .isNotEmptyFile();
            assertThat(img.group(1)).endsWith("-fr.png");
            assertThat(img.group(2)).isEqualTo("600");
            alts.add(img.group(3));
        }
        assertThat(alts).hasSizeBetween(3, 5).allSatisfy(a -> assertThat(a).hasSizeGreaterThan(40));
        assertThat(alts.get(1)).contains("Traite à des fins de travail forcé");
        assertThat(plain(html))
                .contains("1 161")
                .contains("T3 2026")
                .contains("Méthodes et confidentialité")
                .contains("+33,3 % (significative)");
    }

    @Test
    void newsletter_inEnglish_statesTheHeadlineNumbersAndChanges() throws IOException {
        String html = Files.readString(rendered.resolve("reports/newsletter-en.html"), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("Contacts, Q3 2026")
                .contains("1,161")
                .contains("Cases, Q3 2026")
                .contains("+33.3% (significant)")
                .contains("counts from 1 to 4 are suppressed");
    }

    @Test
    void policyBrief_hasFixedDatesAndIdAndEmbedsDejaVuSans() throws Exception {
        try (PDDocument doc =
                Loader.loadPDF(rendered.resolve("reports/policy-brief-en.pdf").toFile())) {
            assertThat(doc.getNumberOfPages()).isBetween(8, 20);
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
            assertThat(doc.getDocumentInformation().getModificationDate().toInstant())
                    .isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
            COSArray id = doc.getDocument().getTrailer().getCOSArray(COSName.ID);
            byte[] expected = MessageDigest.getInstance("MD5")
                    .digest("hotline-trends/2026Q3/policy-brief/en".getBytes(StandardCharsets.UTF_8));
            assertThat(((COSString) id.get(0)).getBytes()).isEqualTo(expected);
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont f = page.getResources().getFont(name);
                    fonts.add(f.getName());
                    assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(f -> assertThat(f).contains("DejaVuSans"));
        }
    }

    @Test
    void policyBrief_inFrench_keepsAccentsAndFrenchNumbers() throws IOException {
        String text = pdfText(rendered.resolve("reports/policy-brief-fr.pdf"));
        assertThat(text)
                .contains("Île-du-Prince-Édouard")
                .contains("Québec")
                .contains("T3 2026")
                .contains("Chiffres clés")
                .contains("Annexe : méthodes et confidentialité")
                .contains("Tableau de données : Cas pour 100 000 habitants par province ou territoire, 2025")
                .contains("1 161")
                .contains("Nombre minimal par cellule")
                .contains("réussie")
                .doesNotContain("Q3 2026");
    }

    @Test
    void policyBrief_showsEveryChartsTableWithSuppressedCellsAsX() throws IOException {
        String text = pdfText(rendered.resolve("reports/policy-brief-en.pdf"));
        for (String caption : List.of(
                "Data table: Cases per year, Canada, 2019 to 2025",
                "Data table: Contacts by caller type, 2025",
                "Data table: Services requested, 2025",
                "Data table: Change in cases, Q3 2026 compared with Q3 2025")) {
            assertThat(text).contains(caption);
        }
        assertThat(text).containsPattern("Yukon x 48,278 x x x");
        assertThat(text).contains("k-anonymity of record-level extracts (k) 11");
    }

    @Test
    void policyBrief_hasNoBlankPage() throws IOException {
        for (String lang : List.of("en", "fr")) {
            try (PDDocument doc = Loader.loadPDF(
                    rendered.resolve("reports/policy-brief-" + lang + ".pdf").toFile())) {
                PDFTextStripper stripper = new PDFTextStripper();
                for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                    stripper.setStartPage(page);
                    stripper.setEndPage(page);
                    List<String> lines = stripper.getText(doc)
                            .lines()
                            .filter(l -> !l.isBlank())
                            .toList();
                    assertThat(lines).as(lang + " page " + page).hasSizeGreaterThan(3);
                }
            }
        }
    }

    @Test
    void certificateWithoutOptionalSections_rendersNotPartOfThisRelease() throws IOException {
        Path dir = Fixtures.copyRelease(tmp);
        Files.writeString(
                dir.resolve("certificate.json"),
                "{\"release\":\"2026Q3\",\"table_protection\":{\"min_cell_count\":5}}");
        ReportResult r = ReportRenderer.render(dir, Fixtures.RELEASE, List.of("en"), THEME);
        assertThat(r.documents()).hasSize(2);
        String text = pdfText(dir.resolve("reports/policy-brief-en.pdf"));
        assertThat(text)
                .contains("k-anonymity of record-level extracts (k) not part of this release")
                .contains("Attacker audit not part of this release");
        assertThat(Files.readString(dir.resolve("reports/newsletter-en.html")))
                .contains("Cells suppressed in this release: not part of this release.");
    }

    @Test
    void aReleaseWithRevisions_saysWhichPeriodsItRevises_inBothLanguages() throws IOException {
        Path dir = Fixtures.copyRelease(tmp);
        Path cert = dir.resolve("certificate.json");
        String json = Files.readString(cert);
        Files.writeString(
                cert,
                json.substring(0, json.lastIndexOf('}'))
                        + ", \"revisions\": {\"periods\": [\"2025Q2\", \"2025Q1-Q2\"], \"cells_revised_and_published\": 7}}\n");
        ReportRenderer.render(dir, Fixtures.RELEASE, List.of("en", "fr"), THEME);
        assertThat(plain(Files.readString(dir.resolve("reports/newsletter-en.html"))))
                .contains("Revised in this release, because of records that arrived late: Q2 2025, Q1 to Q2 2025.");
        assertThat(plain(Files.readString(dir.resolve("reports/newsletter-fr.html"))))
                .contains(
                        "Révisé dans cette diffusion, en raison de dossiers arrivés en retard : T2 2025, T1 à T2 2025.");
        assertThat(pdfText(dir.resolve("reports/policy-brief-en.pdf")))
                .contains("Periods revised in this release (late records) Q2 2025, Q1 to Q2 2025");
        // Without revisions the sentence is absent and the appendix says none.
        assertThat(plain(Files.readString(rendered.resolve("reports/newsletter-en.html"))))
                .doesNotContain("Revised in this release");
        assertThat(pdfText(rendered.resolve("reports/policy-brief-en.pdf")))
                .contains("Periods revised in this release (late records) none");
    }

    @Test
    void certificateOfAnotherRelease_writesNothing() {
        Path dir = Fixtures.copyRelease(tmp);
        assertThatThrownBy(() -> ReportRenderer.render(dir, "2026Q4", List.of("en"), THEME))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("not of 2026Q4");
        assertThat(dir.resolve("charts")).doesNotExist();
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void languages_mustBeEnOrFrWithoutRepeats() {
        Path dir = Fixtures.copyRelease(tmp);
        assertThatThrownBy(() -> ReportRenderer.render(dir, Fixtures.RELEASE, List.of(), THEME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> ReportRenderer.render(dir, Fixtures.RELEASE, List.of("en", "en"), THEME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without repeats");
        assertThatThrownBy(() -> ReportRenderer.render(dir, Fixtures.RELEASE, List.of("de"), THEME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Provided value: de");
        assertThatThrownBy(() -> ReportRenderer.render(dir, "2026-Q3", List.of("en"), THEME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YYYYQn");
    }

    @Test
    void schemasFromAFolder_giveTheReportsTheirLabels() throws IOException {
        Path schemas = tmp.resolve("schemas");
        Path source = Path.of("..", "schemas");
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path target = schemas.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path provinces = schemas.resolve("codes").resolve("province.csv");
        Files.writeString(provinces, Files.readString(provinces).replace(";Ontario;", ";Ontario (custom schemas);"));
        Path dir = Fixtures.copyRelease(tmp.resolve("custom"));

        ReportRenderer.render(
                dir, Fixtures.RELEASE, List.of("en"), THEME, ca.hotlinetrends.schema.SchemaRegistry.load(schemas));

        assertThat(pdfText(dir.resolve("reports").resolve("policy-brief-en.pdf")))
                .contains("Ontario (custom schemas)");
        assertThat(pdfText(rendered.resolve("reports").resolve("policy-brief-en.pdf")))
                .contains("Ontario")
                .doesNotContain("custom schemas");
    }
}
