package ca.hotlinetrends.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate's one writer and one reader agree, and the reader refuses what is not a certificate. */
class ReleaseCertificateTest {

    private static ReleaseCertificate parse(String json) throws Exception {
        return ReleaseCertificate.parse(new ObjectMapper().readTree(json), "certificate.json");
    }

    @Test
    void whatTheBuilderWrites_theReaderReads(@TempDir Path release) throws Exception {
        Files.createDirectories(release.resolve("tables"));
        Files.writeString(release.resolve("tables/a.csv"), "period,count\n2026Q3,7\n");
        Files.writeString(release.resolve(CertificateBuilder.COMPLETE_MARKER), "content_id=1\n");
        Files.writeString(release.resolve("tables/.a.csv.crc"), "x");
        CertificateBuilder.open(release)
                .release("2026Q3")
                .tableProtection(new CertificateBuilder.TableProtection(5, 3, 2, 40, 12, 4))
                .revisions(List.of("2025Q2"), 3)
                .audit(new CertificateBuilder.Audit(true, 6.0, 1, 2))
                .anonymization(new CertificateBuilder.Anonymization(
                        11,
                        0.05,
                        "loss",
                        true,
                        "microdata/anonymization.json",
                        List.of("gender"),
                        Map.of("victims", 100L)))
                .write(release);

        ReleaseCertificate c = ReleaseCertificate.read(release);
        assertThat(c.release()).isEqualTo("2026Q3");
        assertThat(c.tableProtection().minCellCount()).isEqualTo(5);
        assertThat(c.tableProtection().protectionWidth()).hasValue(3);
        assertThat(c.tableProtection().cells()).hasValue(40);
        assertThat(c.tableProtection().suppressedCells()).hasValue(4);
        assertThat(c.tableProtection().suppressedCellShare()).hasValue(0.1);
        assertThat(c.audit()).hasValueSatisfying(a -> {
            assertThat(a.passed()).isTrue();
            assertThat(a.narrowestFeasibleRange()).hasValue(6.0);
            assertThat(a.linearProgramsSolved()).isEmpty();
        });
        assertThat(c.anonymization()).hasValueSatisfying(a -> assertThat(a.k()).isEqualTo(11));
        assertThat(c.revisedPeriods()).containsExactly("2025Q2");
        var files = new ObjectMapper()
                .readTree(release.resolve(CertificateBuilder.FILE).toFile())
                .get("files_sha256");
        assertThat(files.fieldNames()).toIterable().containsExactly("tables/a.csv");
        assertThat(files.get("tables/a.csv").asText())
                .isEqualTo(CertificateBuilder.sha256(release.resolve("tables/a.csv")))
                .hasSize(64);
    }

    @Test
    void eachStageReplacesItsOwnSection_andKeepsTheOthers(@TempDir Path release) throws Exception {
        CertificateBuilder.open(release)
                .release("2026Q3")
                .anonymization(new CertificateBuilder.Anonymization(11, 0.05, "loss", false, "d", List.of(), Map.of()))
                .addOverrides(List.of("k lowered"))
                .write(release);
        CertificateBuilder.open(release)
                .tableProtection(new CertificateBuilder.TableProtection(10, 5, 1, 1, 0, 0))
                .audit(new CertificateBuilder.Audit(true, Double.POSITIVE_INFINITY, 0, 0))
                .anonymizationWithheld()
                .addOverrides(List.of("width lowered"))
                .write(release);
        CertificateBuilder.open(release)
                .commentary(
                        List.of("en"), List.of(new CertificateBuilder.AllowedLiteral("en", "2026", "the release year")))
                .write(release);

        ReleaseCertificate c = ReleaseCertificate.read(release);
        assertThat(c.tableProtection().minCellCount()).isEqualTo(10);
        assertThat(c.anonymization()).as("withheld: no k").isEmpty();
        assertThat(c.audit().orElseThrow().narrowestFeasibleRange())
                .as("unbounded")
                .isEmpty();
        var doc = new ObjectMapper()
                .readTree(release.resolve(CertificateBuilder.FILE).toFile());
        assertThat(doc.get("overrides")).hasSize(2);
        assertThat(doc.get("anonymization").has("withheld")).isTrue();
        assertThat(doc.get("commentary")
                        .get("allowed_literals")
                        .get(0)
                        .get("value")
                        .asText())
                .isEqualTo("2026");
        CertificateBuilder.open(release).withoutCommentary().write(release);
        assertThat(new ObjectMapper()
                        .readTree(release.resolve(CertificateBuilder.FILE).toFile())
                        .has("commentary"))
                .isFalse();
    }

    @Test
    void absentCertificate_isEmptyWhenOptional(@TempDir Path release) {
        assertThat(ReleaseCertificate.readIfPresent(release)).isEmpty();
    }

    @Test
    void minimalCertificate_leavesOptionalSectionsEmpty() throws Exception {
        ReleaseCertificate c = parse("{\"release\":\"2026Q3\",\"table_protection\":{\"min_cell_count\":5}}");
        assertThat(c.audit()).isEmpty();
        assertThat(c.anonymization()).isEmpty();
        assertThat(c.tableProtection().cells()).isEmpty();
    }

    @Test
    void unboundedRange_isEmpty() throws Exception {
        ReleaseCertificate c = parse(
                "{\"release\":\"2026Q3\",\"table_protection\":{\"min_cell_count\":5},"
                        + "\"audit\":{\"passed\":true,\"narrowest_feasible_range\":\"unbounded\",\"linear_programs_solved\":3}}");
        assertThat(c.audit().orElseThrow().narrowestFeasibleRange()).isEmpty();
        assertThat(c.audit().orElseThrow().linearProgramsSolved()).hasValue(3);
    }

    @Test
    void withoutMinCellCount_isRejected() {
        assertThatThrownBy(() -> parse("{\"release\":\"2026Q3\",\"table_protection\":{}}"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("min_cell_count");
    }

    @Test
    void notJson_isRejectedAsNoCertificate(@TempDir Path release) throws Exception {
        Files.writeString(release.resolve(CertificateBuilder.FILE), "{not json");
        assertThatThrownBy(() -> ReleaseCertificate.read(release))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("is not JSON");
    }
}
