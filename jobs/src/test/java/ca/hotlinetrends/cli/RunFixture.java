package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.warehouse.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * A seeded export (2019Q1..2026Q3) and a warehouse where release 2026Q2 is published; fault tests copy the
 * warehouse and run release 2026Q3 on the copy.
 *
 * <p>Runs publish cumulative record-level extracts ({@link #cumulativeConfig}) unless a test gives its own {@code
 * --config}: both releases fall in 2026, so with closed-year extracts (the default) 2026Q2 would publish every year
 * that has ended and 2026Q3 no records at all, and the faults and kills of the microdata stage would never be
 * reached. Closed-year extracts across releases are tested by {@code ClosedYearExtractsTest} and the release tests.
 */
final class RunFixture {

    static final Quarter EARLIER = new Quarter(2026, 2);
    static final Quarter RELEASE = new Quarter(2026, 3);

    final Path dir;
    final Path export;
    final Path base;

    private RunFixture(Path dir) {
        this.dir = dir;
        this.export = dir.resolve("export");
        this.base = dir.resolve("base");
    }

    static RunFixture create(Path dir) {
        RunFixture f = new RunFixture(dir);
        ExportGenerator.write(
                SchemaRegistry.load(),
                new GenerateConfig(f.export, 5, 0.2, new Quarter(2019, 1), RELEASE, "csv", 0.0),
                "csv");
        assertThat(run(f.export, EARLIER, f.base).exit()).isZero();
        return f;
    }

    record Outcome(int exit, String err, String out) {}

    /**
     * {@code run} in this JVM with a run date of 2026-09-30 on {@code local[2]}; standard error captured, standard
     * output captured and passed on.
     */
    static Outcome run(Path input, Quarter release, Path warehouse, String... more) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(
                new org.apache.commons.io.output.TeeOutputStream(out, printed), true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of(
                    "run",
                    "--input",
                    input.toString(),
                    "--release",
                    release.toString(),
                    "--warehouse",
                    warehouse.toString(),
                    "--run-date",
                    "2026-09-30",
                    "--master",
                    "local[2]"));
            args.addAll(List.of(more));
            if (!args.contains("--config")) {
                args.addAll(List.of(
                        "--config",
                        cumulativeConfig(warehouse.toAbsolutePath().getParent()).toString()));
            }
            int exit = HotlineTrends.execute(args.toArray(String[]::new));
            return new Outcome(
                    exit, captured.toString(StandardCharsets.UTF_8), printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    /** A configuration in {@code dir} that publishes cumulative record-level extracts (written once). */
    static Path cumulativeConfig(Path dir) {
        Path config = dir.resolve("fixture-cumulative.yaml");
        try {
            if (!Files.isRegularFile(config)) {
                Files.writeString(config, "privacy:\n  record_level_periods: cumulative\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return config;
    }

    Path copyOfBase(String name) throws IOException {
        Path wh = dir.resolve(name);
        FileUtils.copyDirectory(base.toFile(), wh.toFile());
        return wh;
    }

    /** The folder of the last {@code run} in a warehouse ({@code restricted/runs/<run-id>/}, manifest and report). */
    static Path lastRun(Path warehouse) throws IOException {
        Path last = null;
        try (Stream<Path> runs = Files.list(warehouse.resolve("restricted/runs"))) {
            for (Path r : runs.sorted().toList()) {
                Path m = r.resolve("manifest.json");
                if (Files.isRegularFile(m)
                        && RunManifest.json()
                                .readTree(m.toFile())
                                .path("command")
                                .asText()
                                .equals("run")) {
                    last = r;
                }
            }
        }
        assertThat(last).as("a run in " + warehouse).isNotNull();
        return last;
    }

    /** SHA-256 of every published file and ledger entry, by path relative to the warehouse. */
    static Map<String, String> publicState(Path warehouse) throws IOException {
        return ca.hotlinetrends.release.PublicState.of(warehouse);
    }

    /**
     * Records of the Parquet files under {@code folder} (recursively; a staged dataset's quarter is its folders'
     * partition value) that satisfy {@code where}, by DuckDB.
     */
    static long count(Path folder, String where) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + folder
                        + "/**/*.parquet', hive_partitioning = true) WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }
}
