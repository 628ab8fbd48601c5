package ca.hotlinetrends.reports.commentary;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The YAML front matter of a note: between a first line {@code ---} and the next line {@code ---} (or
 * {@code ...}). One key is allowed, {@code allowed_literals}: a list of {@code {value, reason}}, where {@code value}
 * is one number (a YAML number, or a string in the note's notation such as {@code "1 234"}) and {@code reason} a
 * non-blank string. Any other key, a literal without a reason, or a value that is not exactly one number is refused.
 * The YAML is composed into nodes, never constructed into objects (no tags, no aliases beyond a handful).
 *
 * @param literals the allowed literals, in order
 * @param lines how many lines the front matter takes (0 when there is none)
 * @param refusals what is wrong with it
 */
record FrontMatter(List<AllowedLiteral> literals, int lines, List<Refusal> refusals) {

    static final String ALLOWED_LITERALS = "allowed_literals";
    private static final Set<String> LITERAL_KEYS = Set.of("value", "reason");

    FrontMatter {
        literals = List.copyOf(literals);
        refusals = List.copyOf(refusals);
    }

    /** Reads the front matter at the top of {@code lines} (the note's lines), if any. */
    static FrontMatter read(Path file, String language, List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return new FrontMatter(List.of(), 0, List.of());
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("---") || l.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return new FrontMatter(
                    List.of(),
                    lines.size(),
                    List.of(new Refusal(file, 1, "the front matter that starts here is not closed by a line '---'")));
        }
        String yaml = String.join("\n", lines.subList(1, close));
        List<Refusal> refusals = new ArrayList<>();
        List<AllowedLiteral> literals = new ArrayList<>();
        Node root;
        try {
            root = yaml().compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 2;
            return new FrontMatter(
                    List.of(),
                    close + 1,
                    List.of(new Refusal(file, line, "the front matter is not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            return new FrontMatter(
                    List.of(),
                    close + 1,
                    List.of(new Refusal(file, 1, "the front matter is not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            return new FrontMatter(List.of(), close + 1, List.of());
        }
        if (!(root instanceof MappingNode map)) {
            return new FrontMatter(
                    List.of(),
                    close + 1,
                    List.of(new Refusal(
                            file, line(root), "the front matter must be a mapping with the key " + ALLOWED_LITERALS)));
        }
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!key.equals(ALLOWED_LITERALS)) {
                refusals.add(new Refusal(
                        file,
                        line(t.getKeyNode()),
                        "unknown front matter key '" + key + "' (the only key is " + ALLOWED_LITERALS + ")"));
                continue;
            }
            if (!(t.getValueNode() instanceof SequenceNode list)) {
                refusals.add(new Refusal(
                        file, line(t.getValueNode()), ALLOWED_LITERALS + " must be a list of {value, reason}"));
                continue;
            }
            for (Node item : list.getValue()) {
                literal(file, language, item).ifPresentOrElse(literals::add, () -> {});
                refusals.addAll(literalRefusals(file, language, item));
            }
        }
        return new FrontMatter(literals, close + 1, refusals);
    }

    private static java.util.Optional<AllowedLiteral> literal(Path file, String language, Node item) {
        return literalRefusals(file, language, item).isEmpty()
                ? java.util.Optional.of(new AllowedLiteral(
                        language,
                        value(language, scalar(item, "value")).orElseThrow(),
                        scalar(item, "reason").getValue().strip(),
                        line(item)))
                : java.util.Optional.empty();
    }

    private static List<Refusal> literalRefusals(Path file, String language, Node item) {
        List<Refusal> out = new ArrayList<>();
        if (!(item instanceof MappingNode m)) {
            out.add(new Refusal(file, line(item), "an allowed literal must be {value: ..., reason: ...}"));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!LITERAL_KEYS.contains(key)) {
                out.add(new Refusal(
                        file,
                        line(t.getKeyNode()),
                        "unknown key '" + key + "' in an allowed literal (the keys are value and reason)"));
            } else if (!(t.getValueNode() instanceof ScalarNode)) {
                out.add(new Refusal(file, line(t.getValueNode()), "an allowed literal's " + key + " must be a scalar"));
            }
        }
        ScalarNode value = scalar(item, "value");
        ScalarNode reason = scalar(item, "reason");
        if (value == null) {
            out.add(new Refusal(file, line(item), "an allowed literal needs a value"));
        } else if (value(language, value).isEmpty()) {
            out.add(new Refusal(
                    file,
                    line(value),
                    "the allowed literal '" + value.getValue() + "' is not exactly one number in "
                            + (language.equals("en") ? "English" : "French") + " notation"));
        }
        if (reason == null || reason.getValue().isBlank()) {
            out.add(new Refusal(
                    file,
                    line(item),
                    "the allowed literal '" + (value == null ? "" : value.getValue())
                            + "' has no reason: say why this number may be published"));
        }
        return out;
    }

    private static ScalarNode scalar(Node item, String key) {
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals(key)
                        && t.getValueNode() instanceof ScalarNode v) {
                    return v;
                }
            }
        }
        return null;
    }

    /** A YAML number as such (36, 12.5), or a string holding exactly one number in the note's notation. */
    private static java.util.Optional<BigDecimal> value(String language, ScalarNode node) {
        String text = node.getValue().strip();
        if ((Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag())) && text.matches("[-+]?\\d+(\\.\\d+)?")) {
            return java.util.Optional.of(new BigDecimal(text).abs());
        }
        List<NumberReader.Quoted> q = NumberReader.of(language).read(text);
        if (q.size() != 1
                || q.get(0).kind() != NumberReader.Kind.NUMBER
                || !q.get(0).written().equals(text)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(q.get(0).value());
    }

    /** The 1-based line of a node in the note (the front matter starts on line 2). */
    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 2;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        options.setCodePointLimit(64 * 1024);
        return new Yaml(new SafeConstructor(options));
    }
}
