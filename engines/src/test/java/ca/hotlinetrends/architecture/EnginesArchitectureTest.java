package ca.hotlinetrends.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engines module's rule, checked on its compiled main classes. The build already keeps Spark, Scala, Hadoop and
 * Parquet off this module's classpath (a class that used them would not compile); this rule keeps the rest of the
 * module's reach short too: the JDK, the engines' own packages, core's schema, release-contract and calendar
 * packages, and an allow-list of numeric and CSV libraries.
 */
class EnginesArchitectureTest {

    private static final String[] ENGINES = {
        "ca.hotlinetrends.anonymity..",
        "ca.hotlinetrends.disclosure..",
        "ca.hotlinetrends.trends.stats..",
        "ca.hotlinetrends.tables.."
    };

    private static JavaClasses engines;

    @BeforeAll
    static void importMainClasses() {
        engines = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(
                        "ca.hotlinetrends.anonymity",
                        "ca.hotlinetrends.disclosure",
                        "ca.hotlinetrends.trends.stats",
                        "ca.hotlinetrends.tables");
        assertThat(engines.containPackage("ca.hotlinetrends.anonymity"))
                .as("the engine classes were imported")
                .isTrue();
        assertThat(engines.containPackage("ca.hotlinetrends.tables")).isTrue();
    }

    @Test
    void engines_dependOnlyOnTheJdkTheirOwnPackagesCoreAndNumericLibraries() {
        classes()
                .that()
                .resideInAnyPackage(ENGINES)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "javax.annotation..",
                        "ca.hotlinetrends.anonymity..",
                        "ca.hotlinetrends.disclosure..",
                        "ca.hotlinetrends.trends.stats..",
                        "ca.hotlinetrends.tables..",
                        "ca.hotlinetrends.schema..",
                        "ca.hotlinetrends.release..",
                        "ca.hotlinetrends.calendar..",
                        "org.apache.commons.math3..",
                        "org.apache.commons.csv..",
                        "org.ojalgo..",
                        "org.chocosolver..",
                        "org.slf4j..")
                .because("the privacy and statistics engines live where Spark cannot reach them (README, Architecture)")
                .check(engines);
    }

    @Test
    void enginePackages_areFreeOfCycles() {
        slices().matching("ca.hotlinetrends.(*)..").should().beFreeOfCycles().check(engines);
    }
}
