package ca.hotlinetrends.reports.commentary;

import java.util.Map;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A checked note as an HTML fragment: for the newsletter with inline styles (e-mail clients ignore style sheets),
 * for the brief plain (its style sheet applies; the fragment is well-formed XHTML). HTML in the text is escaped
 * and link destinations are sanitised even though the allow-list has already refused raw HTML and every scheme but
 * https. The same note always gives the same bytes.
 */
final class NoteHtml {

    private static final Map<String, String> NEWSLETTER_STYLES = Map.of(
            "p", "margin:0 0 8px 0;font-size:14px;line-height:21px;",
            "ul", "margin:0 0 8px 0;padding:0 0 0 20px;font-size:14px;line-height:21px;",
            "ol", "margin:0 0 8px 0;padding:0 0 0 20px;font-size:14px;line-height:21px;",
            "li", "margin:0 0 4px 0;",
            "a", "color:#0072B2;");

    private NoteHtml() {}

    /** The note for the newsletter: every element styled inline. */
    static String newsletter(Note note) {
        AttributeProvider styles = (node, tag, attributes) -> {
            String style = NEWSLETTER_STYLES.get(tag);
            if (style != null) {
                attributes.put("style", style);
            }
        };
        return renderer(styles).render(note.document());
    }

    /** The note for the brief (XHTML, styled by the brief's style sheet). */
    static String brief(Note note) {
        return renderer((node, tag, attributes) -> {}).render(note.document());
    }

    private static HtmlRenderer renderer(AttributeProvider attributes) {
        return HtmlRenderer.builder()
                .escapeHtml(true)
                .sanitizeUrls(true)
                .softbreak("\n")
                .attributeProviderFactory(context -> attributes)
                .build();
    }
}
