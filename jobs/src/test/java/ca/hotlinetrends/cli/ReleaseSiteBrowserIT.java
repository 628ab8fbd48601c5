package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The release site in a real browser: Debian's headless Chromium driven through chromedriver by Selenium, over a
 * warehouse where two releases (2026Q2, then 2026Q3) were published by {@code run}. It follows the pages as a
 * reader would, checks that every link of every page resolves inside {@code published/}, that no page shows a
 * suppressed cell's value (every suppressed cell of the restricted ledger reads {@code x}, every other number is
 * the published one) or says why a cell is suppressed, and runs axe-core (fetched from npm, pinned) on the pages.
 *
 * <p>Needs {@code chromium} and {@code chromium-driver} (Debian) and {@code npm}; {@code .ci/run} installs them.
 * Without them the test fails and says what to install: it never skips.
 */
@ca.hotlinetrends.testing.IntegrationTest
class ReleaseSiteBrowserIT {

    /** The axe-core release the accessibility check runs, from the npm registry. */
    static final String AXE_VERSION = "4.14.1";

    private static final Pattern WHY_SUPPRESSED = Pattern.compile("(?i)primary|secondary|primaire|secondaire");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final List<Quarter> RELEASES = List.of(new Quarter(2026, 2), new Quarter(2026, 3));

    @TempDir
    static Path dir;

    static Path warehouse;
    static Path published;
    static WebDriver browser;

