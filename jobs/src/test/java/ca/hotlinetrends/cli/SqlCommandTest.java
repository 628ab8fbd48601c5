package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.publish.PublishedCatalog;
import ca.hotlinetrends.publish.PublishedReleaseFixture;
import ca.hotlinetrends.publish.SqlStatements;
import ca.hotlinetrends.testing.SharedSpark;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hotline-trends sql}: queries answer on the published views; anything else is refused with exit 2. */
class SqlCommandTest {

    @TempDir
    static Path dir;
    static Warehouse warehouse;

    @BeforeAll
    static void publish() {
        warehouse = PublishedReleaseFixture.write(SharedSpark.session(), dir.resolve("wh"));
    }

    private static PublishedCatalog catalog() {
        return PublishedCatalog.open(SharedSpark.session(), warehouse, Quarter.parse("2026Q3"));
    }

    /** Runs the command line with stdin; returns exit code, stdout and stderr. */
    private record Run(int exit, String out, String err) {
    }

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
            String[] all = new String[args.length + 5];
            all[0] = "sql";
            all[1] = "--warehouse";
            all[2] = warehouse.root().toString();
            all[3] = "--master";
            all[4] = "local[1]";
            System.arraycopy(args, 0, all, 5, args.length);
            int exit = HotlineTrends.execute(all);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void catalog_registersEveryTableAndDatasetOfTheRelease() {
        assertThat(catalog().views()).extracting(PublishedCatalog.View::name)
                .containsExactly("cases_by_province", "victims");
        assertThat(PublishedCatalog.latestRelease(warehouse)).isEqualTo(Quarter.parse("2026Q3"));
    }

    @Test
    void query_answersFromThePublishedViews() {
        List<Row> rows = catalog().query("WITH ont AS (SELECT * FROM cases_by_province WHERE province_code = 'ON') "
                + "SELECT c.cases, (SELECT count(*) FROM victims v WHERE v.province_code = c.province_code) AS n "
                + "FROM ont c").collectAsList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getLong(0)).isEqualTo(40L);
        assertThat(rows.get(0).getLong(1)).isEqualTo(20L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM parquet.`%s/restricted/staged/victims`",
        "SELECT * FROM csv.`%s/published/2026Q3/tables/cases_by_province.csv`",
        "SELECT * FROM victims WHERE record_id IN (SELECT record_id FROM parquet.`%s/restricted/staged/victims`)",
        "SELECT * FROM read_files('%s/restricted/staged/victims')",
        "SELECT * FROM range(10)",
        "SELECT * FROM default.victims",
        "SELECT * FROM staged_victims",
        "CREATE TABLE t USING parquet LOCATION '%s/restricted/x' AS SELECT 1",
        "CREATE TEMPORARY VIEW s USING parquet OPTIONS (path '%s/restricted/staged/victims')",
        "INSERT OVERWRITE DIRECTORY '%s/out' USING parquet SELECT * FROM victims",
        "DROP VIEW victims",
        "ADD JAR %s/evil.jar",
        "LOAD DATA LOCAL INPATH '%s/restricted' INTO TABLE victims",
        "SET spark.sql.runSQLOnFiles=true",
        "EXPLAIN SELECT * FROM parquet.`%s/restricted/staged/victims`",
        "CACHE TABLE c AS SELECT * FROM victims",
    })
    void statementsThatReachBeyondTheViews_areRefused(String template) {
        String sql = template.replace("%s", warehouse.root().toString());
        assertThatThrownBy(() -> catalog().query(sql)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("refused:");
    }

    @Test
    void restrictedPath_isRefusedByTheCommandWithExit2() {
        Run r = sql("", "SELECT * FROM parquet.`" + warehouse.restricted() + "/staged/victims`");
        assertThat(r.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(r.err()).contains("refused:").contains("cases_by_province, victims");
        assertThat(r.out()).doesNotContain("R0000000000000000");
    }

    @Test
    void command_printsAReadableTableOfTheLatestRelease() {
        Run r = sql("", "SELECT province_code, cases, status FROM cases_by_province ORDER BY province_code");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("province_code | cases | status").contains("ON            | 40    | published")
                .contains("PE            | NULL  | suppressed").doesNotContain("suppressed-").contains("(4 rows)");
    }

    @Test
    void listCells_printAsTheirItemsJoinedWithBars_onScreenAndInCsv() throws Exception {
        String query = "SELECT array('DEBT_BONDAGE', 'THREATS') AS means_of_control FROM victims LIMIT 1";
        Run r = sql("", query);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("DEBT_BONDAGE|THREATS").doesNotContain("ArraySeq");
        Path csv = dir.resolve("out/lists.csv");
        Run out = sql("", "--out", csv.toString(), query);
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(Files.readAllLines(csv)).containsExactly("means_of_control", "DEBT_BONDAGE|THREATS");
    }

    @Test
    void sqlError_exits2WithSparksMessage() {
        Run r = sql("", "SELECT no_such_column FROM victims");
        assertThat(r.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(r.err()).contains("SQL error").contains("no_such_column");
        Run parse = sql("", "SELEC 1");
        assertThat(parse.exit()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(parse.err()).contains("SQL error");
    }

    @Test
    void interactiveMode_runsEachStatementAndExits2WhenOneFailed() {
        Run r = sql("SELECT count(*) AS n FROM victims;\nSELECT 'a;b' AS s -- ; comment\n;\nSELECT * FROM nope;\n",
                "--release", "2026Q3");
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
    void statementSplitter_respectsQuotesAndComments() {
        SqlStatements s = new SqlStatements();
        assertThat(s.feed("SELECT ';' AS a; SELECT `x;y` FROM t /* ; */;\n-- ; \nSELECT 2")).containsExactly(
                "SELECT ';' AS a", "SELECT `x;y` FROM t /* ; */");
        assertThat(s.pending()).isTrue();
        assertThat(s.feed(";")).containsExactly("-- ; \nSELECT 2");
    }
}
