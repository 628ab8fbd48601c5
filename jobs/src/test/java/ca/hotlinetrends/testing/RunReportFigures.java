package ca.hotlinetrends.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of a run report: each id'd element's text (up to its first tag), unescaped. */
public final class RunReportFigures {

    private static final Pattern FIGURE = Pattern.compile("id=\"([^\"]+)\"[^>]*>([^<]*)<");

    private RunReportFigures() {}

    public static Map<String, String> of(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            out.put(
                    m.group(1),
                    m.group(2)
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&#39;", "'")
                            .replace("&amp;", "&"));
        }
        return out;
    }

    public static Map<String, String> of(Path report) {
        try {
            return of(Files.readString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
    }

    /** A count as the report prints it ({@code 1,234}). */
    public static long count(String shown) {
        return Long.parseLong(shown.replace(",", ""));
    }
}
