package ca.hotlinetrends.reports.commentary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BulletList;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * One staff note ({@code <notes>/<release>/<language>.md}) read as untrusted input: its front matter
 * ({@link FrontMatter}), its Markdown checked against an allow-list, and every number a reader of the rendered
 * note would see, with its line.
 *
 * <p>The allow-list: paragraphs, bullet lists, ordered lists starting at 1, emphasis, strong emphasis, line breaks
 * and links whose destination is {@code https:}. Everything else is refused with its line: raw HTML (blocks and
 * inline), images, headings (the section has its own title), code, block quotes, horizontal rules, links to any
 * other scheme. Rendering escapes HTML anyway ({@link NoteHtml}).
 *
 * <p>Numbers are read from the text as displayed, block by block: entities and escapes decoded and inline markup
 * removed, so {@code 1*2*3} or {@code &#51;} are read as what they show ({@code 123}, {@code 3}). Digits in link
 * destinations are read too (as whole numbers). Immutable.
 */
public final class Note {

    /** Notes larger than this are refused (a note is a few paragraphs). */
    static final int MAX_BYTES = 64 * 1024;

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /**
     * A number of the note and the line it is on.
     *
     * @param quoted the number as read
     * @param line 1-based line in the file
     */
    public record QuotedAt(NumberReader.Quoted quoted, int line) {}

    private final Path file;
    private final String language;
    private final List<AllowedLiteral> literals;
    private final Document document;
    private final List<QuotedAt> numbers;
    private final List<Refusal> refusals;

    private Note(
            Path file,
            String language,
            List<AllowedLiteral> literals,
            Document document,
            List<QuotedAt> numbers,
            List<Refusal> refusals) {
        this.file = file;
        this.language = language;
        this.literals = List.copyOf(literals);
        this.document = document;
        this.numbers = List.copyOf(numbers);
        this.refusals = List.copyOf(refusals);
    }

    /** Reads a note file; what is wrong with it is in {@link #refusals()}, never thrown. */
    public static Note read(Path file, String language) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the note " + file, e);
        }
        if (bytes.length > MAX_BYTES) {
            return refused(file, language, "the note is " + bytes.length + " bytes; notes are limited to " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return refused(file, language, "the note is not UTF-8 text");
        }
        return parse(file, language, text);
    }

    /** Reads a note's text; {@code file} names it in refusals. */
    public static Note parse(Path file, String language, String text) {
        NumberReader reader = NumberReader.of(language);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = Arrays.asList(text.split("\r\n|\r|\n", -1));
        FrontMatter front = FrontMatter.read(file, language, lines);
        List<String> body = new ArrayList<>(lines);
        for (int i = 0; i < front.lines(); i++) {
            body.set(i, "");
        }
        Document document = (Document) Parser.builder()
                .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
                .build()
                .parse(String.join("\n", body));
        Walk walk = new Walk(file, reader);
        walk.block(document);
        List<Refusal> refusals = new ArrayList<>(front.refusals());
        refusals.addAll(walk.refusals);
        return new Note(file, language, front.literals(), document, walk.numbers, refusals);
    }

    private static Note refused(Path file, String language, String reason) {
        return new Note(file, language, List.of(), new Document(), List.of(), List.of(new Refusal(file, 1, reason)));
    }

    public Path file() {
        return file;
    }

    public String language() {
        return language;
    }

    /** The allowed literals of the front matter, in order. */
    public List<AllowedLiteral> literals() {
        return literals;
    }

    /** Every number and quarter of the text, in order. */
    public List<QuotedAt> numbers() {
        return numbers;
    }

    /** What the front matter and the allow-list refuse (empty when the note may be checked for numbers). */
    public List<Refusal> refusals() {
        return refusals;
    }

    /** The parsed Markdown (only for rendering; checked against the allow-list). */
    Document document() {
        return document;
    }

    /** Whether the note has any text (a note of blank lines and front matter only renders nothing). */
    public boolean isEmpty() {
        return document.getFirstChild() == null;
    }

    /** Walks the blocks: the allow-list, and the displayed text of each paragraph read for numbers. */
    private static final class Walk {
        final Path file;
        final NumberReader reader;
        final List<Refusal> refusals = new ArrayList<>();
        final List<QuotedAt> numbers = new ArrayList<>();

        Walk(Path file, NumberReader reader) {
            this.file = file;
            this.reader = reader;
        }

        void block(Node node) {
            if (node instanceof Document
                    || node instanceof BulletList
                    || node instanceof ListItem
                    || node instanceof LinkReferenceDefinition) {
                children(node);
            } else if (node instanceof OrderedList list) {
                Integer start = list.getMarkerStartNumber();
                if (start != null && start != 1) {
                    refuse(node, "an ordered list must start at 1 (this one starts at " + start + ")");
                }
                children(node);
            } else if (node instanceof Paragraph) {
                StringBuilder text = new StringBuilder();
                List<Integer> lineOf = new ArrayList<>();
                for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                    inline(c, text, lineOf, line(node));
                }
                for (NumberReader.Quoted q : reader.read(text.toString())) {
                    numbers.add(new QuotedAt(q, lineOf.get(q.offset())));
                }
            } else {
                refuse(node, describe(node) + " is not allowed in commentary");
            }
        }

        private void children(Node node) {
            for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                block(c);
            }
        }

        void inline(Node node, StringBuilder text, List<Integer> lineOf, int fallback) {
            int line = node.getSourceSpans().isEmpty() ? fallback : line(node);
            if (node instanceof Text t) {
                append(text, lineOf, t.getLiteral(), line);
            } else if (node instanceof SoftLineBreak) {
                append(text, lineOf, " ", line);
            } else if (node instanceof HardLineBreak) {
                append(text, lineOf, "\n", line);
            } else if (node instanceof Emphasis || node instanceof StrongEmphasis) {
                for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                    inline(c, text, lineOf, line);
                }
            } else if (node instanceof Link link) {
                String destination = link.getDestination() == null ? "" : link.getDestination();
                if (!destination.toLowerCase(Locale.ROOT).startsWith("https://")) {
                    refuse(node, "a link to '" + shorten(destination) + "' is not allowed (only https: links are)");
                }
                Matcher digits = DIGITS.matcher(destination);
                while (digits.find()) {
                    numbers.add(new QuotedAt(
                            new NumberReader.Quoted(
                                    digits.group(),
                                    0,
                                    NumberReader.Kind.NUMBER,
                                    new BigDecimal(digits.group()),
                                    false,
                                    null),
                            line));
                }
                if (link.getTitle() != null) {
                    for (NumberReader.Quoted q : reader.read(link.getTitle())) {
                        numbers.add(new QuotedAt(q, line));
                    }
                }
                for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                    inline(c, text, lineOf, line);
                }
            } else {
                refuse(node, describe(node) + " is not allowed in commentary");
            }
        }

        private static void append(StringBuilder text, List<Integer> lineOf, String s, int line) {
            text.append(s);
            for (int i = 0; i < s.length(); i++) {
                lineOf.add(line);
            }
        }

        private void refuse(Node node, String reason) {
            refusals.add(new Refusal(file, line(node), reason));
        }

        private static int line(Node node) {
            return node.getSourceSpans().isEmpty()
                    ? 1
                    : node.getSourceSpans().get(0).getLineIndex() + 1;
        }

        private static String shorten(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }

        private static String describe(Node node) {
            return switch (node.getClass().getSimpleName()) {
                case "HtmlBlock", "HtmlInline" -> "raw HTML";
                case "Image" -> "an image";
                case "Heading" -> "a heading (the section has its own title; start a paragraph with **bold** words)";
                case "Code", "FencedCodeBlock", "IndentedCodeBlock" ->
                    "code (an indented line is code in Markdown: remove the indentation)";
                case "BlockQuote" -> "a block quote";
                case "ThematicBreak" -> "a horizontal rule";
                default -> "a " + node.getClass().getSimpleName();
            };
        }
    }
}
