package ca.hotlinetrends.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the jobs module's shape, checked on its own compiled main classes (not the tests, not the
 * engines module, whose rule is EnginesArchitectureTest and whose Spark-free classpath the build enforces).
 *
 * <p>The pipeline never reaches the command line, and the commands build no release stage's job themselves; only {@code spark/} casts to Spark's classic Dataset; no cycle
 * between the top-level packages.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(location -> location.contains("/jobs/target/classes/"))
                .importPackages("ca.hotlinetrends");
        assertThat(main.containPackage("ca.hotlinetrends.pipeline"))
                .as("the jobs classes were imported")
                .isTrue();
    }

    @Test
    void noEngineClass_isDefinedInJobs_whereSparkIsReachable() {
        assertThat(main.stream()
                        .map(c -> c.getPackageName())
                        .filter(p -> p.startsWith("ca.hotlinetrends.anonymity")
                                || p.startsWith("ca.hotlinetrends.disclosure")
                                || p.startsWith("ca.hotlinetrends.tables")
                                || p.startsWith("ca.hotlinetrends.trends.stats")))
                .as("engine packages among the jobs classes")
                .isEmpty();
    }

    @Test
    void thePipeline_neverReachesTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("ca.hotlinetrends.pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ca.hotlinetrends.cli..", "picocli..")
                .because("commands are thin shells over the pipeline, not the other way round")
                .check(main);
    }

    @Test
    void commands_runTheReleaseStagesThroughThePipeline() {
        // The jobs of a release's stages are built by the pipeline (ReleasePipeline, Stages), which stages and
        // publishes what they write; a command that built one itself could write outside a staged release.
        noClasses()
                .that()
                .resideInAPackage("ca.hotlinetrends.cli..")
                .should()
                .callConstructorWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a constructor of a release stage's job (IngestJob, TrendsJob, MicrodataJob)",
                        call -> java.util.Set.of("IngestJob", "TrendsJob", "MicrodataJob")
                                .contains(call.getTargetOwner().getSimpleName())))
                .check(main);
    }

    @Test
    void commands_runNoJobThemselves() {
        // Every job a command runs goes through the pipeline package (ReleasePipeline, Stages, Operations): the
        // commands parse options and print. A command that called a job's entry point itself would skip the
        // context (schemas loaded once, the checked configuration) and the staged write.
        noClasses()
                .that()
                .resideInAPackage("ca.hotlinetrends.cli..")
                .should()
                .callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a job's entry point (run, runWithoutSpark) or the outsider audit's",
                        call -> java.util.Set.of(
                                                "GenerateJob",
                                                "AnonymizeJob",
                                                "IngestJob",
                                                "TrendsJob",
                                                "MicrodataJob",
                                                "OutsiderAudit",
                                                "ReportRenderer")
                                        .contains(call.getTargetOwner().getSimpleName())
                                && java.util.Set.of("run", "runWithoutSpark", "render")
                                        .contains(call.getName())))
                .orShould()
                .callConstructorWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the outsider audit's constructor",
                        call -> call.getTargetOwner().getSimpleName().equals("OutsiderAudit")))
                .check(main);
    }

    @Test
    void onlyTheSparkPackage_reachesBelowSparksPublicDatasetApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("ca.hotlinetrends.spark..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark.sql.classic..")
                .because("the casts to Spark's classic Dataset sit behind spark.InternalRows")
                .check(main);
    }

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("ca.hotlinetrends.(*)..").should().beFreeOfCycles().check(main);
    }
}
