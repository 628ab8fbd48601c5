package ca.hotlinetrends.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The privacy role of a field, which decides what ingest, anonymisation and publication may do with it. */
public enum PrivacyRole {
    /** Names a person directly (name, phone, e-mail). Never ingested: an export carrying it is refused. */
    DIRECT_IDENTIFIER,
    /** Could single a person out in combination with other fields; generalised or suppressed before release. */
    QUASI_IDENTIFIER,
    /** What must not be learnt about a person; protected by l-diversity and cell suppression. */
    SENSITIVE,
    /** A counted or classifying attribute with no identifying power on its own. */
    MEASURE,
    /** Operational fields (references, dates) that never appear in a release as exported. */
    TECHNICAL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PrivacyRole fromCode(String code) {
        for (PrivacyRole role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown privacy role '" + code + "'");
    }
}
