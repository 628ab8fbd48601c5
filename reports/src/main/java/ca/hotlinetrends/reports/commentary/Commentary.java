package ca.hotlinetrends.reports.commentary;

import ca.hotlinetrends.calendar.Quarter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Staff commentary that passed every check ({@link Notes#check}): what the newsletter shows under the headline
 * figures and the brief as its highlights, per language, and the allowed literals the certificate lists. Immutable.
 */
public final class Commentary {

    private final Quarter release;
    private final List<Note> notes;

    Commentary(Quarter release, List<Note> notes) {
        this.release = release;
        this.notes = List.copyOf(notes);
    }

    public Quarter release() {
        return release;
    }

    /** The languages with a note, English first. */
    public List<String> languages() {
        return notes.stream().map(Note::language).toList();
    }

    /** The note of a language as an HTML fragment styled for the newsletter; empty when it has none or no text. */
    public Optional<String> newsletterHtml(String language) {
        return note(language).map(NoteHtml::newsletter);
    }

    /** The note of a language as an XHTML fragment for the brief; empty when it has none or no text. */
    public Optional<String> briefHtml(String language) {
        return note(language).map(NoteHtml::brief);
    }

    /** Every allowed literal of every note, by language then in the order listed. */
    public List<AllowedLiteral> allowedLiterals() {
        List<AllowedLiteral> out = new ArrayList<>();
        notes.forEach(n -> out.addAll(n.literals()));
        return out;
    }

    private Optional<Note> note(String language) {
        return notes.stream()
                .filter(n -> n.language().equals(language) && !n.isEmpty())
                .findFirst();
    }
}
