package ca.hotlinetrends.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A generalisation hierarchy for one attribute, in the format used by ARX and other anonymisation
 * tools: one row per leaf value, then its generalisation at each higher level, the last being
 * {@code *}. Level 0 is the leaf value itself; level {@code height() - 1} is the top.
 *
 * <p>Immutable and thread-safe. Every row must have the same number of levels, leaves must be
 * unique, and a value at level {@code i} must always generalise to the same value at level
 * {@code i + 1} (the hierarchy is a tree), otherwise construction fails.
 */
public final class Hierarchy {

    private final String attribute;
    private final List<String> leaves;
    private final Map<String, String[]> rowsByLeaf;
    private final int height;
    /** For each level, how many leaves sit under each value of that level. */
    private final List<Map<String, Integer>> leafCounts;

    private Hierarchy(String attribute, List<String[]> rows) {
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("hierarchy for '" + attribute + "' has no rows");
        }
        this.height = rows.get(0).length;
        Map<String, String[]> byLeaf = new LinkedHashMap<>();
        List<Map<String, String>> parentOf = new ArrayList<>();
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int level = 0; level < height; level++) {
            parentOf.add(new HashMap<>());
            counts.add(new HashMap<>());
        }
        int rowNumber = 0;
        for (String[] row : rows) {
            rowNumber++;
            if (row.length != height) {
                throw new IllegalArgumentException("hierarchy for '" + attribute + "': row " + rowNumber + " has "
                        + row.length + " levels, the first row has " + height);
            }
            if (byLeaf.putIfAbsent(row[0], row) != null) {
                throw new IllegalArgumentException(
                        "hierarchy for '" + attribute + "': leaf in row " + rowNumber + " appears more than once");
            }
            for (int level = 0; level < height; level++) {
                counts.get(level).merge(row[level], 1, Integer::sum);
                if (level + 1 < height) {
                    String previous = parentOf.get(level).putIfAbsent(row[level], row[level + 1]);
                    if (previous != null && !previous.equals(row[level + 1])) {
                        throw new IllegalArgumentException("hierarchy for '" + attribute + "': row " + rowNumber
                                + " gives level " + level + " two different parents");
                    }
                }
            }
        }
        if (counts.get(height - 1).size() != 1) {
            throw new IllegalArgumentException("hierarchy for '" + attribute + "': the top level must be a "
                    + "single value, found " + counts.get(height - 1).size());
        }
        this.rowsByLeaf = Collections.unmodifiableMap(byLeaf);
        this.leaves = List.copyOf(byLeaf.keySet());
        List<Map<String, Integer>> frozen = new ArrayList<>();
        for (Map<String, Integer> c : counts) {
            frozen.add(Map.copyOf(c));
        }
        this.leafCounts = List.copyOf(frozen);
    }

    /** Builds a hierarchy from rows (each row: leaf, then each higher level). */
    public static Hierarchy of(String attribute, List<String[]> rows) {
        List<String[]> copy = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            copy.add(row.clone());
        }
        return new Hierarchy(attribute, copy);
    }

    /** Reads a {@code separator}-separated hierarchy file without header. Blank lines are skipped. */
    public static Hierarchy read(String attribute, Reader reader, char separator) {
        Pattern split = Pattern.compile(Pattern.quote(String.valueOf(separator)));
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (rows.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                rows.add(split.split(line, -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hierarchy for '" + attribute + "'", e);
        }
        return new Hierarchy(attribute, rows);
    }

    /** Reads a hierarchy file (UTF-8). */
    public static Hierarchy read(String attribute, Path file, char separator) {
        try {
            return read(attribute, Files.newBufferedReader(file, StandardCharsets.UTF_8), separator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open hierarchy file for '" + attribute + "': " + file, e);
        }
    }

    public String attribute() {
        return attribute;
    }

    /** Number of levels, including level 0 (the leaves) and the top ({@code *}). */
    public int height() {
        return height;
    }

    /** Leaf values in file order. */
    public List<String> leaves() {
        return leaves;
    }

    public int leafCount() {
        return leaves.size();
    }

    public boolean contains(String leaf) {
        return rowsByLeaf.containsKey(leaf);
    }

    /**
     * The generalisation of {@code leaf} at {@code level}.
     *
     * @throws IllegalArgumentException if the leaf is not in the hierarchy or the level is out of range
     */
    public String generalise(String leaf, int level) {
        if (level < 0 || level >= height) {
            throw new IllegalArgumentException(
                    "level must be in [0, " + (height - 1) + "] for '" + attribute + "'. Provided value: " + level);
        }
        String[] row = rowsByLeaf.get(leaf);
        if (row == null) {
            throw new IllegalArgumentException("value not in the hierarchy for '" + attribute + "'");
        }
        return row[level];
    }

    /** How many leaves a value at {@code level} stands for (1 at level 0). */
    public int leavesUnder(int level, String generalisedValue) {
        Integer n = leafCounts.get(level).get(generalisedValue);
        if (n == null) {
            throw new IllegalArgumentException(
                    "value not at level " + level + " of the hierarchy for '" + attribute + "'");
        }
        return n;
    }

    /** The distinct values at {@code level}. */
    public java.util.Set<String> valuesAt(int level) {
        return leafCounts.get(level).keySet();
    }
}
