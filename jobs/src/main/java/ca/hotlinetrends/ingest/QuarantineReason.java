package ca.hotlinetrends.ingest;

/** Why ingest quarantined a record. The first that applies, in this order, is the one recorded. */
public enum QuarantineReason {
    /** The row does not line up with the header (a field too many or too few) or is not valid JSON. */
    MALFORMED_ROW,
    /** The row's bytes are not valid UTF-8 (e.g. a Latin-1 row inside a UTF-8 file). */
    BAD_ENCODING,
    /** A phone number, e-mail address, postal code, SIN-like number or street address in a field. */
    IDENTIFIER_DETECTED,
    /** A field that may not be empty is empty. */
    MISSING_REQUIRED,
    /** A value that is not of the field's type: a date that is no calendar date, a malformed reference. */
    BAD_TYPE,
    /** A value that is no known spelling of any code of the field's code list. */
    UNKNOWN_CODE,
    /** A date before the hotline opened or after the run date. */
    DATE_OUT_OF_RANGE,
    /** The record's key was already used by an earlier valid record of the same export (the first is kept). */
    DUPLICATE_REF
}
