package ca.hotlinetrends.reports;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.chart.AnnualCasesChart;
import ca.hotlinetrends.reports.chart.CallerTypeChart;
import ca.hotlinetrends.reports.chart.CasesByTypeChart;
import ca.hotlinetrends.reports.chart.ChangesChart;
import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.chart.ContactsByChannelChart;
import ca.hotlinetrends.reports.chart.GenderAgeChart;
import ca.hotlinetrends.reports.chart.IndustryChart;
import ca.hotlinetrends.reports.chart.ProvinceRateChart;
import ca.hotlinetrends.reports.chart.ProvinceTileMap;
import ca.hotlinetrends.reports.chart.ReleaseCharts;
import ca.hotlinetrends.reports.chart.ServicesRequestedChart;
import ca.hotlinetrends.reports.commentary.Commentary;
import ca.hotlinetrends.reports.commentary.CommentaryRefusedException;
import ca.hotlinetrends.reports.commentary.Notes;
import ca.hotlinetrends.reports.commentary.PublishedValues;
import ca.hotlinetrends.reports.document.ChartFiles;
import ca.hotlinetrends.reports.document.HeadlineFigures;
import ca.hotlinetrends.reports.document.NewsletterDocument;
import ca.hotlinetrends.reports.document.PolicyBriefDocument;
import ca.hotlinetrends.reports.document.ReleaseSite;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.leak.LeakCheck;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders what communications staff publish for a release, from its published files only
 * ({@code published/<release>/certificate.json} and {@code tables/*.csv}): the charts as PNG and SVG in
 * {@code <releaseDir>/charts/}, and per language the quarterly newsletter (HTML) and the policy brief (PDF)
 * in {@code <releaseDir>/reports/}, then the release site ({@link ReleaseSite}: {@code index.html} and
 * {@code site/}).
 *
 * <p>Every chart of every language is built and passed through the {@link LeakCheck} before a single file
 * is written: a chart that would reveal a suppressed value stops the whole rendering. The output depends
 * only on the published files, the schemas and the theme: the same release renders byte-identical files.
 */
public final class ReportRenderer {

    /** The newsletter's charts, in order. */
    static final List<String> NEWSLETTER_CHARTS =
            List.of(ContactsByChannelChart.ID, CasesByTypeChart.ID, ProvinceTileMap.ID, ChangesChart.ID);

    /** The policy brief's sections and their charts. */
    static final List<PolicyBriefDocument.Section> BRIEF_SECTIONS = List.of(
            new PolicyBriefDocument.Section("annual", List.of(AnnualCasesChart.ID)),
            new PolicyBriefDocument.Section("provinces", List.of(ProvinceRateChart.ID, ProvinceTileMap.ID)),
            new PolicyBriefDocument.Section("typology", List.of(CasesByTypeChart.ID, IndustryChart.ID)),
            new PolicyBriefDocument.Section("demographics", List.of(GenderAgeChart.ID, ServicesRequestedChart.ID)),
            new PolicyBriefDocument.Section("contacts", List.of(ContactsByChannelChart.ID, CallerTypeChart.ID)),
            new PolicyBriefDocument.Section("changes", List.of(ChangesChart.ID)));

    private ReportRenderer() {}

    /**
     * @param releaseDir {@code published/<release>/} (must hold certificate.json and tables/)
     * @param release the release quarter, e.g. {@code 2026Q3}; must match the certificate
     * @param languages {@code en} and/or {@code fr}, at least one, no repeats
     * @param theme the chart theme (non-null)
     * @return the files written
     * @throws ca.hotlinetrends.reports.leak.ChartLeakException when a chart would reveal a suppressed value
     *     (nothing is written then)
     * @throws ReportException when the published files conflict with their schemas or with each other
     */
    public static ReportResult render(Path releaseDir, String release, List<String> languages, ChartTheme theme) {
        return render(releaseDir, release, languages, theme, SchemaRegistry.load());
    }

    /**
     * As {@link #render(Path, String, List, ChartTheme)}, with the code lists, labels and table schemas of
     * {@code schemas} (e.g. loaded from a {@code --schemas} folder) instead of those built into the jar.
     *
     * @param schemas the schemas the release was published with (non-null)
     */
    public static ReportResult render(
            Path releaseDir, String release, List<String> languages, ChartTheme theme, SchemaRegistry schemas) {
        return prepare(releaseDir, release, languages, theme, schemas, Optional.empty())
                .write();
    }

    /**
     * Builds every chart, checks each for leaks and checks the staff notes against the release's published numbers,
     * writing nothing: a refusal leaves the release as it was. {@link Prepared#write()} then writes the files.
     *
     * @param notes the release's staff notes, already read ({@link Notes#read}); empty for no commentary
     * @throws ca.hotlinetrends.reports.leak.ChartLeakException when a chart would reveal a suppressed value
     * @throws CommentaryRefusedException when a note quotes a number the release does not publish, or the languages
     *     quote different numbers
     */
    public static Prepared prepare(
            Path releaseDir,
            String release,
            List<String> languages,
            ChartTheme theme,
            SchemaRegistry schemas,
            Optional<Notes> notes) {
        Objects.requireNonNull(releaseDir, "releaseDir");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(notes, "notes");
        Quarter quarter = Quarter.parse(release);
        List<Messages> texts = languages(languages, schemas);
        PublishedRelease published = PublishedRelease.read(releaseDir, quarter, schemas, ReleaseCharts.TABLES);
        // Every chart is checked for leaks in every language before anything is written.
        Map<String, Map<String, ChartFigure>> figures = new LinkedHashMap<>();
        for (Messages m : texts) {
            Map<String, ChartFigure> built = ReleaseCharts.build(published, m, theme);
            built.values().forEach(f -> LeakCheck.verify(f, published));
            figures.put(m.language(), built);
        }
        Optional<Commentary> commentary =
                notes.map(n -> n.check(publishedValues(releaseDir, quarter, schemas, published, texts, figures)));
        return new Prepared(releaseDir, quarter, texts, theme, published, figures, commentary);
    }

    /**
     * Every number of every published table, and the numbers the documents show: headline figures, the data tables
     * under the charts, the tables' titles and units.
     */
    private static PublishedValues publishedValues(
            Path releaseDir,
            Quarter quarter,
            SchemaRegistry schemas,
            PublishedRelease published,
            List<Messages> texts,
            Map<String, Map<String, ChartFigure>> figures) {
        List<String> tables = schemas.tables().stream()
                .map(TableSchema::table)
                .filter(t -> Files.isRegularFile(releaseDir.resolve("tables").resolve(t + ".csv")))
                .toList();
        PublishedRelease all = PublishedRelease.read(releaseDir, quarter, schemas, tables);
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (Messages m : texts) {
            List<String> s = new ArrayList<>();
            for (Map<String, String> row : HeadlineFigures.rows(published, m)) {
                row.forEach((k, v) -> {
                    if (!k.equals("label")) {
                        s.add(v);
                    }
                });
            }
            s.add(HeadlineFigures.canadaRate(published, m));
            // Table titles and units are shown with the numbers (cases per 100,000 population, the last 12 quarters).
            for (String t : tables) {
                s.add(m.tableTitle(t));
                s.add(m.tableUnit(t));
            }
            for (ChartFigure f : figures.get(m.language()).values()) {
                f.table().rows().forEach(r -> s.addAll(r.subList(1, r.size())));
            }
            shown.put(m.language(), s);
        }
        return PublishedValues.of(all, tables, shown);
    }

    /** A release whose charts and commentary passed their checks, ready to be written. */
    public static final class Prepared {
        private final Path releaseDir;
        private final Quarter quarter;
        private final List<Messages> texts;
        private final ChartTheme theme;
        private final PublishedRelease published;
        private final Map<String, Map<String, ChartFigure>> figures;
        private final Optional<Commentary> commentary;

        private Prepared(
                Path releaseDir,
                Quarter quarter,
                List<Messages> texts,
                ChartTheme theme,
                PublishedRelease published,
                Map<String, Map<String, ChartFigure>> figures,
                Optional<Commentary> commentary) {
            this.releaseDir = releaseDir;
            this.quarter = quarter;
            this.texts = texts;
            this.theme = theme;
            this.published = published;
            this.figures = figures;
            this.commentary = commentary;
        }

        /** The checked commentary, when the release has notes. */
        public Optional<Commentary> commentary() {
            return commentary;
        }

        /** Writes the charts and documents; the same prepared release always writes the same bytes. */
        public ReportResult write() {
            String release = quarter.toString();
            Path chartsDir = releaseDir.resolve("charts");
            Path reportsDir = releaseDir.resolve("reports");
            try {
                Files.createDirectories(chartsDir);
                Files.createDirectories(reportsDir);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot write the reports of release " + release + " in " + releaseDir, e);
            }
            // The languages are rendered one after the other: rendered side by side, a chart's PNG came out with other
            // bytes now and then (StandaloneClusterIT saw PNGs differ between two runs of the same release while every
            // SVG, table and record file was identical), as if Java2D's shared glyph caches were filled by two threads.
            // Only the PNGs' encoding (compression, no Java2D) is done on a thread of its own, beside the drawing.
            java.util.concurrent.ExecutorService encoder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "png-encoder");
                t.setDaemon(true);
                return t;
            });
            List<java.util.concurrent.Future<Path>> encoded = new ArrayList<>();
            List<List<List<Path>>> byLanguage;
            try {
                byLanguage = texts.stream()
                        .map(m -> {
                            String lang = m.language();
                            List<Path> langCharts = new ArrayList<>();
                            List<Path> langDocuments = new ArrayList<>();
                            try {
                                for (ChartFigure f : figures.get(lang).values()) {
                                    String stem = f.id() + "-" + lang;
                                    java.awt.image.BufferedImage image = ChartFiles.draw(f, theme);
                                    Path png = chartsDir.resolve(stem + ".png");
                                    encoded.add(encoder.submit(
                                            () -> ReportRenderer.write(png, ChartFiles.encodePng(image, f.id()))));
                                    langCharts.add(png);
                                    langCharts.add(ReportRenderer.write(
                                            chartsDir.resolve(stem + ".svg"), ChartFiles.svg(f, theme, stem)));
                                }
                                List<ChartFigure> newsletterFigures = NEWSLETTER_CHARTS.stream()
                                        .map(figures.get(lang)::get)
                                        .toList();
                                String html = NewsletterDocument.render(
                                        published,
                                        m,
                                        theme,
                                        newsletterFigures,
                                        f -> "../charts/" + f.id() + "-" + lang + ".png",
                                        commentary.flatMap(c -> c.newsletterHtml(lang)));
                                langDocuments.add(ReportRenderer.write(
                                        reportsDir.resolve("newsletter-" + lang + ".html"),
                                        html.getBytes(StandardCharsets.UTF_8)));
                                langDocuments.add(ReportRenderer.write(
                                        reportsDir.resolve("policy-brief-" + lang + ".pdf"),
                                        PolicyBriefDocument.pdf(
                                                published,
                                                m,
                                                theme,
                                                BRIEF_SECTIONS,
                                                figures.get(lang),
                                                commentary.flatMap(c -> c.briefHtml(lang)))));
                            } catch (IOException e) {
                                throw new UncheckedIOException(
                                        "cannot write the reports of release " + release + " in " + releaseDir, e);
                            }
                            return List.of(langCharts, langDocuments);
                        })
                        .toList();
                for (java.util.concurrent.Future<Path> f : encoded) {
                    awaitWritten(f, release, releaseDir);
                }
            } finally {
                encoder.shutdownNow();
            }
            List<Path> charts = new ArrayList<>();
            List<Path> documents = new ArrayList<>();
            byLanguage.forEach(r -> {
                charts.addAll(r.get(0));
                documents.addAll(r.get(1));
            });
            // The site comes last: its downloads list the charts and documents with their checksums.
            Map<String, String> commentaryHtml = new LinkedHashMap<>();
            for (Messages m : texts) {
                commentary
                        .flatMap(c -> c.newsletterHtml(m.language()))
                        .ifPresent(h -> commentaryHtml.put(m.language(), h));
            }
            List<Path> site;
            try {
                site = ReleaseSite.write(releaseDir, published, texts, figures, theme, commentaryHtml);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the site of release " + release + " in " + releaseDir, e);
            }
            return new ReportResult(release, charts, documents, site);
        }
    }

    private static List<Messages> languages(List<String> languages, SchemaRegistry schemas) {
        Objects.requireNonNull(languages, "languages");
        if (languages.isEmpty() || new LinkedHashSet<>(languages).size() != languages.size()) {
            throw new IllegalArgumentException(
                    "languages must be en and/or fr, at least one, without repeats. " + "Provided value: " + languages);
        }
        return languages.stream().map(l -> Messages.of(l, schemas)).toList();
    }

    /** Waits for a chart's PNG to be written, rethrowing what its encoding threw. */
    private static void awaitWritten(java.util.concurrent.Future<Path> written, String release, Path releaseDir) {
        try {
            written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the charts of release " + release, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(
                        "cannot write the reports of release " + release + " in " + releaseDir, io);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
