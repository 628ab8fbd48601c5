package ca.hotlinetrends.reports.commentary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown allow-list and the front matter of a note. */
class NoteTest {

    private static final Path FILE = Path.of("notes/2026Q3/en.md");

    private static List<String> refusals(String text) {
        return Note.parse(FILE, "en", text).refusals().stream()
                .map(r -> r.line() + ": " + r.reason())
                .toList();
    }

    @Test
    void allowedMarkdown_passes() {
        assertThat(refusals("**Bold** and *emphasis*.\n\n- a\n- b\n\n1. one\n2. two\n\nA [link](https://example.org/)"
                        + " and a hard  \nbreak.\n"))
                .isEmpty();
    }

    @Test
    void rawHtml_blockAndInline_isRefusedWithItsLine() {
        assertThat(refusals("Text.\n\n<div>block</div>\n")).containsExactly("3: raw HTML is not allowed in commentary");
        assertThat(refusals("Text with <b>inline</b> HTML.\n")).hasSize(2).allMatch(r -> r.startsWith("1: raw HTML"));
        assertThat(refusals("<script>alert(1)</script>\n"))
                .singleElement()
                .asString()
                .startsWith("1: raw HTML");
    }

    @Test
    void images_areRefused() {
        assertThat(refusals("Look:\n![chart](https://example.org/x.png)\n"))
                .containsExactly("2: an image is not allowed in commentary");
    }

    @Test
    void linksOtherThanHttps_areRefused() {
        assertThat(refusals("[click](javascript:alert(1))"))
                .singleElement()
                .asString()
                .startsWith("1: a link to 'javascript:alert(1)' is not allowed");
        assertThat(refusals("[plain](http://example.org)")).hasSize(1);
        assertThat(refusals("[mail](mailto:a@example.org)")).hasSize(1);
        assertThat(refusals("[ref]\n\n[ref]: data:text/html,hi")).hasSize(1);
    }

    @Test
    void headingsCodeQuotesRulesAndOrderedListsNotStartingAtOne_areRefused() {
        assertThat(refusals("# Title\n")).singleElement().asString().startsWith("1: a heading");
        assertThat(refusals("Text.\n\n    indented\n"))
                .singleElement()
                .asString()
                .startsWith("3: code");
        assertThat(refusals("Some `code`.\n")).singleElement().asString().startsWith("1: code");
        assertThat(refusals("> quoted\n")).singleElement().asString().startsWith("1: a block quote");
        assertThat(refusals("a\n\n---\n")).singleElement().asString().startsWith("3: a horizontal rule");
        assertThat(refusals("3. three\n4. four\n"))
                .singleElement()
                .asString()
                .isEqualTo("1: an ordered list must start at 1 (this one starts at 3)");
    }

    @Test
    void frontMatter_literalsNeedAReason_andUnknownKeysAreRefused() {
        Note ok = Note.parse(FILE, "en", "---\nallowed_literals:\n  - value: 36\n    reason: Bill C-36\n---\nText.\n");
        assertThat(ok.refusals()).isEmpty();
        assertThat(ok.literals()).singleElement().satisfies(l -> {
            assertThat(l.plainValue()).isEqualTo("36");
            assertThat(l.reason()).isEqualTo("Bill C-36");
            assertThat(l.line()).isEqualTo(3);
        });
        assertThat(refusals("---\nallowed_literals:\n  - value: 36\n---\nText.\n"))
                .singleElement()
                .asString()
                .isEqualTo("3: the allowed literal '36' has no reason: say why this number may be published");
        assertThat(refusals("---\nallowed_literals:\n  - value: 36\n    reason: '  '\n---\nText.\n"))
                .hasSize(1);
        assertThat(refusals("---\ntitle: Hello\n---\nText.\n"))
                .singleElement()
                .asString()
                .startsWith("2: unknown front matter key 'title'");
        assertThat(refusals("---\nallowed_literals:\n  - value: 36\n    reason: r\n    why: x\n---\n"))
                .singleElement()
                .asString()
                .startsWith("5: unknown key 'why'");
        assertThat(refusals("---\nallowed_literals:\n  - value: 'twelve'\n    reason: r\n---\n"))
                .singleElement()
                .asString()
                .startsWith("3: the allowed literal 'twelve' is not exactly one number");
        assertThat(refusals("---\nallowed_literals: [\n"))
                .singleElement()
                .asString()
                .contains("not closed");
    }

    @Test
    void numbers_areReadAsDisplayed_withTheirLines() {
        Note note = Parse.en("---\nallowed_literals: []\n---\nFirst line 12,\nsecond *1*2*3* and &#51; and 4\\.5.\n");
        assertThat(note.numbers())
                .extracting(n -> n.quoted().written() + "@" + n.line())
                .containsExactly("12@4", "123@5", "3@5", "4.5@5");
    }

    @Test
    void digitsOfLinkDestinations_areRead() {
        Note note = Parse.en("See [the report](https://example.org/2024/report-7).\n");
        assertThat(note.numbers()).extracting(n -> n.quoted().written()).containsExactly("2024", "7");
    }

    private static final class Parse {
        static Note en(String text) {
            return Note.parse(FILE, "en", text);
        }
    }
}
