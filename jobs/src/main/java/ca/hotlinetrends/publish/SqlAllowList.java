package ca.hotlinetrends.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list a researcher's statement must pass before it runs: one read-only query, checked on the syntax
 * tree DuckDB's parser gives without executing anything ({@code json_serialize_sql}, which serialises SELECT
 * statements only). Deny by default: every node of the tree must be of an allowed kind, every function an allowed
 * one, every table a view of the release (or a common table expression of the statement).
 *
 * <p>Allowed: SELECT (with FROM-first), set operations, common table expressions (not recursive), joins,
 * subqueries, inline VALUES, projections, filters, grouping, windows, ordering, limits, and the expressions and
 * functions listed here (arithmetic, comparisons, CASE, CAST, string, date, list and aggregate functions).
 * Refused: any other statement (DDL, DML, COPY, ATTACH, INSTALL, LOAD, PRAGMA, SET, CALL, EXPORT, PREPARE,
 * EXECUTE...), several statements at once, table functions ({@code read_csv}, {@code read_parquet},
 * {@code glob}, {@code query}...), file names or qualified names as tables, recursive queries, PIVOT, lambdas,
 * parameters, and every function not listed (configuration, environment, file, random and sequence functions
 * among them). Immutable and thread-safe.
 */
public final class SqlAllowList {

    /** Query, table and modifier nodes (objects with a {@code type} and no {@code class}). */
    private static final Set<String> NODES = Set.of(
            "SELECT_NODE",
            "SET_OPERATION_NODE",
            "BASE_TABLE",
            "JOIN",
            "SUBQUERY",
            "EXPRESSION_LIST",
            "EMPTY",
            "ORDER_MODIFIER",
            "LIMIT_MODIFIER",
            "LIMIT_PERCENT_MODIFIER",
            "DISTINCT_MODIFIER",
            "ASCENDING",
            "DESCENDING",
            "ORDER_DEFAULT");
    /** Expression classes. */
    private static final Set<String> EXPRESSIONS = Set.of(
            "COLUMN_REF",
            "CONSTANT",
            "COMPARISON",
            "CONJUNCTION",
            "OPERATOR",
            "FUNCTION",
            "WINDOW",
            "CASE",
            "CAST",
            "BETWEEN",
            "SUBQUERY",
            "STAR",
            "COLLATE",
            "TYPE",
            "POSITIONAL_REFERENCE");
    /** The kinds of {@code OPERATOR} expressions. */
    private static final Set<String> OPERATORS = Set.of(
            "COMPARE_IN",
            "COMPARE_NOT_IN",
            "OPERATOR_NOT",
            "OPERATOR_IS_NULL",
            "OPERATOR_IS_NOT_NULL",
            "OPERATOR_COALESCE",
            "OPERATOR_NULLIF",
            "ARRAY_EXTRACT",
            "ARRAY_SLICE",
            "STRUCT_EXTRACT");
    /** Functions, aggregates and window functions by name, and the operators DuckDB writes as functions. */
    private static final Set<String> FUNCTIONS = Set.of(
            // operators
            "+",
            "-",
            "*",
            "/",
            "//",
            "%",
            "^",
            "**",
            "||",
            "~~",
            "!~~",
            "~~*",
            "!~~*",
            "~~~",
            "!~~~",
            "&",
            "|",
            // aggregates
            "count",
            "count_star",
            "count_if",
            "countif",
            "sum",
            "avg",
            "mean",
            "min",
            "max",
            "median",
            "mode",
            "quantile",
            "quantile_cont",
            "quantile_disc",
            "stddev",
            "stddev_samp",
            "stddev_pop",
            "variance",
            "var_samp",
            "var_pop",
            "string_agg",
            "group_concat",
            "listagg",
            "list",
            "array_agg",
            "bool_and",
            "bool_or",
            "any_value",
            "first",
            "last",
            "arg_min",
            "arg_max",
            "argmin",
            "argmax",
            "min_by",
            "max_by",
            "approx_count_distinct",
            "corr",
            "covar_pop",
            "covar_samp",
            "histogram",
            "product",
            "sumkahan",
            // windows
            "row_number",
            "rank",
            "dense_rank",
            "percent_rank",
            "cume_dist",
            "ntile",
            "lag",
            "lead",
            "first_value",
            "last_value",
            "nth_value",
            // numbers
            "abs",
            "round",
            "round_even",
            "floor",
            "ceil",
            "ceiling",
            "trunc",
            "sqrt",
            "cbrt",
            "ln",
            "log",
            "log10",
            "log2",
            "exp",
            "pow",
            "power",
            "greatest",
            "least",
            "sign",
            "mod",
            "isnan",
            "isinf",
            "isfinite",
            // conditionals
            "coalesce",
            "nullif",
            "ifnull",
            "if",
            "iif",
            // strings
            "lower",
            "lcase",
            "upper",
            "ucase",
            "length",
            "len",
            "strlen",
            "substr",
            "substring",
            "concat",
            "concat_ws",
            "trim",
            "ltrim",
            "rtrim",
            "replace",
            "starts_with",
            "ends_with",
            "contains",
            "strpos",
            "instr",
            "position",
            "left",
            "right",
            "lpad",
            "rpad",
            "split_part",
            "string_split",
            "str_split",
            "regexp_matches",
            "regexp_replace",
            "regexp_extract",
            "regexp_full_match",
            "like_escape",
            "prefix",
            "suffix",
            "reverse",
            "format",
            "printf",
            "initcap",
            "ascii",
            "chr",
            // dates
            "year",
            "quarter",
            "month",
            "day",
            "dayofweek",
            "week",
            "date_part",
            "datepart",
            "date_trunc",
            "datetrunc",
            "extract",
            "make_date",
            "strftime",
            "date_diff",
            "datediff",
            // lists (the microdata's multi-valued columns)
            "list_value",
            "list_pack",
            "array_value",
            "list_contains",
            "list_has",
            "array_contains",
            "array_has",
            "list_has_any",
            "array_has_any",
            "list_has_all",
            "array_has_all",
            "array_length",
            "list_extract",
            "list_element",
            "array_extract",
            "unnest",
            "list_sort",
            "array_sort",
            "list_distinct",
            "array_distinct",
            "list_unique",
            "array_unique",
            "list_position",
            "array_position",
            "array_to_string",
            "list_aggr",
            "list_aggregate",
            "flatten",
            "cardinality",
            "size",
            "sort_array");

