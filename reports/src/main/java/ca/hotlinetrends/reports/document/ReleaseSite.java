package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.reports.chart.ChartFigure;
import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.chart.DataTable;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The release site: static HTML pages a reader opens from a file system or any web server, with no script, no
 * external font and no request outside the release's own files.
 *
 * <ul>
 *   <li>{@code published/<release>/index.html} (first language) and {@code index-<lang>.html} (the others), with
 *       a language switch: the headline figures, every chart as inline SVG (alternative text from its finding)
 *       beside its data table, the list of tables, the downloads with their sizes and SHA-256, the methods and
 *       the revisions;</li>
 *   <li>{@code published/<release>/site/<table>-<lang>.html}: every published table as an HTML table, suppressed
 *       cells reading {@code x} with the footnote;</li>
 *   <li>{@code published/index.html} and {@code index-fr.html} ({@link #writeIndex}): every published release.</li>
 * </ul>
 *
 * <p>Pages are built from the published files only (certificate, tables, the figures the renderer built from them
 * and checked for leaks, and the bytes of the files offered for download), and are byte-identical for the same
 * release. The certificate is offered for download without a checksum: it is rewritten after the site, and its
 * {@code files_sha256} covers every other file, these pages included.
 */
public final class ReleaseSite {

    /** The folder, inside the release, of the table pages. */
    public static final String TABLE_PAGES = "site";

    private static final String RELEASE_TEMPLATE = "site-release.ftlh";
    private static final String TABLE_TEMPLATE = "site-table.ftlh";
    private static final String INDEX_TEMPLATE = "site-index.ftlh";
    /** Published folders the downloads list, in order. */
    private static final List<String> DOWNLOAD_FOLDERS = List.of("tables", "microdata", "reports", "charts");
    /** Columns shown with three decimals (p-values); other decimals have one. */
    private static final Set<String> THREE_DECIMALS = Set.of("p_value", "p_adjusted", "mann_kendall_p");

    private static final Pattern XML_PROLOG = Pattern.compile("\\A(\\s*<\\?xml[^>]*\\?>|\\s*<!DOCTYPE[^>]*>)*\\s*");
    private static final Pattern SVG_SIZE =
            Pattern.compile("<svg([^>]*?)\\swidth=\"(\\d+)\"([^>]*?)\\sheight=\"(\\d+)\"");

    private ReleaseSite() {}

    /** The release page of {@code language}: {@code index.html} for the first language, else {@code index-<lang>.html}. */
    public static String releasePage(String language, List<String> languages) {
        return languages.get(0).equals(language) ? "index.html" : "index-" + language + ".html";
    }

    /**
     * Writes the release's pages into {@code releaseDir} (after the charts and documents, so that the downloads
     * list them).
     *
     * @param figures per language, the release's figures, already checked for leaks
     * @param commentaryHtml per language, the staff commentary already checked and rendered (absent: none)
     * @return the pages written
     */
    public static List<Path> write(
            Path releaseDir,
            PublishedRelease release,
            List<Messages> texts,
            Map<String, Map<String, ChartFigure>> figures,
            ChartTheme theme,
            Map<String, String> commentaryHtml)
            throws IOException {
        List<String> languages = texts.stream().map(Messages::language).toList();
        SchemaRegistry schemas = release.schemas();
        Map<String, ca.hotlinetrends.schema.CodeList> codeLists = new LinkedHashMap<>();
        schemas.codeLists().forEach(c -> codeLists.put(c.name(), c));
        Map<String, PublishedTable> read = new LinkedHashMap<>();
        for (TableSchema t : schemas.tables().stream()
                .sorted(java.util.Comparator.comparing(TableSchema::table))
                .toList()) {
            if (Files.isRegularFile(releaseDir.resolve("tables").resolve(t.table() + ".csv"))) {
                read.put(t.table(), PublishedTable.read(releaseDir, t, codeLists));
            }
        }
        List<Map<String, String>> downloads = downloads(releaseDir);
        Path pagesDir = releaseDir.resolve(TABLE_PAGES);
        Files.createDirectories(pagesDir);
        List<Path> written = new ArrayList<>();
        Templates templates = new Templates();
        for (Messages m : texts) {
            String lang = m.language();
            Map<String, Object> model = common(release.release(), m, languages, "");
            model.put("headlines", HeadlineFigures.rows(release, m));
            model.put("canadaRate", HeadlineFigures.canadaRate(release, m));
            model.put("commentary", commentaryHtml.getOrDefault(lang, ""));
            List<Map<String, Object>> charts = new ArrayList<>();
            for (ChartFigure f : figures.get(lang).values()) {
                String stem = f.id() + "-" + lang;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", stem);
                c.put(
                        "svg",
                        inlineSvg(
                                new String(ChartFiles.svg(f, theme, "site-" + stem), StandardCharsets.UTF_8),
                                stem + "-finding"));
                c.put("finding", f.finding());
                c.put("table", dataTable(f.table()));
                charts.add(c);
            }
            model.put("charts", charts);
            List<Map<String, String>> tableList = new ArrayList<>();
            for (PublishedTable t : read.values()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("title", m.tableTitle(t.name()));
                row.put("page", TABLE_PAGES + "/" + t.name() + "-" + lang + ".html");
                row.put("csv", "tables/" + t.name() + ".csv");
                row.put("rows", m.number(t.rows().size()));
                tableList.add(row);
            }
            model.put("tables", tableList);
            model.put(
                    "downloads",
                    downloads.stream()
                            .map(d -> {
                                Map<String, String> r = new LinkedHashMap<>(d);
                                r.put("size", m.number(Long.parseLong(d.get("bytes"))));
                                return r;
                            })
                            .toList());
            model.put("certificate", ReleaseCertificate.FILE);
            model.put("microdata", Files.isDirectory(releaseDir.resolve("microdata")));
            model.put("appendix", Appendix.rows(release, m));
            model.put("maxSuppressed", Integer.toString(release.minCellCount() - 1));
            model.put("suppressedCells", Appendix.suppressedCells(release, m));
            model.put("audit", Appendix.auditResult(release, m));
            model.put("revisions", Appendix.revisions(release, m));
            written.add(write(
                    releaseDir.resolve(releasePage(lang, languages)), templates.render(RELEASE_TEMPLATE, model, m)));
            for (PublishedTable t : read.values()) {
                Map<String, Object> tm = common(release.release(), m, languages, "../");
                tm.put("table", tablePage(t, m));
                tm.put("csv", "../tables/" + t.name() + ".csv");
                tm.put("back", "../" + releasePage(lang, languages));
                tm.put("switches", switches(languages, lang, other -> t.name() + "-" + other + ".html"));
                written.add(write(
                        pagesDir.resolve(t.name() + "-" + lang + ".html"), templates.render(TABLE_TEMPLATE, tm, m)));
            }
        }
        return written;
    }

    /**
     * Writes {@code published/index.html} (English) and {@code published/index-fr.html} (French), listing every
     * release folder of {@code publishedDir} that has a certificate, newest first. Each file is replaced
     * atomically.
     */
    public static List<Path> writeIndex(Path publishedDir, SchemaRegistry schemas) throws IOException {
        List<Quarter> releases = new ArrayList<>();
        if (Files.isDirectory(publishedDir)) {
            try (Stream<Path> s = Files.list(publishedDir)) {
                s.filter(Files::isDirectory)
                        .map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("\\d{4}Q[1-4]"))
                        .filter(n -> Files.isRegularFile(publishedDir.resolve(n).resolve(ReleaseCertificate.FILE)))
                        .map(Quarter::parse)
                        .forEach(releases::add);
            }
        }
        releases.sort(java.util.Comparator.reverseOrder());
        List<String> languages = Messages.LANGUAGES;
        List<Path> written = new ArrayList<>();
        Templates templates = new Templates();
        for (String lang : languages) {
            Messages m = Messages.of(lang, schemas);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("switches", switches(languages, lang, other -> releasePage(other, languages)));
            List<Map<String, String>> rows = new ArrayList<>();
            for (Quarter q : releases) {
                Path dir = publishedDir.resolve(q.toString());
                String page = q + "/"
                        + (Files.isRegularFile(dir.resolve("index-" + lang + ".html"))
                                ? "index-" + lang + ".html"
                                : "index.html");
                Map<String, String> r = new LinkedHashMap<>();
                r.put("release", m.quarter(q));
                r.put("code", q.toString());
                r.put("page", Files.isRegularFile(publishedDir.resolve(page)) ? page : "");
                r.put("certificate", q + "/" + ReleaseCertificate.FILE);
                rows.add(r);
            }
            model.put("releases", rows);
            Path target = publishedDir.resolve(releasePage(lang, languages));
            Path tmp = publishedDir.resolve("." + target.getFileName() + ".tmp");
            Files.writeString(tmp, templates.render(INDEX_TEMPLATE, model, m), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written.add(target);
        }
        return written;
    }

    private static Map<String, Object> common(Quarter release, Messages m, List<String> languages, String up) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("release", m.quarter(release));
        model.put("releaseCode", release.toString());
        model.put("home", up + "../" + releasePage(m.language(), Messages.LANGUAGES));
        model.put("switches", switches(languages, m.language(), other -> releasePage(other, languages)));
        return model;
    }

    /** Links to the same page in the other languages: code, href. */
    private static List<Map<String, String>> switches(
            List<String> languages, String current, java.util.function.Function<String, String> page) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String l : languages) {
            if (!l.equals(current)) {
                out.add(Map.of("lang", l, "href", page.apply(l)));
            }
        }
        return out;
    }

    /** A chart's data table as caption, header and rows. */
    private static Map<String, Object> dataTable(DataTable t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caption", t.caption());
        d.put("header", t.header());
        d.put("rows", t.rows());
        return d;
    }

    /** A published table as labelled, formatted rows: period and codes in words, numbers in the language's format. */
    private static Map<String, Object> tablePage(PublishedTable t, Messages m) {
        TableSchema schema = t.schema();
        List<TableSchema.Column> shown = schema.columns().stream()
                .filter(c -> !c.name().equals("status") && !c.name().equals("period_type"))
                .toList();
        Set<String> dimensions = new java.util.HashSet<>();
        schema.dimensions().forEach(d -> dimensions.add(d.name()));
        List<Map<String, Object>> header = new ArrayList<>();
        for (TableSchema.Column c : shown) {
            header.add(Map.of("label", m.get("column." + c.name()), "dimension", dimensions.contains(c.name())));
        }
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        for (PublishedTable.Row r : t.rows()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (TableSchema.Column c : shown) {
                String text = r.text(c.name());
                String shownText;
                if (c.name().equals("period")) {
                    shownText = m.period(Period.parse(text));
                } else if (dimensions.contains(c.name())) {
                    shownText = m.dimensionLabel(schema, c.name(), text);
                } else if (text.equals(CellStatus.MARK)) {
                    shownText = CellStatus.MARK;
                } else if (text.isEmpty()) {
                    shownText = CellStatus.NOT_AVAILABLE;
                } else if (c.codes() != null) {
                    shownText = m.label(c.codes(), text);
                } else {
                    shownText = format(c, text, m);
                }
                cells.add(Map.of(
                        "text",
                        shownText,
                        "header",
                        dimensions.contains(c.name()),
                        "number",
                        !dimensions.contains(c.name()) && c.codes() == null));
            }
            rows.add(cells);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("name", t.name());
        page.put("title", m.tableTitle(t.name()));
        page.put("header", header);
        page.put("rows", rows);
        page.put(
                "suppressed",
                rows.stream().anyMatch(row -> row.stream().anyMatch(c -> CellStatus.MARK.equals(c.get("text")))));
        page.put(
                "notAvailable",
                rows.stream()
                        .anyMatch(row -> row.stream().anyMatch(c -> CellStatus.NOT_AVAILABLE.equals(c.get("text")))));
        return page;
    }

    private static String format(TableSchema.Column c, String text, Messages m) {
        if (c.type() == FieldType.BOOLEAN) {
            return m.get(Boolean.parseBoolean(text) ? "table.yes" : "table.no");
        }
        if (c.type() == FieldType.LONG) {
            return m.number(Long.parseLong(text));
        }
        if (c.type() == FieldType.DOUBLE) {
            return m.decimal(Double.parseDouble(text), THREE_DECIMALS.contains(c.name()) ? 3 : 1);
        }
        return text;
    }

    /**
     * An SVG document as an element for an HTML page: without its XML prolog, scalable (a {@code viewBox} from its
     * size) and announced as an image described by the element {@code describedBy}.
     */
    static String inlineSvg(String svg, String describedBy) {
        String body = XML_PROLOG.matcher(svg).replaceFirst("");
        Matcher size = SVG_SIZE.matcher(body);
        if (!size.find()) {
            throw new IllegalStateException("chart SVG without width and height");
        }
        String attrs = " role=\"img\" aria-labelledby=\"" + describedBy + "\" class=\"chart\"";
        if (!body.contains("viewBox=")) {
            attrs += " viewBox=\"0 0 " + size.group(2) + " " + size.group(4) + "\"";
        }
        return body.substring(0, size.start()) + "<svg" + attrs + size.group(1) + " width=\"" + size.group(2) + "\""
                + size.group(3) + " height=\"" + size.group(4) + "\"" + body.substring(size.end());
    }

    /** Every file of the release offered for download (not the certificate, not the site): path, bytes, sha256. */
    private static List<Map<String, String>> downloads(Path releaseDir) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        for (String folder : DOWNLOAD_FOLDERS) {
            Path dir = releaseDir.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith(".")
                                && !p.getFileName().toString().startsWith("_"))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                Map<String, String> r = new LinkedHashMap<>();
                r.put("path", releaseDir.relativize(f).toString().replace('\\', '/'));
                r.put("bytes", Long.toString(Files.size(f)));
                r.put("sha256", sha256(f));
                out.add(r);
            }
        }
        return out;
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Path write(Path file, String html) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