    @BeforeAll
    static void publishTwoReleases_andOpenTheBrowser() {
        Path export = dir.resolve("export");
        ExportGenerator.write(
                SCHEMAS,
                new GenerateConfig(export, 5, 0.2, new Quarter(2019, 1), new Quarter(2026, 3), "csv", 0.0),
                "csv");
        warehouse = dir.resolve("wh");
        for (Quarter q : RELEASES) {
            RunFixture.Outcome o = RunFixture.run(export, q, warehouse);
            assertThat(o.exit()).as("run %s", q).isZero();
        }
        published = warehouse.resolve("published");
        browser = startChromium();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReader_goesFromTheIndexToARelease_switchesLanguage_andOpensATable() {
        open(published.resolve("index.html"));
        assertThat(language()).isEqualTo("en");
        assertThat(browser.findElements(By.cssSelector("main tbody th a")).stream()
                        .map(WebElement::getText))
                .containsExactly("Q3 2026", "Q2 2026");

        browser.findElement(By.linkText("Q3 2026")).click();
        assertThat(browser.getTitle()).isEqualTo("Hotline trends, Q3 2026");
        assertThat(browser.findElements(By.cssSelector("figure svg[role=img]"))).hasSize(10);
        assertThat(browser.findElements(By.cssSelector("figure table"))).hasSize(10);
        assertThat(browser.findElements(By.cssSelector("#tables + table tbody tr")))
                .hasSize(SCHEMAS.tables().size());

        browser.findElement(By.cssSelector("header a[hreflang=fr]")).click();
        assertThat(language()).isEqualTo("fr");
        assertThat(browser.getTitle()).isEqualTo("Tendances de la ligne d'urgence, T3 2026");
        String title = SCHEMAS.table("cases_by_province").title("fr");
        browser.findElement(By.linkText(title)).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(browser.findElements(By.cssSelector("main table tbody tr"))).isNotEmpty();

        browser.findElement(By.cssSelector("header a[hreflang=en]")).click();
        assertThat(language()).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo(SCHEMAS.table("cases_by_province").title("en"));
        browser.findElement(By.linkText("Back to Q3 2026")).click();
        assertThat(browser.getTitle()).isEqualTo("Hotline trends, Q3 2026");
        browser.findElement(By.linkText("All releases")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/published/index.html");
    }

    @Test
    void everyLinkOfEveryPage_resolvesInsideThePublishedFolder_andNothingComesFromOutside() throws Exception {
        Deque<Path> queue =
                new ArrayDeque<>(List.of(published.resolve("index.html"), published.resolve("index-fr.html")));
        Set<Path> visited = new LinkedHashSet<>();
        Map<Path, Set<String>> ids = new HashMap<>();
        List<String[]> fragments = new ArrayList<>();
        int links = 0;
        while (!queue.isEmpty()) {
            Path page = queue.poll();
            if (!visited.add(page)) {
                continue;
            }
            open(page);
            ids.put(
                    page,
                    new LinkedHashSet<>(
                            strings("return Array.from(document.querySelectorAll('[id]')).map(e => e.id)")));
            assertThat(strings("return Array.from(document.querySelectorAll('script, link[rel=stylesheet], "
                            + "object, iframe, embed')).map(e => e.outerHTML.slice(0, 80))"))
                    .as("scripts, style sheets or embedded resources in %s", page)
                    .isEmpty();
            for (String src : strings("return Array.from(document.querySelectorAll('[src]')).map(e => e.src)")) {
                URI uri = URI.create(src);
                assertThat(uri.getScheme()).as("image %s in %s", src, page).isEqualTo("file");
                Path target =
                        Path.of(new URI("file", null, uri.getPath(), null)).normalize();
                assertThat(target.startsWith(published) && Files.isRegularFile(target))
                        .as("image %s in %s", src, page)
                        .isTrue();
            }
            for (String href : strings("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")) {
                links++;
                URI uri = URI.create(href);
                assertThat(uri.getScheme()).as("link %s in %s", href, page).isEqualTo("file");
                Path target =
                        Path.of(new URI("file", null, uri.getPath(), null)).normalize();
                assertThat(target.startsWith(published))
                        .as("link %s in %s leaves published/", href, page)
                        .isTrue();
                assertThat(target).as("link %s in %s", href, page).exists();
                if (uri.getFragment() != null) {
                    fragments.add(new String[] {target.toString(), uri.getFragment(), page.toString()});
                }
                if (target.getFileName().toString().endsWith(".html") && !visited.contains(target)) {
                    queue.add(target);
                }
            }
        }
        for (String[] f : fragments) {
            assertThat(ids.get(Path.of(f[0])))
                    .as("anchor #%s of %s (linked from %s)", f[1], f[0], f[2])
                    .contains(f[1]);
        }
        int tables = SCHEMAS.tables().size();
        // The two indexes; per release and language its page, its table pages and its newsletter (a download).
        assertThat(visited).as("pages reached").hasSize(2 + RELEASES.size() * 2 * (1 + tables + 1));
        for (Quarter q : RELEASES) {
            assertThat(visited)
                    .contains(
                            published.resolve(q + "/index-fr.html"),
                            published.resolve(q + "/site/victims_by_status_and_type-fr.html"));
        }
        assertThat(links).isGreaterThan(500);
    }

    @Test
    void noPage_showsASuppressedValue_orSaysWhyACellIsSuppressed() throws Exception {
        int suppressedSeen = 0;
        int numbersCompared = 0;
        for (Quarter q : RELEASES) {
            Path release = published.resolve(q.toString());
            Map<String, Long> suppressed = suppressedTrueValues(q);
            for (String lang : List.of("en", "fr")) {
                open(release.resolve("en".equals(lang) ? "index.html" : "index-fr.html"));
                assertThat(WHY_SUPPRESSED.matcher(html()).find())
                        .as("release page %s %s", q, lang)
                        .isFalse();
                for (TableSchema t : SCHEMAS.tables()) {
                    open(release.resolve("site/" + t.table() + "-" + lang + ".html"));
                    assertThat(WHY_SUPPRESSED.matcher(html()).find())
                            .as("table page %s %s", t.table(), lang)
                            .isFalse();
                    @SuppressWarnings("unchecked")
                    List<List<String>> dom = (List<List<String>>) js().executeScript("return Array.from("
                            + "document.querySelectorAll('main table tbody tr')).map(tr => Array.from(tr.children)"
                            + ".map(c => c.textContent))");
                    List<CSVRecord> csv = csv(release, t.table());
                    assertThat(dom).as("rows of %s %s", t.table(), lang).hasSize(csv.size());
                    List<String> shown = t.columns().stream()
                            .map(TableSchema.Column::name)
                            .filter(c -> !c.equals("status") && !c.equals("period_type"))
                            .toList();
                    Set<String> dimensions = new java.util.HashSet<>();
                    t.dimensions().forEach(d -> dimensions.add(d.name()));
                    for (int i = 0; i < csv.size(); i++) {
                        CSVRecord row = csv.get(i);
                        String id = cellId(t, row);
                        for (int c = 0; c < shown.size(); c++) {
                            String column = shown.get(c);
                            if (dimensions.contains(column)) {
                                continue;
                            }
                            String published = row.get(column);
                            String text = dom.get(i).get(c);
                            String where = t.table() + " " + lang + " row " + (i + 1) + " " + column;
                            if (published.equals("x")) {
                                assertThat(text).as(where).isEqualTo("x");
                            } else if (!published.isEmpty()
                                    && t.columns()
                                                    .get(t.columns().indexOf(column(t, column)))
                                                    .codes()
                                            == null
                                    && isNumber(published)) {
                                double shownValue = parse(text, lang);
                                int decimals = decimals(text, lang);
                                assertThat(Math.abs(shownValue - Double.parseDouble(published)))
                                        .as(where)
                                        .isLessThanOrEqualTo(0.5 * Math.pow(10, -decimals) + 1e-9);
                                numbersCompared++;
                            }
                            if (t.isCountTable() && column.equals(t.measureColumn()) && suppressed.containsKey(id)) {
                                assertThat(text)
                                        .as("suppressed cell %s (%s)", id, lang)
                                        .isEqualTo("x");
                                suppressedSeen++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(suppressedSeen).isGreaterThan(100);
        assertThat(numbersCompared).isGreaterThan(1000);
    }

    @Test
    void axeCore_findsNoSeriousOrCriticalViolation() throws Exception {
        String axe = axeCore();
        List<Path> pages = List.of(
                published.resolve("index.html"),
                published.resolve("index-fr.html"),
                published.resolve("2026Q3/index.html"),
                published.resolve("2026Q3/index-fr.html"),
                published.resolve("2026Q3/site/cases_by_province-en.html"),
                published.resolve("2026Q3/site/changes_by_province-fr.html"));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        List<String> serious = new ArrayList<>();
        for (Path page : pages) {
            open(page);
            js().executeScript(axe);
            Object result = js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations"
                    + ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help})))))"
                    + ".catch(e => done('ERROR ' + e));");
            assertThat(String.valueOf(result)).as("axe on %s", page).doesNotStartWith("ERROR");
            for (JsonNode v : new ObjectMapper().readTree(String.valueOf(result))) {
                String line = published.relativize(page) + ": " + v.path("id").asText() + " ("
                        + v.path("impact").asText() + ", " + v.path("nodes").asInt() + " elements): "
                        + v.path("help").asText();
                System.out.println("[axe] " + line);
                if (List.of("serious", "critical").contains(v.path("impact").asText())) {
                    serious.add(line);
                }
            }
        }
        assertThat(serious).as("serious or critical accessibility violations").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ChromeDriver startChromium() {
        Path chromium = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path driver =
                firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium == null || driver == null) {
            fail("the release site's browser test needs Chromium and its driver: apt-get install chromium "
                    + "chromium-driver (Debian; .ci/run installs them), or set CHROME_BIN and CHROMEDRIVER");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    /** axe-core's browser script, from the npm registry ({@code npm pack}, which checks the package's integrity). */
    private static String axeCore() throws Exception {
        Path root = Path.of(System.getProperty("hotline.projectRoot", ".")).toAbsolutePath();
        Path folder = root.resolve("target").resolve("axe-core-" + AXE_VERSION);
        Path script = folder.resolve("package/axe.min.js");
        if (!Files.isRegularFile(script)) {
            Files.createDirectories(folder);
            exec(folder, "npm", "pack", "axe-core@" + AXE_VERSION, "--pack-destination", folder.toString());
            exec(
                    folder,
                    "tar",
                    "-xzf",
                    folder.resolve("axe-core-" + AXE_VERSION + ".tgz").toString(),
                    "-C",
                    folder.toString());
        }
        if (!Files.isRegularFile(script)) {
            fail("axe-core " + AXE_VERSION + " could not be fetched with npm pack into " + folder
                    + ": install npm (Debian: apt-get install npm) and reach the npm registry");
        }
        return Files.readString(script, StandardCharsets.UTF_8);
    }

    private static void exec(Path workDir, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("npm.log").toFile())
                    .start();
        } catch (IOException e) {
            fail("cannot start " + command[0] + " (needed to fetch axe-core " + AXE_VERSION + "): " + e.getMessage());
            return;
        }
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command[0] + " did not finish in 180 s while fetching axe-core " + AXE_VERSION);
        }
    }

    private static void open(Path page) {
        browser.get(page.toUri().toString());
    }

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private static String language() {
        return browser.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    private static String html() {
        return String.valueOf(js().executeScript("return document.documentElement.outerHTML"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(String script) {
        return (List<String>) js().executeScript(script);
    }

    /** The restricted ledger's true values of the cells suppressed in {@code release}, by cell id. */
    private static Map<String, Long> suppressedTrueValues(Quarter release) throws IOException {
        Map<String, Long> out = new HashMap<>();
        Path file = warehouse.resolve("restricted/ledger-values/" + release + ".csv");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder()
                        .setReader(r)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            for (CSVRecord rec : p) {
                if (!rec.get("reason").equals("published")) {
                    out.put(rec.get("cell_id"), Long.parseLong(rec.get("value")));
                }
            }
        }
        assertThat(out)
                .as("suppressed cells of %s in the restricted ledger", release)
                .isNotEmpty();
        return out;
    }

    private static List<CSVRecord> csv(Path release, String table) throws IOException {
        try (Reader r = Files.newBufferedReader(
                        release.resolve("tables").resolve(table + ".csv"), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder()
                        .setReader(r)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .setCommentMarker('#')
                                .get())
                        .get()) {
            return p.getRecords();
        }
    }

    private static String cellId(TableSchema t, CSVRecord row) {
        StringBuilder id = new StringBuilder(t.table());
        for (TableSchema.Dimension d : t.dimensions()) {
            id.append('|').append(row.get(d.name()));
        }
        return id.toString();
    }

    private static TableSchema.Column column(TableSchema t, String name) {
        return t.columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
    }

    /** A number as the page shows it: 1,234.5 (en) or 1 234,5 (fr), a minus sign or hyphen. */
    private static double parse(String shown, String lang) {
        String s = shown.replace("\u00a0", "")
                .replace("\u202f", "")
                .replace(" ", "")
                .replace('\u2212', '-');
        s = "fr".equals(lang) ? s.replace(",", ".") : s.replace(",", "");
        return Double.parseDouble(s);
    }

    private static int decimals(String shown, String lang) {
        int at = shown.lastIndexOf("fr".equals(lang) ? ',' : '.');
        return at < 0 ? 0 : shown.length() - at - 1;
    }
}
