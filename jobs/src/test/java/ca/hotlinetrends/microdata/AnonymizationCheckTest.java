package ca.hotlinetrends.microdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.publish.PrivacyCheckException;
import ca.hotlinetrends.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The independent check of a record-level release, and of the files a release wrote. */
class AnonymizationCheckTest {

    private static final List<String> QIS = List.of("province", "age");
    private static final StructType SCHEMA = new StructType()
            .add("record_id", DataTypes.StringType, false)
            .add("province", DataTypes.StringType, true)
            .add("age", DataTypes.StringType, true)
            .add("services", DataTypes.StringType, true);

    /** {@code sizes[i]} records in class i (province P{i}, age A), with sensitive values cycling over {@code distinct}. */
    private static Dataset<Row> classes(SparkSession spark, int distinct, int... sizes) {
        List<Row> rows = new ArrayList<>();
        int id = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                rows.add(RowFactory.create("R" + id++, "P" + c, "A", "S" + (i % distinct)));
            }
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(2);
    }

    @Test
    void kAnonymousOutput_passes_andIsDescribed() {
        AnonymizationCheck.Outcome o =
                AnonymizationCheck.verify(classes(SharedSpark.session(), 3, 5, 7, 12), QIS, 5, null, null, null);
        assertThat(o.records()).isEqualTo(24);
        assertThat(o.classes()).isEqualTo(3);
        assertThat(o.smallestClass()).isEqualTo(5);
    }

    @Test
    void aClassBelowK_isRefused() {
        assertThatThrownBy(() -> AnonymizationCheck.verify(
                        classes(SharedSpark.session(), 3, 5, 4, 12), QIS, 5, null, null, null))
                .isInstanceOf(PrivacyCheckException.class)
                .hasMessageContaining("class of 4 records");
    }

    @Test
    void lDiversity_distinctAndEntropy() {
        SparkSession spark = SharedSpark.session();
        // Every class has 2 distinct sensitive values: 2-diverse, not 3-diverse.
        AnonymizationCheck.Outcome o =
                AnonymizationCheck.verify(classes(spark, 2, 6, 6), QIS, 5, "services", 2, "distinct");
        assertThat(o.leastDistinctSensitive()).isEqualTo(2);
        assertThat(o.records()).isEqualTo(12);
        assertThatThrownBy(() -> AnonymizationCheck.verify(classes(spark, 2, 6, 6), QIS, 5, "services", 3, "distinct"))
                .isInstanceOf(PrivacyCheckException.class)
                .hasMessageContaining("distinct 3-diverse");
        // Two equally frequent values: entropy log 2, enough for entropy 2-diversity and not for 3.
        assertThat(AnonymizationCheck.verify(classes(spark, 2, 6, 6), QIS, 5, "services", 2, "entropy")
                        .lowestEntropy())
                .isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> AnonymizationCheck.verify(classes(spark, 2, 6, 6), QIS, 5, "services", 3, "entropy"))
                .isInstanceOf(PrivacyCheckException.class);
    }

    @Test
    void writtenFiles_areCheckedThemselves_andRemovedWhenTheyFail(@TempDir Path dir) {
        SparkSession spark = SharedSpark.session();
        Path good = dir.resolve("good");
        classes(spark, 3, 5, 7).write().parquet(good.toString());
        assertThat(MicrodataJob.classSizes(good, QIS))
                .isEqualTo(Map.of(List.of("P0", "A"), 5L, List.of("P1", "A"), 7L));
        assertThat(MicrodataJob.verifyWritten(good, "contacts", MicrodataJob.classSizes(good, QIS), 5, 12)
                        .classes())
                .isEqualTo(2);
        assertThat(good).isDirectory();

        Path small = dir.resolve("small");
        classes(spark, 3, 5, 2).write().parquet(small.toString());
        assertThatThrownBy(
                        () -> MicrodataJob.verifyWritten(small, "contacts", MicrodataJob.classSizes(small, QIS), 5, 7))
                .isInstanceOf(PrivacyCheckException.class);
        assertThat(Files.exists(small)).isFalse();

        Path short_ = dir.resolve("short");
        classes(spark, 3, 5, 7).write().parquet(short_.toString());
        assertThatThrownBy(() ->
                        MicrodataJob.verifyWritten(short_, "contacts", MicrodataJob.classSizes(short_, QIS), 5, 13))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("12 records written");
        assertThat(Files.exists(short_)).isFalse();
    }

    @Test
    void aClassWithOneRecruiterRelation_isRefusedByTheDiversityCheck() {
        Map<List<String>, Map<String, Long>> diverse = Map.of(List.of("ON", "*"), Map.of("FAMILY", 8L, "EMPLOYER", 3L));
        AnonymizationCheck.verifyDiversity(diverse, 2, "distinct", "recruiter_relation");
        Map<List<String>, Map<String, Long>> uniform = Map.of(
                List.of("ON", "*"), Map.of("FAMILY", 8L, "EMPLOYER", 3L), List.of("QC", "*"), Map.of("EMPLOYER", 11L));
        assertThatThrownBy(() -> AnonymizationCheck.verifyDiversity(uniform, 2, "distinct", "recruiter_relation"))
                .isInstanceOf(PrivacyCheckException.class)
                .hasMessageContaining("not distinct 2-diverse in recruiter_relation");
        // Entropy 2-diversity needs more than two values present: 8 and 3 give an entropy below log 2.
        assertThatThrownBy(() -> AnonymizationCheck.verifyDiversity(diverse, 2, "entropy", "recruiter_relation"))
                .isInstanceOf(PrivacyCheckException.class);
    }
}
