package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anonymize --config JOB --out DIR} replaces DIR as Spark's overwrite does, so DIR is checked before anything
 * runs: a folder that holds what the job reads, or a folder of the user's that is not an earlier output, is refused
 * (bad usage) and left exactly as it was.
 */
class AnonymizeOutTest {

    /** A small job (two quasi-identifiers, k=2) whose input, hierarchies and job file all sit in {@code dir}. */
    private static Path job(Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("sex;race;salary\n");
        String[] sexes = {"Male", "Female"};
        String[] races = {"White", "Black", "Other"};
        for (int i = 0; i < 60; i++) {
            csv.append(sexes[i % 2])
                    .append(';')
                    .append(races[i % 3])
                    .append(';')
                    .append(i % 4 == 0 ? ">50K" : "<=50K")
                    .append('\n');
        }
        Files.writeString(dir.resolve("people.csv"), csv);
        Files.writeString(dir.resolve("sex.csv"), "Male;*\nFemale;*\n");
        Files.writeString(dir.resolve("race.csv"), "White;*\nBlack;*\nOther;*\n");
        Path job = dir.resolve("job.yaml");
        Files.writeString(
                job,
                "input: " + dir.resolve("people.csv") + "\nseparator: \";\"\nquasi_identifiers: [sex, race]\n"
                        + "hierarchies:\n  sex: " + dir.resolve("sex.csv") + "\n  race: " + dir.resolve("race.csv")
                        + "\nk: 2\nsuppression_limit: 0.0\nmetric: loss\n");
        return job;
    }

    private record Outcome(int exit, String err) {}

    private static Outcome anonymize(Path job, Path out) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = HotlineTrends.execute("anonymize", "--config", job.toString(), "--out", out.toString());
            return new Outcome(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    private static Map<String, Long> state(Path dir) throws Exception {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.size(p));
            }
        }
        return files;
    }

    @Test
    void anOutputFolderHoldingWhatTheJobReads_isRefusedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path job = job(dir.resolve("project"));
        Map<String, Long> before = state(dir);

        Outcome same = anonymize(job, dir.resolve("project"));
        assertThat(same.exit()).as(same.err()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(same.err()).contains("holds the input").contains("choose a folder of its own");

        Outcome parent = anonymize(job, dir);
        assertThat(parent.exit()).as(parent.err()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(parent.err()).contains("holds the input");

        // Through a link to the folder: the overlap is found on the real path.
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("project"));
        Outcome linked = anonymize(job, link);
        assertThat(linked.exit()).as(linked.err()).isEqualTo(HotlineTrends.BAD_USAGE);
        Files.delete(link);

        assertThat(state(dir)).as("nothing deleted or written").isEqualTo(before);
    }

    @Test
    void aNonEmptyFolderThatIsNotAnEarlierOutput_isRefused_aNewOrEarlierOutputIsWritten(@TempDir Path dir)
            throws Exception {
        Path job = job(dir.resolve("project"));
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "chapter one");
        Outcome refused = anonymize(job, mine);
        assertThat(refused.exit()).as(refused.err()).isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(refused.err()).contains("not an earlier output of anonymize");
        assertThat(Files.readString(mine.resolve("thesis.tex"))).isEqualTo("chapter one");
        assertThat(state(mine)).containsOnlyKeys("thesis.tex");

        Path out = dir.resolve("out");
        assertThat(anonymize(job, out).exit()).isZero();
        assertThat(out.resolve("_SUCCESS")).exists();
        Outcome again = anonymize(job, out);
        assertThat(again.exit())
                .as("an earlier output is replaced: %s", again.err())
                .isZero();
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(dir.resolve("project").resolve("people.csv")))
                .startsWith("sex;race;salary");
    }
}
