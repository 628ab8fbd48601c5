package ca.hotlinetrends.runreport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The run report as one static HTML page: inline CSS, no script, no external resource, each chart an inline SVG
 * with its numbers in a table beside it. Every text that comes from a manifest is escaped; numbers are printed by
 * this class. Elements that carry a figure have an {@code id} (e.g. {@code read-contacts},
 * {@code quarantined-victims-2026Q3-UNKNOWN_CODE}, {@code failed-stage}) so that tests and scripts can read them.
 */
final class RunReportPage {

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#222;margin:24px auto;max-width:1240px;
            padding:0 16px;font-size:14px;line-height:1.4}
            h1{font-size:22px;margin:4px 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;
            padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
            .restricted{display:inline-block;background:#222;color:#fff;padding:2px 8px;font-size:12px;
            letter-spacing:.05em;text-transform:uppercase}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:8px 0}
            dl.facts dt{color:#555}dl.facts dd{margin:0}
            .status{font-weight:bold;padding:1px 8px;border-radius:3px}
            .status.ok{background:#e3f2ea;color:#0b5d33}.status.failed{background:#fbe4df;color:#8a1c06}
            .status.refused{background:#fdf0d5;color:#7a4b00}
            .failure{border-left:4px solid #D55E00;background:#fdf3ef;padding:8px 14px;margin:16px 0}
            .failure p{margin:4px 0}.message{white-space:pre-wrap;overflow-wrap:anywhere;font-family:monospace}
            table{border-collapse:collapse;font-size:13px}
            th,td{border-bottom:1px solid #e4e4e4;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f6f6f6;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.total td{font-weight:bold;border-top:1px solid #999}
            .figure{display:flex;gap:16px;align-items:flex-start}
            .figure .chart{flex:0 1 560px;min-width:320px}.figure svg{width:100%;height:auto;display:block}
            .figure .data{flex:1 1 0;min-width:0;max-height:360px;overflow:auto;border:1px solid #e4e4e4}
            .figure .data table{font-size:11px}.figure .data th,.figure .data td{padding:2px 4px}
            .figure .data th{position:sticky;top:0;font-weight:600}
            .note{color:#555;font-size:12px}
            """;

    private final StringBuilder out = new StringBuilder(32_768);
    private final Map<String, String> charts;

    private RunReportPage(Map<String, String> charts) {
        this.charts = charts;
    }

    /**
     * @param figures the run's figures (non-null)
     * @param charts per dataset, the SVG of its quarantine chart (datasets without quarantined records absent)
     */
    static String render(RunFigures figures, Map<String, String> charts) {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(charts, "charts");
        RunReportPage page = new RunReportPage(Map.copyOf(charts));
        page.page(figures);
        return page.out.toString();
    }

    private void page(RunFigures f) {
        String release = f.release() == null ? "?" : f.release();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Run report: release ")
                .append(esc(release))
                .append(", run ")
                .append(esc(f.runId()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<span class=\"restricted\">Restricted: staff only, never published</span>\n")
                .append("<h1>Run report: release ")
                .append(esc(release))
                .append("</h1>\n<dl class=\"facts\">\n");
        fact("Run", "run-id", f.runId());
        fact("Run date", "run-date", f.runDate());
        out.append("<dt>Status</dt><dd><span id=\"status\" class=\"status ")
                .append(statusClass(f.status()))
                .append("\">")
                .append(esc(f.status()))
                .append("</span></dd>\n");
        fact(
                "Content id",
                "content-id",
                f.contentId() == null ? "not computed (the run stopped before)" : f.contentId());
        double total =
                f.stages().stream().mapToDouble(RunFigures.Stage::seconds).sum();
        fact("Duration", "duration", seconds(total) + " s");
        out.append("</dl>\n</header>\n");
        if (f.failure() != null) {
            failure(f.failure());
        }
        stages(f.stages());
        records(f);
        revisions(f);
        protection(f);
        utility(f);
        out.append("<footer>\n<p class=\"note\">From the run's manifest (restricted/runs/")
                .append(esc(f.runId()))
                .append("/manifest.json) and its ingest manifests: counts, codes, quarters, column names, shares and "
                        + "timings only, never a record's values. Quarantined records themselves are in "
                        + "restricted/quarantine/.</p>\n</footer>\n</body>\n</html>\n");
    }

    private void failure(RunFigures.Failure x) {
        out.append(
                        "<section class=\"failure\" id=\"failure\">\n<h2>The run stopped at stage <span id=\"failed-stage\">")
                .append(esc(x.stage()))
                .append("</span></h2>\n");
        out.append("<p class=\"message\" id=\"failure-message\">")
                .append(esc(x.message() == null ? "(no message recorded)" : x.message()))
                .append("</p>\n<p>");
        if (x.error() != null) {
            out.append("Exception: <code id=\"failure-error\">")
                    .append(esc(x.error()))
                    .append("</code>. ");
        }
        if (x.exitCode() >= 0) {
            out.append("Exit code <span id=\"exit-code\">").append(x.exitCode()).append("</span>. ");
        }
        out.append("Nothing was published by this run; earlier releases and the ledger are as they were.</p>\n")
                .append("</section>\n");
    }

    private void stages(List<RunFigures.Stage> stages) {
        out.append("<section id=\"stages\">\n<h2>Stages</h2>\n");
        if (stages.isEmpty()) {
            out.append("<p>No stage was recorded.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<tr><th>stage</th><th>status</th><th class=\"n\">seconds</th></tr>\n");
        double total = 0;
        for (RunFigures.Stage s : stages) {
            total += s.seconds();
            out.append("<tr><td>")
                    .append(esc(s.name()))
                    .append("</td><td id=\"stage-status-")
                    .append(esc(s.name()))
                    .append("\">")
                    .append(esc(s.status()))
                    .append("</td><td class=\"n\" id=\"stage-seconds-")
                    .append(esc(s.name()))
                    .append("\">")
                    .append(seconds(s.seconds()))
                    .append("</td></tr>\n");
        }
        out.append("<tr class=\"total\"><td>all</td><td></td><td class=\"n\">")
                .append(seconds(total))
                .append("</td></tr>\n</table>\n</section>\n");
    }

    private void records(RunFigures f) {
        out.append("<section id=\"records\">\n<h2>Records read, staged and quarantined</h2>\n");
        if (f.ingests().isEmpty()) {
            out.append("<p>No export was ingested.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<tr><th>dataset</th><th class=\"n\">read</th><th class=\"n\">staged</th>")
                .append("<th class=\"n\">quarantined</th><th class=\"n\">quarantined share</th>")
                .append("<th class=\"n\">threshold</th><th class=\"n\">staged for later releases</th>")
                .append("<th>ingest seconds</th></tr>\n");
        for (RunFigures.Ingest i : f.ingests()) {
            String d = esc(i.dataset());
            out.append("<tr><td>").append(d).append("</td>");
            cell("read-" + d, count(i.read()));
            cell("staged-" + d, count(i.staged()));
            cell("quarantined-" + d, count(i.quarantined()));
            cell("quarantined-share-" + d, percent(i.quarantinedShare()) + (i.thresholdExceeded() ? " (above)" : ""));
            cell("threshold-" + d, percent(i.threshold()));
            cell("after-release-" + d, count(i.stagedAfterRelease()));
            StringBuilder timings = new StringBuilder();
            i.stageSeconds()
                    .forEach((k, v) -> timings.append(timings.isEmpty() ? "" : ", ")
                            .append(k.replace("_seconds", "").replace('_', ' '))
                            .append(' ')
                            .append(seconds(v)));
            out.append("<td class=\"note\">").append(esc(timings.toString())).append("</td></tr>\n");
        }
        out.append("</table>\n");
        for (RunFigures.Ingest i : f.ingests()) {
            quarantine(i);
        }
        out.append("</section>\n");
    }

    private void quarantine(RunFigures.Ingest i) {
        String d = esc(i.dataset());
        out.append("<h3 id=\"quarantine-")
                .append(d)
                .append("\">")
                .append(d)
                .append(": quarantined records by reason and quarter</h3>\n");
        if (i.quarantined() == 0) {
            out.append("<p>No ").append(d).append(" record was quarantined.</p>\n");
            return;
        }
        Map<String, Map<String, Long>> byQuarter = i.quarantinedByQuarter();
        if (byQuarter.isEmpty()) {
            out.append("<p class=\"note\">This ingest's manifest has no counts by quarter (written before they were "
                    + "kept).</p>\n");
        }
        List<String> reasons = byQuarter.isEmpty()
                ? List.copyOf(i.quarantinedByReason().keySet())
                : QuarantineChart.reasons(byQuarter);
        out.append("<div class=\"figure\">\n");
        String svg = charts.get(i.dataset());
        if (svg != null) {
            // Made by this page's caller from the counts alone (JFreeChart through Batik, text escaped as XML).
            out.append("<div class=\"chart\" id=\"chart-")
                    .append(d)
                    .append("\">")
                    .append(svg)
                    .append("</div>\n");
        }
        out.append("<div class=\"data\">\n<table>\n<tr><th>quarter</th>");
        for (String r : reasons) {
            out.append("<th class=\"n\" title=\"")
                    .append(esc(r))
                    .append("\">")
                    .append(esc(r.toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .append("</th>");
        }
        out.append("<th class=\"n\">all</th></tr>\n");
        for (String q : QuarantineChart.quarters(byQuarter)) {
            Map<String, Long> row = byQuarter.get(q);
            if (row == null) {
                continue;
            }
            out.append("<tr><td>").append(esc(q)).append("</td>");
            long sum = 0;
            for (String r : reasons) {
                long n = row.getOrDefault(r, 0L);
                sum += n;
                cell("quarantined-" + d + "-" + esc(q) + "-" + esc(r), count(n));
            }
            cell("quarantined-" + d + "-" + esc(q), count(sum));
            out.append("</tr>\n");
        }
        out.append("<tr class=\"total\"><td>all</td>");
        for (String r : reasons) {
            cell(
                    "quarantined-" + d + "-reason-" + esc(r),
                    count(i.quarantinedByReason().getOrDefault(r, 0L)));
        }
        cell(null, count(i.quarantined()));
        out.append("</tr>\n</table>\n</div>\n</div>\n");
    }

    private void revisions(RunFigures f) {
        out.append("<section id=\"revisions\">\n<h2>Revisions detected</h2>\n<table>\n")
                .append("<tr><th>where</th><th>revised</th></tr>\n");
        for (RunFigures.Ingest i : f.ingests()) {
            String d = esc(i.dataset());
            out.append("<tr><td>")
                    .append(d)
                    .append(": published quarters whose staged records changed</td>")
                    .append("<td id=\"revised-quarters-")
                    .append(d)
                    .append("\">")
                    .append(i.revisedQuarters().isEmpty() ? "none" : esc(String.join(", ", i.revisedQuarters())))
                    .append("</td></tr>\n");
        }
        if (f.revisions() != null) {
            out.append("<tr><td>tables: periods with a cell revised since the release that last showed it</td>")
                    .append("<td id=\"revised-periods\">")
                    .append(
                            f.revisions().periods().isEmpty()
                                    ? "none"
                                    : esc(String.join(", ", f.revisions().periods())))
                    .append("</td></tr>\n")
                    .append("<tr><td>tables: cells revised (published or suppressed)</td><td id=\"revised-cells\">")
                    .append(count(f.revisions().cells()))
                    .append("</td></tr>\n");
        } else {
            out.append("<tr><td>tables</td><td>not reached</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private void protection(RunFigures f) {
        out.append("<section id=\"protection\">\n<h2>Table protection</h2>\n");
        RunFigures.Protection p = f.protection();
        if (p == null) {
            out.append("<p>The tables were not protected in this run.</p>\n");
        } else {
            out.append("<table>\n");
            row("cells published or suppressed, all tables", "cells", count(p.cells()));
            row("suppressed as small counts", "small-counts", count(p.smallCounts()));
            row("suppressed to protect them (complements)", "complements", count(p.complements()));
            row("all suppressed", "suppressed", count(p.smallCounts() + p.complements()));
            row(
                    "narrowest feasible range of a small count",
                    "narrowest-range",
                    p.narrowestRange() < 0 ? "no small count" : count(p.narrowestRange()));
            out.append("</table>\n");
        }
        if (f.withheldExtract() != null) {
            out.append("<p id=\"extract-withheld\">The record-level extract was withheld from this release: with it, ")
                    .append(esc(f.withheldExtract()))
                    .append(".</p>\n");
        }
        out.append("</section>\n");
    }

    private void utility(RunFigures f) {
        out.append("<section id=\"utility\">\n<h2>Research microdata: utility of the record-level extract</h2>\n");
        if (f.utility().isEmpty()) {
            out.append("<p>No record-level extract was written in this run.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"note\">For each cross-count of the declared research workload: the share of records "
                + "that can be counted in it, the total variation distance from the staged records' distribution and "
                + "the largest relative error over cells of at least 20 records.</p>\n");
        f.utility().forEach((dataset, queries) -> {
            String d = esc(dataset);
            out.append("<h3>")
                    .append(d)
                    .append("</h3>\n<table>\n<tr><th>query</th><th>what it counts</th>")
                    .append("<th class=\"n\">usable share</th><th class=\"n\">total variation</th>")
                    .append("<th class=\"n\">largest relative error</th><th class=\"n\">cells of 20+</th></tr>\n");
            for (RunFigures.Utility q : queries) {
                String id = "utility-" + d + "-" + esc(q.query());
                out.append("<tr><td>")
                        .append(esc(q.query()))
                        .append("</td><td>")
                        .append(esc(q.description()))
                        .append("</td>");
                cell(id + "-usable-share", percent(q.usableShare()));
                cell(id + "-total-variation", decimal(q.totalVariationDistance()));
                cell(id + "-largest-relative-error", percent(q.largestRelativeError()));
                cell(id + "-cells-of-20", count(q.cellsOf20()));
                out.append("</tr>\n");
            }
            out.append("</table>\n");
        });
        out.append("</section>\n");
    }

    private void fact(String label, String id, String value) {
        out.append("<dt>")
                .append(esc(label))
                .append("</dt><dd id=\"")
                .append(id)
                .append("\">")
                .append(esc(value == null ? "unknown" : value))
                .append("</dd>\n");
    }

    private void row(String label, String id, String value) {
        out.append("<tr><td>")
                .append(esc(label))
                .append("</td><td class=\"n\" id=\"")
                .append(id)
                .append("\">")
                .append(esc(value))
                .append("</td></tr>\n");
    }

    /** A numeric cell; {@code id} is already escaped (or null for none). */
    private void cell(String id, String value) {
        out.append("<td class=\"n\"")
                .append(id == null ? "" : " id=\"" + id + "\"")
                .append('>')
                .append(esc(value))
                .append("</td>");
    }

    private static String statusClass(String status) {
        return status.equals("published") ? "ok" : status.startsWith("refused") ? "refused" : "failed";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.2f%%", 100 * share) : "n/a";
    }

    static String decimal(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    /** Text for HTML content and double-quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
