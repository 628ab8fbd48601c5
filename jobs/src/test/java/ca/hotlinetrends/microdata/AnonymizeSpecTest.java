package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.schema.ProjectRoot;
import ca.hotlinetrends.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped examples reach the known Adult optima through the Spark job (histogram, search, apply, independent
 * check, write). Reads examples/adult/ in the repository; a missing file fails the test.
 */
class AnonymizeSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "adult-k5-loss.yaml, 0.292816, '0,3,0,1,1,1,1,2,0', 1178",
        "adult-k11-loss.yaml, 0.329523, '0,4,0,1,2,1,1,1,0', 1507",
        "adult-k5-discernibility.yaml, 7220555, , -1",
        "adult-k5-loss-limited.yaml, 0.278941, '0,2,0,1,2,1,1,2,0', 1158"
    })
    void adultExamples_reachTheKnownOptima(
            String example, double optimum, String levels, long suppressed, @TempDir Path out) throws Exception {
        Path root = ProjectRoot.find();
        AnonymizeSpec spec = AnonymizeSpec.read(root.resolve("examples").resolve(example));
        AnonymizeSpec fromRoot = new AnonymizeSpec(
                root.resolve(spec.input()).toString(),
                spec.separator(),
                spec.quasiIdentifiers(),
                resolve(root, spec.hierarchies()),
                spec.sensitiveAttribute(),
                spec.k(),
                spec.l(),
                spec.lVariant(),
                spec.suppressionLimit(),
                spec.metric(),
                spec.maxLevels(),
                spec.minLevels(),
                spec.weights(),
                spec.localSuppression());
        assertThat(Path.of(fromRoot.input()))
                .as("Adult reference data in examples/adult")
                .exists();
        AnonymizeJob.Result r = AnonymizeJob.run(SharedSpark.session(), fromRoot, out.resolve("adult"));
        AnonymityResult a = r.anonymity();
        if (spec.metric().equals("loss")) {
            assertThat(a.metricValue()).isCloseTo(optimum, org.assertj.core.data.Offset.offset(5e-7));
        } else {
            assertThat(Math.round(a.metricValue())).isEqualTo((long) optimum);
        }
        if (levels != null) {
            assertThat(a.levels())
                    .containsExactlyElementsOf(List.of(levels.split(",")).stream()
                            .map(Integer::valueOf)
                            .toList());
            assertThat(a.suppressedRecords()).isEqualTo(suppressed);
        }
        Dataset<Row> written =
                SharedSpark.session().read().parquet(out.resolve("adult").toString());
        assertThat(written.count()).isEqualTo(a.totalRecords() - a.suppressedRecords());
        long smallest = written.groupBy(spec.quasiIdentifiers().stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new))
                .count()
                .agg(org.apache.spark.sql.functions.min("count"))
                .first()
                .getLong(0);
        assertThat(smallest).isGreaterThanOrEqualTo(spec.k());
        assertThat(Files.list(out.resolve("adult")).anyMatch(p -> p.toString().endsWith(".parquet")))
                .isTrue();
    }

    private static java.util.Map<String, String> resolve(Path root, java.util.Map<String, String> files) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        files.forEach((k, v) -> out.put(k, root.resolve(v).toString()));
        return out;
    }
}
