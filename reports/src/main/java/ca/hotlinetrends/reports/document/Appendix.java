package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.PublishedRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The methods-and-confidentiality appendix, drawn from {@code certificate.json}: what protected the release
 * (k-anonymity, the minimum cell count, cell suppression) and what the audit found. A section or number the
 * certificate lacks reads "not part of this release".
 */
final class Appendix {

    private Appendix() {}

    /** Rows of (what, value). */
    static List<Map<String, String>> rows(PublishedRelease release, Messages m) {
        ReleaseCertificate c = release.certificate();
        ReleaseCertificate.TableProtection tp = c.tableProtection();
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(row(
                m.get("appendix.k"),
                c.anonymization().map(a -> Integer.toString(a.k())).orElse(m.get("text.not.in.release"))));
        rows.add(row(
                m.get("appendix.min.cell.count"),
                m.get(
                        "appendix.min.cell.count.value",
                        Integer.toString(tp.minCellCount()),
                        Integer.toString(tp.minCellCount() - 1))));
        rows.add(row(m.get("appendix.protection.width"), count(m, tp.protectionWidth())));
        rows.add(row(m.get("appendix.cells"), count(m, tp.cells())));
        rows.add(row(m.get("appendix.suppressed"), count(m, tp.suppressedCells())));
        rows.add(row(m.get("appendix.suppressed.cell.share"), share(m, tp.suppressedCellShare())));
        rows.add(row(m.get("appendix.audit"), auditResult(release, m)));
        rows.add(row(
                m.get("appendix.audit.range"),
                c.audit()
                        .map(a -> a.narrowestFeasibleRange().isPresent()
                                ? m.number(Math.round(a.narrowestFeasibleRange().getAsDouble()))
                                : m.get("appendix.audit.unbounded"))
                        .orElse(m.get("text.not.in.release"))));
        rows.add(row(
                m.get("appendix.revised.periods"),
                c.revisedPeriods().isEmpty() ? m.get("appendix.revised.none") : periods(c, m)));
        return rows;
    }

    /** The periods a release revises, in words ("Q2 2025, Q1 to Q2 2025"). */
    private static String periods(ReleaseCertificate c, Messages m) {
        return String.join(
                ", ",
                c.revisedPeriods().stream()
                        .map(p -> m.period(ca.hotlinetrends.calendar.Period.parse(p)))
                        .toList());
    }

    /** The sentence announcing the periods this release revises, or "" when it revises none. */
    static String revisions(PublishedRelease release, Messages m) {
        ReleaseCertificate c = release.certificate();
        return c.revisedPeriods().isEmpty() ? "" : m.get("methods.revisions", periods(c, m));
    }

    /** "12 of 3,647 cells" or "not part of this release". */
    static String suppressedCells(PublishedRelease release, Messages m) {
        ReleaseCertificate.TableProtection tp = release.certificate().tableProtection();
        if (tp.suppressedCells().isEmpty() || tp.cells().isEmpty()) {
            return m.get("text.not.in.release");
        }
        return m.get(
                "text.suppressed.cells",
                m.number(tp.suppressedCells().getAsLong()),
                m.number(tp.cells().getAsLong()));
    }

    /** "passed" / "failed" / "not part of this release". */
    static String auditResult(PublishedRelease release, Messages m) {
        return release.certificate()
                .audit()
                .map(a -> m.get(a.passed() ? "appendix.audit.passed" : "appendix.audit.failed"))
                .orElse(m.get("text.not.in.release"));
    }

    private static Map<String, String> row(String label, String value) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("value", value);
        return r;
    }

    private static String count(Messages m, OptionalLong v) {
        return v.isPresent() ? m.number(v.getAsLong()) : m.get("text.not.in.release");
    }

    private static String share(Messages m, OptionalDouble v) {
        return v.isPresent() ? m.percent(100.0 * v.getAsDouble(), 1) : m.get("text.not.in.release");
    }
}
