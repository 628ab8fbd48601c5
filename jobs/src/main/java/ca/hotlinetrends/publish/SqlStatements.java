package ca.hotlinetrends.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text fed in pieces (lines) into {@code ;}-terminated statements. A {@code ;} inside a quoted string
 * ({@code '...'}, {@code "..."}, {@code `...`}, backslash escapes included), a {@code --} line comment or a
 * {@code /* *}{@code /} block comment does not end a statement. Empty statements are dropped. Not thread-safe.
 */
public final class SqlStatements {

    private final StringBuilder current = new StringBuilder();
    private char quote;
    private boolean escaped;
    private boolean lineComment;
    private boolean blockComment;

    /** Adds text and returns the statements it completed, without their {@code ;}. */
    public List<String> feed(String text) {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (lineComment) {
                lineComment = c != '\n';
            } else if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    current.append(c);
                    c = next;
                    i++;
                }
            } else if (quote != 0) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && next == '-') {
                lineComment = true;
            } else if (c == '/' && next == '*') {
                blockComment = true;
            } else if (c == ';') {
                String s = current.toString().strip();
                current.setLength(0);
                if (!s.isEmpty()) {
                    done.add(s);
                }
                continue;
            }
            current.append(c);
        }
        return done;
    }

    /** Whether an unfinished statement is waiting for more text. */
    public boolean pending() {
        return !current.toString().isBlank();
    }

    /** The unfinished text (a last statement without {@code ;}), and clears it. */
    public String rest() {
        String s = current.toString().strip();
        current.setLength(0);
        return s;
    }
}
