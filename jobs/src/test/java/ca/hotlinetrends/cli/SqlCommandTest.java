package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.publish.PublishedReleaseFixture;
import ca.hotlinetrends.publish.SqlSandbox;
import ca.hotlinetrends.publish.SqlStatements;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotline-trends sql}: queries answer on the published views; anything else is refused with exit 2 and no
 * side effect. The hostile statements are in {@code src/test/resources/sql/hostile.sql}.
 */
class SqlCommandTest {

    @TempDir
    static Path dir;

    static Warehouse warehouse;
    /** A folder nothing may write to, and a file no statement may create. */
    static Path watched;

    static Path marker;
    /** A FIFO under restricted/: opening it for reading releases the writer waiting on it. */
    static Path canary;

    static final AtomicBoolean canaryOpened = new AtomicBoolean();
    static Thread canaryWriter;

    @BeforeAll
    static void publish() throws Exception {
        warehouse = PublishedReleaseFixture.write(SharedSpark.session(), dir.resolve("wh"));
        watched = Files.createDirectories(dir.resolve("watched"));
        marker = dir.resolve("marker");
        canary = warehouse.restricted().resolve("canary");
        Process p = new ProcessBuilder("mkfifo", canary.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        canaryWriter = new Thread(
                () -> {
                    try (FileOutputStream out = new FileOutputStream(canary.toFile())) {
                        canaryOpened.set(true); // only reached once a reader opened the FIFO
                    } catch (Exception e) {
                        // interrupted at the end of the test class
                    }
                },
                "canary-writer");
        canaryWriter.setDaemon(true);
        canaryWriter.start();
    }

    @AfterAll
    static void canaryWasNeverRead() throws Exception {
        assertThat(canaryOpened)
                .as("the canary under restricted/ was opened by a query")
                .isFalse();
        try (FileInputStream in = new FileInputStream(canary.toFile())) {
            canaryWriter.join(5_000);
        }
        assertThat(canaryOpened).as("the canary check itself works").isTrue();
    }

    /** Runs the command line with stdin; returns exit code, stdout and stderr. */
    private record Run(int exit, String out, String err) {}

    private static Run sql(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            String[] all = new String[args.length + 3];
            all[0] = "sql";
            all[1] = "--warehouse";
            all[2] = warehouse.root().toString();
            System.arraycopy(args, 0, all, 3, args.length);
            int exit = HotlineTrends.execute(all);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    static List<String> hostile() throws Exception {
        String text;
        try (InputStream in = SqlCommandTest.class.getResourceAsStream("/sql/hostile.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = new ArrayList<>();
        for (String block : text.split("\n----\n")) {
            String s = block.lines()
                    .filter(l -> !l.startsWith("-- "))
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse("")
                    .strip();
            if (!s.isEmpty()) {
                statements.add(s);
            }
        }
        return statements;
    }

    private static String fill(String template) {
        return template.replace("%w", warehouse.root().toString())
                .replace("%o", watched.toString())
                .replace("%m", marker.toString());
    }

    private static void assertNoSideEffect() throws Exception {
        try (Stream<Path> files = Files.list(watched)) {
            assertThat(files).as("files written to the watched folder").isEmpty();
        }
        assertThat(marker).as("a command ran").doesNotExist();
        assertThat(canaryOpened).as("the canary was opened").isFalse();
    }

    @Test
    void theCorpus_hasAtLeastFortyStatements() throws Exception {
        assertThat(hostile()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileStatement_isRefusedWithExit2AndNoSideEffect(String template) throws Exception {
        Run r = sql("", fill(template));
        assertThat(r.exit()).as("%s%n%s", template, r.err()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(r.err()).as(template).containsAnyOf("refused:", "SQL error:");
        assertThat(r.out()).as(template).isEmpty();
        assertNoSideEffect();
    }

    @Test
    void wholeCorpusInOneSession_leavesThePublishedViewsAsTheyWere() throws Exception {
        StringBuilder stdin = new StringBuilder();
        for (String s : hostile()) {
            stdin.append(fill(s)).append(";\n");
        }
        stdin.append("SELECT count(*) AS n FROM victims;\n");
        stdin.append("SELECT province_code, cases FROM cases_by_province ORDER BY province_code;\n");
        Run r = sql(stdin.toString());
        assertThat(r.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(r.out())
                .contains("n\n--\n30\n(1 row)")
                .contains("ON            | 40")
                .contains("(4 rows)");
        assertNoSideEffect();
    }

    @Test
    void theThreeRoutesOfTheIssue_areRefusedByName() {
        assertThat(sql(
                                "",
                                "SELECT * FROM (SELECT TRANSFORM(record_id) USING 'touch " + marker
                                        + "' AS (line STRING) FROM victims) LIMIT 5")
                        .exit())
                .isEqualTo(HotlineTrends.BAD_USAGE);
        Run execute = sql("", "EXECUTE IMMEDIATE 'SET enable_external_access=true'");
        assertThat(execute.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        Run reflect = sql("", "SELECT reflect('java.lang.System', 'getProperty', 'user.dir')");
        assertThat(reflect.err()).contains("refused: the function reflect is not on the allow-list");
        Run file = sql("", "SELECT * FROM read_csv('" + warehouse.restricted() + "/ledger-values/2026Q3.csv')");
        assertThat(file.err()).contains("refused:").contains("TABLE_FUNCTION");
    }

    @Test
    void query_answersFromThePublishedViews() {
        try (SqlSandbox s = SqlSandbox.open(warehouse, Quarter.parse("2026Q3"))) {
            assertThat(s.views()).extracting(SqlSandbox.View::name).containsExactly("cases_by_province", "victims");
            SqlSandbox.Result r = s.query(
                    "WITH ont AS (SELECT * FROM cases_by_province WHERE province_code = 'ON') "
                            + "SELECT c.cases, (SELECT count(*) FROM victims v WHERE v.province_code = c.province_code) AS n "
                            + "FROM ont c",
                    -1);
            assertThat(r.rows()).hasSize(1);
            assertThat(((Number) r.rows().get(0)[0]).longValue()).isEqualTo(40L);
            assertThat(((Number) r.rows().get(0)[1]).longValue()).isEqualTo(20L);
            // windows, set operations, VALUES and grouping
            SqlSandbox.Result w = s.query(
                    "SELECT province_code, row_number() OVER (ORDER BY count(*) DESC) AS k "
                            + "FROM victims GROUP BY province_code UNION ALL SELECT * FROM (VALUES ('XX', 9)) t(a, b) "
                            + "ORDER BY k",
                    -1);
            assertThat(w.rows()).extracting(row -> row[0]).containsExactly("ON", "QC", "XX");
        }
        assertThat(SqlSandbox.latestRelease(warehouse)).isEqualTo(Quarter.parse("2026Q3"));
    }

    @Test
    void command_printsAReadableTableOfTheLatestRelease() {
        Run r = sql("", "SELECT province_code, cases, status FROM cases_by_province ORDER BY province_code");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("province_code | cases | status")
                .contains("ON            | 40    | published")
                .contains("PE            | NULL  | suppressed")
                .doesNotContain("suppressed-")
                .contains("(4 rows)");
    }

    @Test
    void showTablesAndDescribe_answerFromTheSchemasAndTheViewsOnly() {
        Run tables = sql("", "SHOW TABLES");
        assertThat(tables.exit()).as(tables.err()).isZero();
        assertThat(tables.out())
                .contains("cases_by_province | table")
                .contains("victims           | dataset")
                .contains("Cases by province or territory")
                .contains("(2 rows)");
        Run describe = sql("", "describe victims;");
        assertThat(describe.exit()).as(describe.err()).isZero();
        assertThat(describe.out())
                .contains("record_id")
                .contains("province_code")
                .contains("VARCHAR")
                .contains("province");
        Run columns = sql("", "SHOW COLUMNS FROM cases_by_province");
        assertThat(columns.out()).contains("cases").contains("BIGINT").contains("cell_status");
        Run missing = sql("", "DESCRIBE victim");
        assertThat(missing.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(missing.err()).contains("no view victim").contains("did you mean victims?");
        Run typo = sql("", "SELECT * FROM case_by_province");
        assertThat(typo.err()).contains("refused:").contains("did you mean cases_by_province?");
        Run path = sql("", "DESCRIBE '" + warehouse.restricted() + "/canary'");
        assertThat(path.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
    }

    @Test
    void listCells_printAsTheirItemsJoinedWithBars_onScreenAndInCsv() throws Exception {
        String query = "SELECT ['DEBT_BONDAGE', 'THREATS'] AS means_of_control FROM victims LIMIT 1";
        Run r = sql("", query);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("DEBT_BONDAGE|THREATS");
        Path csv = dir.resolve("out/lists.csv");
        Run out = sql("", "--out", csv.toString(), query);
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(Files.readAllLines(csv)).containsExactly("means_of_control", "DEBT_BONDAGE|THREATS");
    }

    @Test
    void parquetOut_isReadableBySpark() {
        Path parquet = dir.resolve("out/cases.parquet");
        Run r = sql(
                "",
                "--out",
                parquet.toString(),
                "SELECT province_code, cases, cases * 1.5 AS more, "
                        + "['A', 'B'] AS l FROM cases_by_province ORDER BY province_code");
        assertThat(r.exit()).as(r.err()).isZero();
        var rows = SharedSpark.session().read().parquet(parquet.toString()).collectAsList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).getString(0)).isEqualTo("ON");
        assertThat(rows.get(1).getLong(1)).isEqualTo(40L);
        assertThat(rows.get(1).getDouble(2)).isEqualTo(60.0);
        assertThat(rows.get(1).getList(3)).containsExactly("A", "B");
    }

    @Test
    void sqlError_exits2WithTheEnginesMessage() {
        Run r = sql("", "SELECT no_such_column FROM victims");
        assertThat(r.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(r.err()).contains("SQL error").contains("no_such_column");
        Run parse = sql("", "SELEC 1");
        assertThat(parse.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(parse.err()).contains("SQL error");
    }

    @Test
    void interactiveMode_runsEachStatementAndExits2WhenOneFailed() {
        Run r = sql(
                "SELECT count(*) AS n FROM victims;\nSELECT 'a;b' AS s -- ; comment\n;\nSELECT * FROM nope;\n",
                "--release",
                "2026Q3");
        assertThat(r.out()).contains("n\n--\n30\n(1 row)").contains("a;b");
        assertThat(r.err()).contains("refused:").contains("nope");
        assertThat(r.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
    }

    @Test
    void olderRelease_andCsvOut() throws Exception {
        Path csv = dir.resolve("out/cases.csv");
        Run r = sql("", "--release", "2026Q2", "--out", csv.toString(), "SELECT period, cases FROM cases_by_province");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(csv)).containsExactly("period,cases", "2026Q2,33");
    }

    @Test
    void outInsideTheWarehouse_isRefused() {
        Run r = sql("", "--out", warehouse.published().resolve("x.csv").toString(), "SELECT 1");
        assertThat(r.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(warehouse.published().resolve("x.csv")).doesNotExist();
    }

    @Test
    void statementSplitter_respectsQuotesAndComments() {
        SqlStatements s = new SqlStatements();
        assertThat(s.feed("SELECT ';' AS a; SELECT `x;y` FROM t /* ; */;\n-- ; \nSELECT 2"))
                .containsExactly("SELECT ';' AS a", "SELECT `x;y` FROM t /* ; */");
        assertThat(s.pending()).isTrue();
        assertThat(s.feed(";")).containsExactly("-- ; \nSELECT 2");
    }

    @Test
    void unknownRelease_isBadUsage() {
        assertThatThrownBy(() -> SqlSandbox.open(warehouse, Quarter.parse("2020Q1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not published");
    }
}
