package ca.hotlinetrends.reports.commentary;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.reports.i18n.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The staff notes of one release, {@code <notes>/<release>/en.md} and {@code fr.md}, read and checked against the
 * Markdown allow-list ({@link #read}), then checked against the numbers the release publishes ({@link #check}).
 *
 * <p>A number of a note must be one of: a value the release publishes ({@link PublishedValues}), a year (four
 * digits without separators, from {@value #FIRST_YEAR} to ten years after the release), a quarter (see
 * {@link NumberReader}), or an allowed literal of the note's front matter (with its reason). The English and French
 * notes must quote the same set of numbers and quarters (values compared, not text: {@code 1,234} and
 * {@code 1 234} are the same). Every allowed literal must be quoted. Immutable.
 */
public final class Notes {

    /** The first year a four-digit number may be read as. */
    static final int FIRST_YEAR = 1900;

    private final Quarter release;
    private final List<Note> notes;

    private Notes(Quarter release, List<Note> notes) {
        this.release = release;
        this.notes = List.copyOf(notes);
    }

    /**
     * Reads the notes of {@code release} under {@code notesDir}, checked against the Markdown allow-list.
     *
     * @param languages the languages the reports are rendered in: each needs its note when the release has notes
     * @return empty when {@code <notesDir>/<release>/} does not exist (a release without commentary)
     * @throws IllegalArgumentException when {@code notesDir} is not a folder, a rendered language has no note, or
     *     the release's folder holds a file other than {@code en.md} and {@code fr.md}
     * @throws CommentaryRefusedException when a note's front matter or Markdown is refused
     */
    public static Optional<Notes> read(Path notesDir, Quarter release, List<String> languages) {
        Objects.requireNonNull(notesDir, "notesDir");
        Objects.requireNonNull(release, "release");
        if (!Files.isDirectory(notesDir)) {
            throw new IllegalArgumentException("the notes folder " + notesDir + " does not exist or is not a folder");
        }
        Path dir = notesDir.resolve(release.toString());
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.startsWith(".") && Messages.LANGUAGES.stream().noneMatch(l -> name.equals(l + ".md"))) {
                    throw new IllegalArgumentException(
                            "unexpected file " + f + ": a release's notes are en.md and fr.md");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the notes in " + dir, e);
        }
        List<Note> notes = new ArrayList<>();
        for (String language : Messages.LANGUAGES) {
            Path f = dir.resolve(language + ".md");
            if (Files.isRegularFile(f)) {
                notes.add(Note.read(f, language));
            } else if (languages.contains(language)) {
                throw new IllegalArgumentException("the notes of release " + release + " in " + dir + " have no "
                        + language + ".md: write a note for every language the reports are rendered in " + languages);
            }
        }
        if (notes.isEmpty()) {
            return Optional.empty();
        }
        List<Refusal> refusals =
                notes.stream().flatMap(n -> n.refusals().stream()).toList();
        if (!refusals.isEmpty()) {
            throw new CommentaryRefusedException(sorted(refusals));
        }
        return Optional.of(new Notes(release, notes));
    }

    public Quarter release() {
        return release;
    }

    /** The notes, English first. */
    public List<Note> notes() {
        return notes;
    }

    /**
     * Checks every number of every note against what the release publishes, and the languages against each other.
     *
     * @throws CommentaryRefusedException naming the file, the line and the number of every refused one
     */
    public Commentary check(PublishedValues values) {
        if (!values.release().equals(release)) {
            throw new IllegalArgumentException(
                    "the notes are of release " + release + ", the values of " + values.release());
        }
        List<Refusal> refusals = new ArrayList<>();
        for (Note note : notes) {
            Set<AllowedLiteral> used = new HashSet<>();
            for (Note.QuotedAt at : note.numbers()) {
                NumberReader.Quoted q = at.quoted();
                switch (q.kind()) {
                    case QUARTER -> {}
                    case UNREADABLE -> refusals.add(new Refusal(note.file(), at.line(), unreadable(note, q)));
                    case NUMBER -> {
                        Optional<AllowedLiteral> literal = note.literals().stream()
                                .filter(l -> l.matches(q.value()))
                                .findFirst();
                        literal.ifPresent(used::add);
                        if (!isYear(q) && literal.isEmpty() && !values.publishes(q)) {
                            refusals.add(new Refusal(
                                    note.file(),
                                    at.line(),
                                    "'" + q.written() + "' is not a value "
                                            + "published in release " + release
                                            + ", a year, a quarter or an allowed literal"
                                            + (values.roundsToWhole(q)
                                                    ? " (quote rates and decimals as the tables show them, "
                                                            + "with their decimals)"
                                                    : "")));
                        }
                    }
                    default -> throw new IllegalStateException("unknown kind " + q.kind());
                }
            }
            for (AllowedLiteral l : note.literals()) {
                if (!used.contains(l)) {
                    refusals.add(new Refusal(
                            note.file(),
                            l.line(),
                            "the allowed literal " + l.plainValue() + " is not quoted in the note: remove it"));
                }
            }
        }
        for (Note a : notes) {
            for (Note b : notes) {
                if (a != b) {
                    refusals.addAll(notIn(a, b));
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new CommentaryRefusedException(sorted(refusals));
        }
        return new Commentary(release, notes);
    }

    private boolean isYear(NumberReader.Quoted q) {
        if (!q.yearForm()) {
            return false;
        }
        int year = q.value().intValueExact();
        return year >= FIRST_YEAR && year <= release.year() + 10;
    }

    /** The numbers of {@code a} that {@code b} does not quote, each at its first line in {@code a}. */
    private static List<Refusal> notIn(Note a, Note b) {
        Set<String> other = new HashSet<>(keys(b).keySet());
        List<Refusal> out = new ArrayList<>();
        keys(a).forEach((key, at) -> {
            if (!other.contains(key)) {
                out.add(new Refusal(
                        a.file(),
                        at.line(),
                        a.file().getFileName() + " quotes '" + at.quoted().written()
                                + "', which " + b.file().getFileName()
                                + " does not: the notes of every language must quote "
                                + "the same numbers"));
            }
        });
        return out;
    }

    /** Each distinct number (magnitude) or quarter of a note, with its first occurrence. */
    private static Map<String, Note.QuotedAt> keys(Note note) {
        Map<String, Note.QuotedAt> keys = new LinkedHashMap<>();
        for (Note.QuotedAt at : note.numbers()) {
            NumberReader.Quoted q = at.quoted();
            String key = switch (q.kind()) {
                case NUMBER -> "n:" + plain(q.value());
                case QUARTER -> "q:" + q.quarter();
                case UNREADABLE -> null;
            };
            if (key != null) {
                keys.putIfAbsent(key, at);
            }
        }
        return keys;
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static String unreadable(Note note, NumberReader.Quoted q) {
        boolean digits = q.written().chars().anyMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            return "'" + q.written() + "' shows a number the check cannot read: write it with the digits 0-9";
        }
        return "'" + q.written() + "' is not a number in "
                + (note.language().equals("en") ? "English notation (1,234.5)" : "French notation (1 234,5)");
    }

    private static List<Refusal> sorted(List<Refusal> refusals) {
        return refusals.stream()
                .sorted(Comparator.comparing((Refusal r) -> r.file().toString()).thenComparingInt(Refusal::line))
                .toList();
    }
}
