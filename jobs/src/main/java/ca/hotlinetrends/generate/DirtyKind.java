package ca.hotlinetrends.generate;

/**
 * The kinds of bad record {@code generate --dirty} plants, each with the quarantine reason ingest must
 * give it. Every planted record is listed in {@code dirty-labels.csv} beside the export.
 */
public enum DirtyKind {
    /** A row with a field too many or too few, or a broken JSON line. */
    MALFORMED_ROW("MALFORMED_ROW"),
    /** A required field left empty. */
    MISSING_REQUIRED("MISSING_REQUIRED"),
    /** A value of the wrong type: an impossible calendar date, a boolean that is not one. */
    BAD_TYPE("BAD_TYPE"),
    /** A code that is in no code list and is no known spelling. */
    UNKNOWN_CODE("UNKNOWN_CODE"),
    /** A date before the hotline opened (May 2019) or in the future. */
    DATE_OUT_OF_RANGE("DATE_OUT_OF_RANGE"),
    /** A second record with the reference of an earlier one. */
    DUPLICATE_REF("DUPLICATE_REF"),
    /** A phone number, e-mail address, postal code, SIN-like number or street address in a field. */
    IDENTIFIER_DETECTED("IDENTIFIER_DETECTED"),
    /** A row written in Latin-1 inside a UTF-8 file ("Québec" as one byte 0xE9). */
    BAD_ENCODING("BAD_ENCODING");

    private final String expectedReason;

    DirtyKind(String expectedReason) {
        this.expectedReason = expectedReason;
    }

    /** The quarantine reason code ingest must give a record of this kind. */
    public String expectedReason() {
        return expectedReason;
    }
}