    private SqlAllowList() {}

    /**
     * Checks a statement's serialised syntax tree.
     *
     * @param tree  what {@code json_serialize_sql} returned for the statement
     * @param views the names of the release's views, lower case
     * @throws IllegalArgumentException starting with {@code refused:} when the statement is not allowed (the
     *                                  message names the construct, never a value)
     */
    public static void check(JsonNode tree, Set<String> views) {
        if (tree == null || tree.path("error").asBoolean(true)) {
            String message = tree == null ? "" : tree.path("error_message").asText("");
            if (message.contains("Only SELECT")) {
                throw refused("only read-only queries (SELECT, WITH, VALUES) are allowed; DDL, DML, COPY, ATTACH, "
                        + "INSTALL, LOAD, PRAGMA, SET, CALL, EXPORT, PREPARE and EXECUTE are not");
            }
            throw new IllegalArgumentException(
                    "SQL error: " + (message.isEmpty() ? "the statement does not parse" : message));
        }
        JsonNode statements = tree.path("statements");
        if (statements.size() != 1) {
            throw refused("one statement at a time (end each with ';' in the interactive mode)");
        }
        Set<String> ctes = new HashSet<>();
        collectCtes(statements, ctes);
        walk(statements, views, ctes);
    }

    private static void collectCtes(JsonNode node, Set<String> ctes) {
        if (node.isObject()) {
            JsonNode map = node.path("cte_map").path("map");
            for (JsonNode entry : map) {
                ctes.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
            }
        }
        for (JsonNode child : node) {
            collectCtes(child, ctes);
        }
    }

    private static void walk(JsonNode node, Set<String> views, Set<String> ctes) {
        if (node.isObject()) {
            checkObject(node, views, ctes);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                walk(it.next().getValue(), views, ctes);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child, views, ctes);
            }
        }
    }

    private static void checkObject(JsonNode node, Set<String> views, Set<String> ctes) {
        JsonNode cls = node.get("class");
        JsonNode type = node.get("type");
        if (cls != null && cls.isTextual()) {
            String c = cls.asText();
            if (!EXPRESSIONS.contains(c)) {
                throw refused("expressions of kind " + c + " are not allowed");
            }
            if (c.equals("OPERATOR") && !OPERATORS.contains(type.asText())) {
                throw refused("the operator " + type.asText() + " is not allowed");
            }
            if (c.equals("FUNCTION") || c.equals("WINDOW")) {
                String name = node.path("function_name").asText().toLowerCase(Locale.ROOT);
                if (!node.path("schema").asText("").isEmpty()
                        || !node.path("catalog").asText("").isEmpty()) {
                    throw refused("qualified function names are not allowed");
                }
                if (!FUNCTIONS.contains(name)) {
                    throw refused("the function " + name + " is not on the allow-list of sql (see README, "
                            + "'Querying a release')");
                }
            }
            return; // nested nodes (arguments, subqueries) are walked too
        }
        if (type != null && type.isTextual()) {
            String t = type.asText();
            if (node.has("kind") && node.has("text")) {
                return; // a literal's type
            }
            if (t.equals("RECURSIVE_CTE_NODE")) {
                throw refused("recursive queries are not allowed");
            }
            if (!NODES.contains(t)) {
                throw refused("a " + t + " is not allowed (only queries over the views: tables, joins, subqueries, "
                        + "VALUES)");
            }
            if (t.equals("BASE_TABLE")) {
                String name = node.path("table_name").asText();
                boolean qualified = !node.path("schema_name").asText("").isEmpty()
                        || !node.path("catalog_name").asText("").isEmpty();
                String key = name.toLowerCase(Locale.ROOT);
                if (qualified || !(views.contains(key) || ctes.contains(key))) {
                    throw refused("only the views of the release can be queried, not "
                            + (qualified ? "a qualified name" : looksLikeAPath(name) ? "a file" : "'" + name + "'")
                            + (qualified || looksLikeAPath(name) ? "" : closeMatches(key, views)));
                }
                if (!node.path("at_clause").isNull() && !node.path("at_clause").isMissingNode()) {
                    throw refused("time travel (AT) is not allowed");
                }
            }
        }
    }

    private static boolean looksLikeAPath(String name) {
        return name.contains("/") || name.contains("\\") || name.contains(".") || name.contains(":");
    }

    /** "; did you mean victims?" for a name close to a view, or the list of views. */
    static String closeMatches(String name, Set<String> views) {
        java.util.List<String> close = views.stream()
                .sorted()
                .filter(v -> distance(v, name) <= 2 || v.startsWith(name) || name.startsWith(v))
                .toList();
        return close.isEmpty()
                ? "; views: " + String.join(", ", views.stream().sorted().toList())
                : "; did you mean " + String.join(" or ", close) + "?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("refused: " + why);
    }
}
