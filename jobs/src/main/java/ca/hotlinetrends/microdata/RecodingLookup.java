package ca.hotlinetrends.microdata;

import ca.hotlinetrends.anonymity.Recoding;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A chosen node's {@link Recoding} in the form a task applies to records as it reads them: each quasi-identifier's
 * leaf values numbered by the generalised value they map to, and the published classes in an open-addressing table
 * keyed by those numbers, each with the numbers of the values published for it (some blanked by local suppression).
 * A record whose value is not a leaf of its hierarchy (or is null), or whose generalised tuple is not a published
 * class, is suppressed, as the engine decided: {@link #publish} agrees with {@link Recoding#apply} on every record.
 *
 * <p>Only strings and int arrays are serialised (a broadcast to a cluster's executors); the lookups on Spark's own
 * strings are built once per JVM, on first use. Thread-safe.
 */
final class RecodingLookup implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int width;
    /** Per quasi-identifier, its leaf values, and for each the number of the generalised value it maps to. */
    private final String[][] leaves;

    private final int[][] leafCodes;
    /** Per quasi-identifier, the values a record can be published with: generalised values, then blanks. */
    private final String[][] outputs;
    /** The published classes' generalised values as numbers, {@link #width} per class. */
    private final int[] classes;
    /** The published values' numbers, {@link #width} per class. */
    private final int[] published;
    /** Open addressing: a class's index plus one at the slot of its hash (or the next free one), 0 where empty. */
    private final int[] slots;

    private transient volatile Lookups lookups;

    /** The per-JVM lookups on Spark's strings. */
    private record Lookups(List<Map<UTF8String, Integer>> leaves, UTF8String[][] outputs) {}

    RecodingLookup(Recoding recoding) {
        width = recoding.quasiIdentifiers().size();
        leaves = new String[width][];
        leafCodes = new int[width][];
        List<Map<String, Integer>> generalised = new ArrayList<>();
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int q = 0; q < width; q++) {
            Map<String, Integer> codes = new LinkedHashMap<>();
            Map<String, String> mapping = recoding.valueMapping(q);
            leaves[q] = new String[mapping.size()];
            leafCodes[q] = new int[mapping.size()];
            int i = 0;
            for (Map.Entry<String, String> e : mapping.entrySet()) {
                leaves[q][i] = e.getKey();
                leafCodes[q][i] = codes.computeIfAbsent(e.getValue(), v -> codes.size());
                i++;
            }
            generalised.add(codes);
            out.add(new LinkedHashMap<>(codes));
        }
        List<List<String>> tuples = new ArrayList<>(recoding.publishedTuples());
        classes = new int[tuples.size() * width];
        published = new int[tuples.size() * width];
        slots = new int[tableSize(tuples.size())];
        for (int t = 0; t < tuples.size(); t++) {
            List<String> from = tuples.get(t);
            List<String> to = recoding.output(from);
            boolean reachable = true;
            for (int q = 0; q < width && reachable; q++) {
                Integer code = generalised.get(q).get(from.get(q));
                // A published class no leaf maps to: no record can be in it; kept out of the table.
                reachable = code != null;
                if (reachable) {
                    classes[t * width + q] = code;
                    Map<String, Integer> o = out.get(q);
                    published[t * width + q] = o.computeIfAbsent(to.get(q), v -> o.size());
                }
            }
            if (reachable) {
                int slot = slot(classes, t * width);
                while (slots[slot] != 0) {
                    slot = (slot + 1) & (slots.length - 1);
                }
                slots[slot] = t + 1;
            }
        }
        outputs = new String[width][];
        for (int q = 0; q < width; q++) {
            outputs[q] = out.get(q).keySet().toArray(String[]::new);
        }
    }

    /** The quasi-identifiers' number. */
    int width() {
        return width;
    }

    /**
     * The values {@code values} (one per quasi-identifier, as read) are published with, or {@code null} when the
     * record is suppressed. {@code scratch} holds {@link #width} ints, one array per thread.
     */
    UTF8String[] publish(UTF8String[] values, int[] scratch) {
        Lookups l = lookups();
        for (int q = 0; q < width; q++) {
            Integer code = values[q] == null ? null : l.leaves().get(q).get(values[q]);
            if (code == null) {
                return null;
            }
            scratch[q] = code;
        }
        int slot = slot(scratch, 0);
        while (true) {
            int c = slots[slot];
            if (c == 0) {
                return null;
            }
            int at = (c - 1) * width;
            if (java.util.Arrays.equals(classes, at, at + width, scratch, 0, width)) {
                UTF8String[] row = new UTF8String[width];
                for (int q = 0; q < width; q++) {
                    row[q] = l.outputs()[q][published[at + q]];
                }
                return row;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
    }

    private Lookups lookups() {
        Lookups l = lookups;
        if (l == null) {
            synchronized (this) {
                l = lookups;
                if (l == null) {
                    List<Map<UTF8String, Integer>> byLeaf = new ArrayList<>();
                    UTF8String[][] out = new UTF8String[width][];
                    for (int q = 0; q < width; q++) {
                        Map<UTF8String, Integer> m = new HashMap<>(2 * leaves[q].length);
                        for (int i = 0; i < leaves[q].length; i++) {
                            m.put(UTF8String.fromString(leaves[q][i]), leafCodes[q][i]);
                        }
                        byLeaf.add(m);
                        out[q] = new UTF8String[outputs[q].length];
                        for (int i = 0; i < outputs[q].length; i++) {
                            out[q][i] = UTF8String.fromString(outputs[q][i]);
                        }
                    }
                    l = new Lookups(List.copyOf(byLeaf), out);
                    lookups = l;
                }
            }
        }
        return l;
    }

    private int slot(int[] codes, int from) {
        long h = 0x9E3779B97F4A7C15L;
        for (int q = 0; q < width; q++) {
            h = (h ^ codes[from + q]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        return (int) (h & (slots.length - 1));
    }

    /** A power of two at least twice the classes (so that probes stay short), at least 2. */
    private static int tableSize(int classes) {
        long n = Math.max(2L, 2L * classes);
        long size = Long.highestOneBit(n - 1) << 1;
        if (size > (1 << 30)) {
            throw new IllegalArgumentException("too many published classes to look up: " + classes);
        }
        return (int) size;
    }
}
