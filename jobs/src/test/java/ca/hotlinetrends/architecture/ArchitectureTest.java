package ca.hotlinetrends.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the jobs module's shape, checked on its compiled main classes (not the tests).
 *
 * <p>The engines (k-anonymity search, table suppression and the attacker's LPs, statistics, and the table model
 * in {@code tables/}: count tables, their links and the record-level links) must stay reachable without Spark: they
 * may use the JDK, the project's own engine, schema and release-contract packages and a short allow-list of numeric
 * and CSV libraries, nothing else. No cycle between the top-level packages.
 */
class ArchitectureTest {

    private static final String[] ENGINES = {"ca.hotlinetrends.anonymity..", "ca.hotlinetrends.disclosure..",
        "ca.hotlinetrends.trends.stats..", "ca.hotlinetrends.tables.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("ca.hotlinetrends");
        assertThat(main.containPackage("ca.hotlinetrends.anonymity")).as("the jobs classes were imported").isTrue();
    }

    @Test
    void engines_dependOnlyOnTheJdkTheirOwnPackagesTheSchemasAndNumericLibraries() {
        ArchRule rule = classes().that().resideInAnyPackage(ENGINES).should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.annotation..", "ca.hotlinetrends.anonymity..",
                        "ca.hotlinetrends.disclosure..", "ca.hotlinetrends.trends.stats..", "ca.hotlinetrends.tables..",
                        "ca.hotlinetrends.schema..", "ca.hotlinetrends.release..",
                        "ca.hotlinetrends.calendar..", "org.apache.commons.math3..", "org.apache.commons.csv..",
                        "org.ojalgo..", "org.slf4j..")
                .because("the privacy and statistics engines live where Spark cannot reach them (README, Architecture)");
        rule.check(main);
    }

    @Test
    void engines_neverReachSparkScalaOrHadoop() {
        noClasses().that().resideInAnyPackage(ENGINES).should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..", "org.apache.parquet..")
                .check(main);
    }

    @Test
    void thePipeline_neverReachesTheCommandLine() {
        noClasses().that().resideInAPackage("ca.hotlinetrends.pipeline..").should().dependOnClassesThat()
                .resideInAnyPackage("ca.hotlinetrends.cli..", "picocli..")
                .because("commands are thin shells over the pipeline, not the other way round").check(main);
    }

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("ca.hotlinetrends.(*)..").should().beFreeOfCycles().check(main);
    }
}
