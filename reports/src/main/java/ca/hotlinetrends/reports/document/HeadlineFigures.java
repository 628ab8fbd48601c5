package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedRelease.CellState;
import ca.hotlinetrends.reports.table.PublishedTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The headline numbers of a release, formatted: contacts and cases in the release quarter, their change on
 * the previous quarter and on the same quarter a year earlier, the year to date and the latest complete
 * year. A change is computed only from two published counts (a change of cases is read from
 * changes_by_province, with its significance); otherwise it reads "not available".
 */
public final class HeadlineFigures {

    static final String CONTACTS = "contacts_by_channel";
    static final String CASES = "cases_by_province";
    static final String CHANGES = "changes_by_province";
    static final String RATES = "rates_by_province";

    private HeadlineFigures() {}

    /** One headline row: what, and its numbers as printed. */
    static Map<String, String> row(
            String label, String quarter, String changeQuarter, String changeYear, String yearToDate, String year) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("quarter", quarter);
        r.put("changeQuarter", changeQuarter);
        r.put("changeYear", changeYear);
        r.put("yearToDate", yearToDate);
        r.put("year", year);
        return r;
    }

    /** Contacts and cases, in that order. */
    public static List<Map<String, String>> rows(PublishedRelease release, Messages m) {
        Quarter q = release.release();
        PublishedTable contacts = release.table(CONTACTS);
        PublishedTable cases = release.table(CASES);
        String allChannels = contacts.dimension("channel").totalCode();
        String canada = cases.dimension("province_code").totalCode();
        String cm = contacts.schema().measureColumn();
        String km = cases.schema().measureColumn();
        Quarter lastYear = new Quarter(q.year() - 1, q.number());
        Period year = Period.year(q.number() == 4 ? q.year() : q.year() - 1);
        Period ytd = Period.yearToDate(q.year(), q.number());
        return List.of(
                row(
                        m.tableUnitCapitalised(CONTACTS),
                        count(m, release, contacts.cell(cm, q.toString(), allChannels)),
                        change(
                                m,
                                release,
                                contacts.cell(cm, q.toString(), allChannels),
                                contacts.cell(cm, q.previous().toString(), allChannels)),
                        change(
                                m,
                                release,
                                contacts.cell(cm, q.toString(), allChannels),
                                contacts.cell(cm, lastYear.toString(), allChannels)),
                        q.number() == 4
                                ? notApplicable(m)
                                : count(m, release, contacts.cell(cm, ytd.code(), allChannels)),
                        count(m, release, contacts.cell(cm, year.code(), allChannels))),
                row(
                        m.tableUnitCapitalised(CASES),
                        count(m, release, cases.cell(km, q.toString(), canada)),
                        caseChange(m, release, "quarter_over_quarter", canada),
                        caseChange(m, release, "year_over_year", canada),
                        q.number() == 4 ? notApplicable(m) : count(m, release, cases.cell(km, ytd.code(), canada)),
                        count(m, release, cases.cell(km, year.code(), canada))));
    }

    /** The rate of cases per 100,000 in Canada for the latest complete year, or "not available". */
    public static String canadaRate(PublishedRelease release, Messages m) {
        PublishedTable rates = release.table(RATES);
        Quarter q = release.release();
        Period year = Period.year(q.number() == 4 ? q.year() : q.year() - 1);
        CellRef rate = rates.cell(
                "rate_per_100k", year.code(), rates.dimension("province_code").totalCode());
        return release.state(rate) == CellState.PUBLISHED
                ? m.decimal(release.value(rate), 1)
                : unavailable(m, release, rate);
    }

    static String count(Messages m, PublishedRelease release, CellRef cell) {
        return release.state(cell) == CellState.PUBLISHED
                ? m.number(Math.round(release.value(cell)))
                : unavailable(m, release, cell);
    }

    private static String unavailable(Messages m, PublishedRelease release, CellRef cell) {
        return release.state(cell) == CellState.SUPPRESSED ? CellStatus.MARK : m.get("text.not.available");
    }

    private static String notApplicable(Messages m) {
        return m.get("text.not.applicable");
    }

    /** Percent change from two published counts, or "not available". */
    static String change(Messages m, PublishedRelease release, CellRef now, CellRef before) {
        if (release.state(now) != CellState.PUBLISHED
                || release.state(before) != CellState.PUBLISHED
                || release.value(before) <= 0) {
            return m.get("text.not.available");
        }
        return m.signedPercent(100.0 * (release.value(now) - release.value(before)) / release.value(before), 1);
    }

    /** The published change of cases with its significance, or "not available". */
    static String caseChange(Messages m, PublishedRelease release, String comparison, String province) {
        PublishedTable changes = release.table(CHANGES);
        String q = release.release().toString();
        CellRef pct = changes.cell("percent_change", q, comparison, province);
        if (release.state(pct) != CellState.PUBLISHED) {
            return m.get("text.not.available");
        }
        Optional<Boolean> significant = changes.find(q, comparison, province).flatMap(r -> r.flag("significant"));
        String value = m.signedPercent(release.value(pct), 1);
        return significant.isPresent()
                ? m.get(significant.get() ? "text.change.significant" : "text.change.not.significant", value)
                : value;
    }
}
