package ca.hotlinetrends.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.util.AccumulatorV2;

/**
 * The 64-bit hashes of the keys of every valid record, gathered on the driver while the pass runs, so that keys used
 * twice are found without a second read of the data and a shuffle: each task sends its hashes sorted, and
 * {@link #repeated} merges them. The hash is Spark's {@code xxhash64} of the key (seed 42), so the candidates can be
 * matched with {@code xxhash64(key)} in SQL.
 *
 * <p>What comes back is a superset of the hashes of repeated keys: a task run twice (a retry, a speculative copy)
 * adds its hashes twice, and two keys may share a hash; the caller checks candidates against the keys themselves.
 * Memory on the driver is bounded: beyond {@link #maxHashes()} hashes in all (8 bytes each; configured as
 * {@code ingest.driver_key_hashes}), or a task's share of them, the accumulator gives up ({@link #value()} is null)
 * and the caller must find repeated keys another way.
 */
final class KeyHashes extends AccumulatorV2<long[], List<long[]>> {

    private static final long serialVersionUID = 1L;

    private final long maxHashes;
    private final ArrayList<long[]> parts = new ArrayList<>();
    private long count;
    private boolean gaveUp;

    /** @param maxHashes the most hashes kept on the driver (at most {@link Integer#MAX_VALUE}) */
    KeyHashes(long maxHashes) {
        if (maxHashes < 0 || maxHashes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "ingest.driver_key_hashes must be in [0, " + Integer.MAX_VALUE + "]. Provided value: " + maxHashes);
        }
        this.maxHashes = maxHashes;
    }

    /** The most hashes kept on the driver. */
    long maxHashes() {
        return maxHashes;
    }

    /** The hash {@link #repeated} works with: Spark's {@code xxhash64} of the key's UTF-8 bytes. */
    static long hash(byte[] key) {
        return XXH64.hashUnsafeBytes(key, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET, key.length, 42L);
    }

    @Override
    public boolean isZero() {
        return parts.isEmpty() && !gaveUp;
    }

    @Override
    public KeyHashes copy() {
        KeyHashes c = new KeyHashes(maxHashes);
        c.parts.addAll(parts);
        c.count = count;
        c.gaveUp = gaveUp;
        return c;
    }

    @Override
    public void reset() {
        parts.clear();
        count = 0;
        gaveUp = false;
    }

    /** Adds one task's hashes, sorted; null when the task had more than its share. */
    @Override
    public void add(long[] sortedHashes) {
        if (sortedHashes == null || count + sortedHashes.length > maxHashes) {
            giveUp();
        } else if (!gaveUp) {
            parts.add(sortedHashes);
            count += sortedHashes.length;
        }
    }

    @Override
    public void merge(AccumulatorV2<long[], List<long[]>> other) {
        KeyHashes o = (KeyHashes) other;
        if (o.gaveUp) {
            giveUp();
        } else {
            o.parts.forEach(this::add);
        }
    }

    private void giveUp() {
        gaveUp = true;
        parts.clear();
        count = 0;
    }

    /** Each task's sorted hashes, or null when there were too many to keep. */
    @Override
    public List<long[]> value() {
        return gaveUp ? null : List.copyOf(parts);
    }

    /**
     * The hashes that occur more than once across sorted arrays: a k-way merge through a binary heap of the arrays'
     * indices keyed by their current heads, in primitive arrays (no boxed entries or comparator calls: this runs
     * over every key of the export on the driver); memory beyond the result is two ints and a long per array.
     */
    static long[] repeated(List<long[]> sortedParts) {
        int k = 0;
        long[][] parts = new long[sortedParts.size()][];
        for (long[] p : sortedParts) {
            if (p.length > 0) {
                parts[k++] = p;
            }
        }
        int[] heap = new int[k]; // array indices, a min-heap by head[]
        int[] at = new int[k]; // each array's current position
        long[] head = new long[k]; // each array's current value
        for (int p = 0; p < k; p++) {
            heap[p] = p;
            head[p] = parts[p][0];
        }
        int size = k;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(heap, head, size, i);
        }
        long[] out = new long[16];
        int n = 0;
        boolean havePrevious = false;
        long previous = 0;
        while (size > 0) {
            int p = heap[0];
            long h = head[p];
            if (havePrevious && h == previous && (n == 0 || out[n - 1] != h)) {
                out = n == out.length ? Arrays.copyOf(out, n * 2) : out;
                out[n++] = h;
            }
            havePrevious = true;
            previous = h;
            if (++at[p] < parts[p].length) {
                head[p] = parts[p][at[p]];
            } else {
                heap[0] = heap[--size];
            }
            siftDown(heap, head, size, 0);
        }
        return Arrays.copyOf(out, n);
    }

    /** Restores the heap order below {@code i} (the smaller head first; equal heads in either order). */
    private static void siftDown(int[] heap, long[] head, int size, int i) {
        int p = heap[i];
        long v = head[p];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && head[heap[c + 1]] < head[heap[c]]) {
                c++;
            }
            if (head[heap[c]] >= v) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = p;
    }

    /** A task's hashes, gathered one at a time up to its share of {@link #maxHashes()}. */
    static final class Collector {
        private final int limit;
        private long[] hashes = new long[16];
        private int n;
        private boolean overflow;

        /** @param limit the most hashes this task may send */
        Collector(int limit) {
            this.limit = limit;
        }

        void add(long hash) {
            if (overflow) {
                return;
            }
            if (n == limit) {
                overflow = true;
                hashes = null;
                return;
            }
            if (n == hashes.length) {
                hashes = Arrays.copyOf(hashes, (int) Math.min(limit, 2L * n + 16));
            }
            hashes[n++] = hash;
        }

        /** The hashes sorted, or null when the task had more than its share. */
        long[] sorted() {
            if (overflow) {
                return null;
            }
            long[] out = Arrays.copyOf(hashes, n);
            Arrays.sort(out);
            return out;
        }
    }
}
