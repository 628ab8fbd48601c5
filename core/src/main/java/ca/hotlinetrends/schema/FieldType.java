package ca.hotlinetrends.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The logical type of a field. Dates are ISO 8601 ({@code yyyy-MM-dd}); lists are {@code |}-separated codes. */
public enum FieldType {
    STRING,
    DATE,
    BOOLEAN,
    LONG,
    DOUBLE,
    /** Several codes from one code list, separated by {@code |} in files. */
    STRING_LIST;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldType fromCode(String code) {
        for (FieldType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + code + "'");
    }
}
