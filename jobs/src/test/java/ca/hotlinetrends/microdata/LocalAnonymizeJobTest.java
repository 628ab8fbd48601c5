package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.schema.ProjectRoot;
import ca.hotlinetrends.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job without Spark writes what the Spark job writes: the same schema and the same rows in the same order, read
 * back by Spark from both folders; it is taken only for inputs whose reading by Spark it reproduces.
 */
class LocalAnonymizeJobTest {

    @Test
    void adult_sameRowsAsTheSparkJob(@TempDir Path dir) {
        Path root = ProjectRoot.find();
        AnonymizeSpec spec = fromRoot(root, AnonymizeSpec.read(root.resolve("examples/adult-k5-loss.yaml")));
        assertSameAsSpark(spec, dir);
    }

    @Test
    void quotedFieldsNullsLocalSuppressionAndDiversity_sameRowsAsTheSparkJob(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("id,region,age,note,relation\r\n");
        String[] ages = {"18_24", "25_34", "35_44", "45_PLUS"};
        String[] relations = {"FAMILY", "PARTNER", "EMPLOYER", "STRANGER"};
        // ON, BC and AB: 25 records of each age group. QC: 40 aged 25_34 and 4 of each other age group, three
        // classes below k=11 that local suppression can merge by blanking their age.
        List<String[]> people = new ArrayList<>();
        for (String region : List.of("ON", "BC", "AB")) {
            for (int i = 0; i < 100; i++) {
                people.add(new String[] {region, ages[i % 4]});
            }
        }
        for (int i = 0; i < 52; i++) {
            people.add(new String[] {"QC", i < 40 ? "25_34" : ages[i % 4 == 1 ? 0 : i % 4]});
        }
        for (int i = 0; i < people.size(); i++) {
            String note = switch (i % 5) {
                case 0 -> "\"said \\\"hello\\\", left\""; // an escaped quote and the separator inside quotes
                case 1 -> ""; // empty: null
                case 2 -> "\"\""; // quoted empty: null too
                case 3 -> " padded "; // spaces kept
                default -> i % 10 == 9 ? "\"path\\\\\"" : "plain"; // a quoted value ending in an escaped backslash
            };
            csv.append(i)
                    .append(',')
                    .append(people.get(i)[0])
                    .append(',')
                    .append(people.get(i)[1])
                    .append(',')
                    .append(note)
                    .append(',')
                    .append(relations[i / 4 % 4])
                    .append(i % 2 == 0 ? "\r\n" : "\n");
        }
        Files.writeString(dir.resolve("in.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("region.csv"), "ON;CENTRAL;*\nQC;CENTRAL;*\nBC;WEST;*\nAB;WEST;*\n");
        Files.writeString(
                dir.resolve("age.csv"), "18_24;UNDER_35;*\n25_34;UNDER_35;*\n35_44;35_PLUS;*\n45_PLUS;35_PLUS;*\n");
        AnonymizeSpec spec = new AnonymizeSpec(
                dir.resolve("in.csv").toString(),
                ",",
                List.of("region", "age"),
                Map.of(
                        "region",
                        dir.resolve("region.csv").toString(),
                        "age",
                        dir.resolve("age.csv").toString()),
                "relation",
                11,
                2,
                "distinct",
                0.05,
                "loss",
                Map.of("region", 0, "age", 0),
                Map.of(),
                Map.of(),
                true);
        assertThat(LocalAnonymizeJob.read(spec)).isPresent();
        AnonymizeJob.Result local = assertSameAsSpark(spec, dir);
        assertThat(local.recordsWritten()).isBetween(300L, 400L);
        assertThat(local.anonymity().totalBlankedValues())
                .as("values blanked by local suppression")
                .isPositive();
        Dataset<Row> written =
                SharedSpark.session().read().parquet(dir.resolve("local").toString());
        assertThat(written.filter("note IS NULL").count())
                .as("empty and quoted empty notes read as null")
                .isPositive();
        assertThat(written.filter("note = 'said \"hello\", left'").count())
                .as("quoted separator and escaped quotes")
                .isPositive();
        assertThat(written.filter("note = ' padded '").count()).isPositive();
        assertThat(written.filter("note = 'path\\\\'").count())
                .as("an escaped backslash before the closing quote")
                .isPositive();
    }

    @Test
    void inputsSparkReadsDifferently_areLeftToSpark(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("h.csv"), "A;*\nB;*\n");
        Map<String, String> h = Map.of("q", dir.resolve("h.csv").toString());
        Files.writeString(dir.resolve("short.csv"), "q,x\nA,1\nB\n");
        Files.writeString(dir.resolve("dup.csv"), "q,Q\nA,1\n");
        Files.writeString(dir.resolve("case.csv"), "Q,x\nA,1\n");
        Files.writeString(dir.resolve("ok.csv"), "q,x\nA,1\n");
        for (String name : List.of("short.csv", "dup.csv", "case.csv")) {
            assertThat(LocalAnonymizeJob.read(spec(dir.resolve(name), h)))
                    .as(name)
                    .isEmpty();
        }
        assertThat(LocalAnonymizeJob.read(spec(dir.resolve("ok.csv"), h))).isPresent();
        Files.writeString(dir.resolve("x.csv.gz"), "q,x\nA,1\n");
        assertThat(LocalAnonymizeJob.read(spec(dir.resolve("x.csv.gz"), h)))
                .as("compressed")
                .isEmpty();
        Files.write(dir.resolve("latin1.csv"), new byte[] {'q', ',', 'x', '\n', 'A', ',', (byte) 0xE9, '\n'});
        assertThat(LocalAnonymizeJob.read(spec(dir.resolve("latin1.csv"), h)))
                .as("not UTF-8")
                .isEmpty();
        Files.writeString(dir.resolve("x.parquet"), "not read");
        assertThat(LocalAnonymizeJob.read(spec(dir.resolve("x.parquet"), h))).isEmpty();
    }

    @Test
    void aClassBelowK_isRefusedWithNothingWritten(@TempDir Path dir) throws Exception {
        // Every record unique and no generalisation or suppression allowed: no node satisfies k, the job refuses.
        Files.writeString(dir.resolve("h.csv"), "A;A\nB;B\nC;C\n");
        Files.writeString(dir.resolve("in.csv"), "q\nA\nB\nC\n");
        AnonymizeSpec spec = new AnonymizeSpec(
                dir.resolve("in.csv").toString(),
                ",",
                List.of("q"),
                Map.of("q", dir.resolve("h.csv").toString()),
                null,
                2,
                null,
                null,
                0.0,
                "loss",
                Map.of(),
                Map.of(),
                Map.of(),
                false);
        assertThatThrownBy(() -> AnonymizeJob.runWithoutSpark(spec, dir.resolve("out")))
                .isInstanceOf(RuntimeException.class);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private static AnonymizeSpec spec(Path input, Map<String, String> hierarchies) {
        return new AnonymizeSpec(
                input.toString(),
                ",",
                List.of("q"),
                hierarchies,
                null,
                1,
                null,
                null,
                0.0,
                "loss",
                Map.of(),
                Map.of(),
                Map.of(),
                false);
    }

    private static AnonymizeJob.Result assertSameAsSpark(AnonymizeSpec spec, Path dir) {
        SparkSession spark = SharedSpark.session();
        AnonymizeJob.Result viaSpark = AnonymizeJob.run(spark, spec, dir.resolve("spark"));
        AnonymizeJob.Result local =
                AnonymizeJob.runWithoutSpark(spec, dir.resolve("local")).orElseThrow();
        assertThat(local.anonymity().levels()).isEqualTo(viaSpark.anonymity().levels());
        assertThat(local.anonymity().suppressedRecords())
                .isEqualTo(viaSpark.anonymity().suppressedRecords());
        assertThat(local.recordsWritten()).isEqualTo(viaSpark.recordsWritten());
        Dataset<Row> a = spark.read().parquet(dir.resolve("spark").toString());
        Dataset<Row> b = spark.read().parquet(dir.resolve("local").toString());
        assertThat(b.schema()).isEqualTo(a.schema());
        List<Row> ra = a.collectAsList();
        List<Row> rb = b.collectAsList();
        assertThat(rb).hasSize(ra.size());
        assertThat(rows(rb)).isEqualTo(rows(ra));
        assertThat(dir.resolve("local").resolve("_SUCCESS")).exists();
        return local;
    }

    private static List<List<Object>> rows(List<Row> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : rows) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(r.get(i));
            }
            out.add(values);
        }
        return out;
    }

    private static AnonymizeSpec fromRoot(Path root, AnonymizeSpec spec) {
        Map<String, String> files = new HashMap<>();
        spec.hierarchies().forEach((k, v) -> files.put(k, root.resolve(v).toString()));
        return new AnonymizeSpec(
                root.resolve(spec.input()).toString(),
                spec.separator(),
                spec.quasiIdentifiers(),
                files,
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
    }
}
