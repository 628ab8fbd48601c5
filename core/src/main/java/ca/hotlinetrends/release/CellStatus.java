package ca.hotlinetrends.release;

import java.util.Optional;

/**
 * The status of a table cell as a release publishes it: {@code published} (the value is shown) or
 * {@code suppressed} (every number of the row reads {@link #MARK}). Why a cell is suppressed (a small count, or
 * a cell that would reveal one) is never published: an attacker who knows that a suppressed cell is a small
 * count can solve the tables for it (Statistics Canada publishes one symbol for every suppressed cell for
 * this reason). The reason stays in {@code restricted/} for staff.
 *
 * <p>Releases written before this rule labelled suppressed cells {@value #LEGACY_PRIMARY} and
 * {@value #LEGACY_SECONDARY}. Those labels are public for ever; {@link #parse} still reads them so that the
 * audit of later releases can count them as attacker knowledge ({@link Legacy}).
 */
public enum CellStatus {
    PUBLISHED("published"),
    SUPPRESSED("suppressed");

    /** The Statistics Canada symbol for a value suppressed to protect confidentiality. */
    public static final String MARK = "x";
    /**
     * The Statistics Canada symbol for a figure not available: a change or rate whose counts are not all
     * published, or a change from zero. The published files leave such a figure empty; the reports show this.
     */
    public static final String NOT_AVAILABLE = "..";
    /** The footnote every published table carries for {@link #MARK}. */
    public static final String FOOTNOTE = "x: suppressed to protect confidentiality (counts from 1 to the minimum cell "
            + "count minus 1, cells that would reveal them, and numbers derived from them)";
    /** The label an earlier release gave a suppressed small count. */
    public static final String LEGACY_PRIMARY = "suppressed-primary";
    /** The label an earlier release gave a cell suppressed to protect another. */
    public static final String LEGACY_SECONDARY = "suppressed-secondary";

    private final String code;

    CellStatus(String code) {
        this.code = code;
    }

    /** The code written in the {@code status} column. */
    public String code() {
        return code;
    }

    /** What a suppression label of an earlier release told its readers. */
    public enum Legacy {
        /** None: the release said {@code published} or {@code suppressed}. */
        NONE,
        /** The cell was said to be a small count: from 1 to the minimum cell count minus 1. */
        SMALL_COUNT,
        /** The cell was said not to be a small count: 0, or at least the minimum cell count. */
        NOT_SMALL_COUNT
    }

    /**
     * The status a published {@code status} column states, legacy labels included (they read as
     * {@link #SUPPRESSED}); empty for any other text.
     */
    public static Optional<CellStatus> parse(String code) {
        if (PUBLISHED.code.equals(code)) {
            return Optional.of(PUBLISHED);
        }
        if (SUPPRESSED.code.equals(code) || LEGACY_PRIMARY.equals(code) || LEGACY_SECONDARY.equals(code)) {
            return Optional.of(SUPPRESSED);
        }
        return Optional.empty();
    }

    /** What a published {@code status} code says beyond published or suppressed. */
    public static Legacy legacy(String code) {
        if (LEGACY_PRIMARY.equals(code)) {
            return Legacy.SMALL_COUNT;
        }
        return LEGACY_SECONDARY.equals(code) ? Legacy.NOT_SMALL_COUNT : Legacy.NONE;
    }
}
