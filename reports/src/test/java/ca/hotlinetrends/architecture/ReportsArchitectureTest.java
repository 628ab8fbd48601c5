package ca.hotlinetrends.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports module's rules, checked on its compiled main classes. Restricted data (staged records, the ledger's
 * true values, run manifests) is read only through the jobs module's warehouse and ledger classes, which this module
 * does not have on its classpath, nor Spark, Hadoop or Parquet: a class that used them would not compile. These
 * rules keep the rest of its reach to an allow-list, so that no later change gives the reports another way in (a
 * JDBC driver that reads Parquet, a network client): the JDK's desktop, text and file classes, core's schema,
 * calendar and release-contract packages, and the chart, document and template libraries.
 */
class ReportsArchitectureTest {

    private static JavaClasses reports;

    @BeforeAll
    static void importMainClasses() {
        reports = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("ca.hotlinetrends.reports");
        assertThat(reports.containPackage("ca.hotlinetrends.reports.chart"))
                .as("the report classes were imported")
                .isTrue();
    }

    @Test
    void reports_dependOnlyOnTheJdkCoreAndTheirDocumentLibraries() {
        classes()
                .that()
                .resideInAPackage("ca.hotlinetrends.reports..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "javax.imageio..",
                        "javax.xml..",
                        "ca.hotlinetrends.reports..",
                        "ca.hotlinetrends.schema..",
                        "ca.hotlinetrends.calendar..",
                        "ca.hotlinetrends.release..",
                        "org.jfree..",
                        "org.apache.batik..",
                        "org.w3c..",
                        "org.commonmark..",
                        "freemarker..",
                        "com.openhtmltopdf..",
                        "org.apache.pdfbox..",
                        "org.apache.commons.csv..",
                        "org.yaml.snakeyaml..",
                        "com.fasterxml.jackson..")
                .because("reports are made from published files only (README, Architecture)")
                .check(reports);
    }

    @Test
    void reports_openNoDatabaseAndNoNetworkConnection() {
        noClasses()
                .that()
                .resideInAPackage("ca.hotlinetrends.reports..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "java.net.http..", "javax.net..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.URLConnection")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.Socket")
                .because("a report reads the release's files and writes its own; it reaches nothing else")
                .check(reports);
    }
}
