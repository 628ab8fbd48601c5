package ca.hotlinetrends.reports.commentary;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why a note is refused, where: the file, the line (1-based, counted in the whole file, front matter included) and,
 * when a number is refused, the number as the note writes it. The number is the author's own text, never a value
 * read from the records, so it may be shown.
 *
 * @param file the note
 * @param line 1-based line
 * @param reason what is wrong and what to do, naming the number as written when there is one
 */
public record Refusal(Path file, int line, String reason) {

    public Refusal {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1. Provided value: " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
