package ca.hotlinetrends.runreport;

import ca.hotlinetrends.reports.chart.ChartTheme;
import ca.hotlinetrends.reports.document.ChartFiles;
import ca.hotlinetrends.warehouse.RunManifest;
import ca.hotlinetrends.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' report of a {@code run}: {@code restricted/runs/<run-id>/report.html}, beside the run's manifest and
 * never published. It shows the records read, staged and quarantined (by reason and by quarter, charted), the
 * revisions detected, each stage's duration, the table protection's counts, the record-level extract's utility
 * figures and, for a run that did not publish, the stage that failed with the exception's class and the message the
 * command printed. Built from the run manifest and the ingest manifests it names (aggregates only, {@link
 * RunFigures}); nothing here reads records. Written atomically (temporary file, then rename), owner-only like
 * everything under {@code restricted/}.
 */
public final class RunReport {

    /** The report's file name in the run's folder. */
    public static final String FILE = "report.html";

    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    /** 600 px wide like the published charts; DejaVu Sans is named, the browser falls back to a sans-serif. */
    private static final ChartTheme THEME = new ChartTheme(600, 380, ChartTheme.DEJAVU_SANS);

    private RunReport() {}

    /**
     * Writes the report of run {@code runId} and returns its path.
     *
     * @param warehouse the warehouse (non-null)
     * @param runId the run (non-null)
     * @param manifest the run's manifest as written (non-null); its {@code ingest_manifest_<dataset>} entries name the
     *        ingest manifests read (one that cannot be read is left out, with a warning)
     * @throws UncheckedIOException when the report cannot be written
     */
    public static Path write(Warehouse warehouse, String runId, JsonNode manifest) {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(manifest, "manifest");
        Map<String, JsonNode> ingests = new LinkedHashMap<>();
        manifest.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("ingest_manifest_")) {
                String dataset = e.getKey().substring("ingest_manifest_".length());
                try {
                    ingests.put(
                            dataset,
                            RunManifest.json()
                                    .readTree(Path.of(e.getValue().asText()).toFile()));
                } catch (IOException | RuntimeException x) {
                    LOG.warn(
                            "run report {}: the {} ingest manifest cannot be read ({}); its figures are left out",
                            runId,
                            dataset,
                            x.getClass().getSimpleName());
                }
            }
        });
        RunFigures figures = RunFigures.of(manifest, ingests);
        String html = RunReportPage.render(figures, charts(figures));
        Path dir = warehouse.createRestrictedDirectory(warehouse.run(runId));
        Path tmp = dir.resolve(FILE + ".tmp");
        Path target = dir.resolve(FILE);
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report " + target, e);
        }
        warehouse.lockDownRestricted();
        return target;
    }

    /** Per dataset with quarantined records counted by quarter, its chart as an inline {@code <svg>} element. */
    static Map<String, String> charts(RunFigures figures) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RunFigures.Ingest i : figures.ingests()) {
            if (i.quarantined() == 0 || i.quarantinedByQuarter().isEmpty()) {
                continue;
            }
            String svg = new String(
                    ChartFiles.svg(
                            QuarantineChart.build(null, i.quarantinedByQuarter(), THEME),
                            THEME.width(),
                            QuarantineChart.HEIGHT,
                            "quarantine-" + i.dataset()),
                    StandardCharsets.UTF_8);
            out.put(i.dataset(), inline(svg, THEME.width(), QuarantineChart.HEIGHT));
        }
        return out;
    }

    /** An SVG document as an element to inline in HTML: no XML declaration or doctype, and a view box to scale by. */
    static String inline(String svg, int width, int height) {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document: no <svg element");
        }
        String element = svg.substring(start);
        if (!element.substring(0, element.indexOf('>')).contains("viewBox")) {
            element = "<svg viewBox=\"0 0 " + width + " " + height + "\"" + element.substring(4);
        }
        return element;
    }
}
