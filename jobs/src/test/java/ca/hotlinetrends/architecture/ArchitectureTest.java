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
 * <p>The engines (k-anonymity search, table suppression and the attacker's LPs, statistics) must stay reachable
 * without Spark: they may use the JDK, the project's own engine and schema packages and a short allow-list of
 * numeric and CSV libraries, nothing else. The package graph must not grow cycles; the one known cycle
 * ({@code publish <-> trends}, issue #22) is listed and checked to still be the only one, so that breaking it later
 * shows here as a rule to tighten.
 */
class ArchitectureTest {

    private static final String[] ENGINES = {"ca.hotlinetrends.anonymity..", "ca.hotlinetrends.disclosure..",
        "ca.hotlinetrends.trends.stats.."};

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
                        "ca.hotlinetrends.disclosure..", "ca.hotlinetrends.trends.stats..", "ca.hotlinetrends.schema..",
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
    void packageCycles_areOnlyTheKnownPublishTrendsCycle() {
        EvaluationResult result = slices().matching("ca.hotlinetrends.(*)..").should().beFreeOfCycles()
                .evaluate(main);
        java.util.regex.Pattern slice = java.util.regex.Pattern.compile("^\\s*(?:Cycle detected: )?Slice (\\w+) ->");
        List<java.util.Set<String>> cycles = result.getFailureReport().getDetails().stream()
                .filter(d -> d.startsWith("Cycle detected"))
                .map(d -> {
                    java.util.Set<String> names = new java.util.TreeSet<>();
                    for (String line : d.split("\n")) {
                        java.util.regex.Matcher m = slice.matcher(line);
                        if (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                    return names;
                })
                .toList();
        // When the cycle is broken (issue #22), this fails: then require beFreeOfCycles() outright.
        assertThat(cycles).as("package cycles: the known publish <-> trends one and no other")
                .containsExactly(java.util.Set.of("publish", "trends"));
    }
}
