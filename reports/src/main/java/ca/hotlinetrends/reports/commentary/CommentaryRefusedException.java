package ca.hotlinetrends.reports.commentary;

import ca.hotlinetrends.reports.ReportException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Staff commentary that may not be published: a number that is not published in the release, notes whose
 * languages quote different numbers, or Markdown or front matter outside the allow-list. Nothing of the release
 * is written or changed when one is thrown. The message lists every refusal with its file and line.
 */
public final class CommentaryRefusedException extends ReportException {

    private static final long serialVersionUID = 1L;

    private final transient List<Refusal> refusals;

    public CommentaryRefusedException(List<Refusal> refusals) {
        super("commentary refused (" + refusals.size() + (refusals.size() == 1 ? " problem" : " problems") + "):\n  "
                + refusals.stream().map(Refusal::toString).collect(Collectors.joining("\n  ")));
        this.refusals = List.copyOf(refusals);
    }

    /** Every refusal, in file and line order. */
    public List<Refusal> refusals() {
        return refusals;
    }
}
