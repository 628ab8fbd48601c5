package ca.hotlinetrends.runreport;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.RunReportFigures;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report from hand-written manifests: figures in id'd elements, escaping, a self-contained page. */
class RunReportTest {

    static Map<String, String> figures(String html) {
        return RunReportFigures.of(html);
    }

    private static ObjectNode ingest(Path dir, String dataset) throws Exception {
        ObjectNode m = RunManifest.newDocument();
        m.put("rows_read", 1200)
                .put("rows_staged", 1190)
                .put("rows_quarantined", 10)
                .put("quarantined_share", 10 / 1200.0)
                .put("quarantine_threshold", 0.05)
                .put("threshold_exceeded", false);
        m.putObject("quarantined_by_reason").put("BAD_TYPE", 3).put("DUPLICATE_REF", 7);
        ObjectNode q = m.putObject("quarantined_by_quarter");
        q.putObject("2025Q4").put("BAD_TYPE", 2);
        q.putObject("2026Q2").put("BAD_TYPE", 1);
        q.putObject("none").put("DUPLICATE_REF", 7);
        m.putArray("revisions").add("2026Q1");
        m.putObject("stage_seconds").put("inspect_seconds", 0.1);
        Path file = dir.resolve(dataset + ".json");
        RunManifest.json().writeValue(file.toFile(), m);
        return m;
    }

    private static ObjectNode failedRun(Path dir) throws Exception {
        ObjectNode run = RunManifest.newDocument();
        run.put("run_id", "20261001T000000Z-run-abc123")
                .put("release", "2026Q3")
                .put("run_date", "2026-10-01")
                .put("status", "failed")
                .put("failed_stage", "tables")
                .put("error", "java.io.UncheckedIOException")
                .put("error_message", "cannot write <tables> & \"x\": No space left on device")
                .put("exit_code", 1);
        ObjectNode stages = run.putObject("stages");
        stages.putObject("ingest").put("status", "done").put("seconds", 4.25);
        stages.putObject("tables").put("status", "failed").put("seconds", 1.5);
        run.putObject("revisions").put("cells", 12).putArray("periods").add("2026Q1");
        run.putObject("research_utility")
                .putObject("victims")
                .putObject("year_by_form")
                .put("description", "victims by year and form of trafficking")
                .put("usable_share", 0.25)
                .put("total_variation_distance", 0.5)
                .put("largest_relative_error_cells_of_20", 0.125)
                .put("cells_of_20", 35);
        ingest(dir, "victims");
        run.put("ingest_manifest_victims", dir.resolve("victims.json").toString());
        run.put("ingest_manifest_contacts", dir.resolve("missing.json").toString());
        return run;
    }

    @Test
    void aFailedRun_showsItsStageMessageAndFigures_escaped(@TempDir Path dir) throws Exception {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        ObjectNode run = failedRun(dir);
        Path report = RunReport.write(wh, "20261001T000000Z-run-abc123", run);

        assertThat(report).isEqualTo(wh.run("20261001T000000Z-run-abc123").resolve("report.html"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
                .isEqualTo("rw-------");
        String html = Files.readString(report);
        Map<String, String> f = figures(html);
        assertThat(f)
                .containsEntry("failed-stage", "tables")
                .containsEntry("status", "failed")
                .containsEntry("failure-message", "cannot write <tables> & \"x\": No space left on device")
                .containsEntry("failure-error", "java.io.UncheckedIOException")
                .containsEntry("exit-code", "1")
                .containsEntry("stage-seconds-ingest", "4.25")
                .containsEntry("stage-status-tables", "failed")
                .containsEntry("read-victims", "1,200")
                .containsEntry("staged-victims", "1,190")
                .containsEntry("quarantined-victims", "10")
                .containsEntry("quarantined-victims-2025Q4-BAD_TYPE", "2")
                .containsEntry("quarantined-victims-none-DUPLICATE_REF", "7")
                .containsEntry("quarantined-victims-reason-BAD_TYPE", "3")
                .containsEntry("revised-quarters-victims", "2026Q1")
                .containsEntry("revised-cells", "12")
                .containsEntry("utility-victims-year_by_form-usable-share", "25.00%")
                .containsEntry("utility-victims-year_by_form-cells-of-20", "35");
        // The unreadable contacts manifest is left out; the tables were never protected.
        assertThat(f).doesNotContainKey("read-contacts").doesNotContainKey("cells");
        assertThat(html).doesNotContain("<tables>").contains("&lt;tables&gt; &amp; &quot;x&quot;");
        // One chart, inline, its legend naming the reasons (its rotated quarter labels are drawn as outlines).
        assertThat(html).containsOnlyOnce("<svg").doesNotContain("<?xml").doesNotContain("<!DOCTYPE svg");
        assertThat(html.substring(html.indexOf("<svg"), html.indexOf("</svg"))).contains("BAD_TYPE", "DUPLICATE_REF");
        // Self-contained: no script, no stylesheet or image fetched, no external font.
        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(http");
    }

    @Test
    void aRunWithNoQuarantinedRecord_hasNoChart_andSaysSo(@TempDir Path dir) throws Exception {
        ObjectNode run = RunManifest.newDocument();
        run.put("run_id", "r").put("status", "published");
        ObjectNode m = RunManifest.newDocument();
        m.put("rows_read", 5).put("rows_staged", 5).put("rows_quarantined", 0);
        RunManifest.json().writeValue(dir.resolve("c.json").toFile(), m);
        run.put("ingest_manifest_contacts", dir.resolve("c.json").toString());
        RunFigures figures = RunFigures.of(run, Map.of("contacts", m));
        String html = RunReportPage.render(figures, RunReport.charts(figures));
        assertThat(html)
                .doesNotContain("<svg")
                .contains("No contacts record was quarantined.")
                .doesNotContain("id=\"failure\"");
        assertThat(figures(html)).containsEntry("read-contacts", "5").containsEntry("status", "published");
    }

    @Test
    void quarters_runFromTheFirstToTheLastThenNone() {
        assertThat(QuarantineChart.quarters(Map.of("none", Map.of(), "2025Q3", Map.of(), "2026Q1", Map.of())))
                .containsExactly("2025Q3", "2025Q4", "2026Q1", "none");
        assertThat(QuarantineChart.reasons(Map.of("x", Map.of("DUPLICATE_REF", 1L, "MALFORMED_ROW", 2L))))
                .containsExactly("MALFORMED_ROW", "DUPLICATE_REF");
    }
}
