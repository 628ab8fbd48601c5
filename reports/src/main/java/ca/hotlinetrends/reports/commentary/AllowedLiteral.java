package ca.hotlinetrends.reports.commentary;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number a note may quote although the release does not publish it, with the reason the author gives (e.g. the
 * number of a law, a helpline's hours). Listed in the note's front matter and in the release's certificate.
 *
 * @param language the note's language
 * @param value the magnitude, scale as written
 * @param reason why the number may be published; not blank
 * @param line the line of the front matter that lists it
 */
public record AllowedLiteral(String language, BigDecimal value, String reason, int line) {

    public AllowedLiteral {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an allowed literal needs a reason. Provided value: '" + reason + "'");
        }
    }

    /** Whether {@code number} (a magnitude) is this literal: same value, whatever the trailing zeros. */
    public boolean matches(BigDecimal number) {
        return value.compareTo(number) == 0;
    }

    /** The value as the certificate shows it (plain, point as decimal separator). */
    public String plainValue() {
        return value.toPlainString();
    }
}
