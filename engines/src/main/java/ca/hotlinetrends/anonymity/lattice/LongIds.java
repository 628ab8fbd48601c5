package ca.hotlinetrends.anonymity.lattice;

import java.util.Arrays;

/**
 * Dense ids for {@code long} keys: the first key added gets 0, the next new key 1, and so on. Open addressing with
 * linear probing over a power-of-two table, keys spread by the Murmur3 finaliser; {@link #clear()} is O(1) (a stamp
 * per slot), so one instance serves many groupings without reallocating. The table doubles when it gets half full.
 *
 * <p>Not thread-safe.
 */
final class LongIds {

    /** Per slot, two longs: the key, then the stamp (high half) and the id (low half): one cache line per probe. */
    private long[] slots;

    private int stamp = 1;
    private int mask;
    private int size;

    /** A table that holds {@code expected} keys without growing. */
    LongIds(int expected) {
        allocate(Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1);
    }

    private void allocate(int capacity) {
        slots = new long[2 * capacity];
        mask = capacity - 1;
    }

    /** Forgets every key; ids start again at 0. */
    void clear() {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(slots, 0L);
            stamp = 1;
        }
        size = 0;
    }

    /**
     * Forgets every key, and makes the table smaller when it is far larger than {@code expected} keys need (a smaller
     * table is probed in cache).
     */
    void clear(int expected) {
        if (mask + 1 > 8 * Math.max(16, expected)) {
            allocate(Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1);
            stamp = 1;
            size = 0;
        } else {
            clear();
        }
    }

    /** The number of keys held; also the id the next new key gets. */
    int size() {
        return size;
    }

    /** The id of {@code key}, or -1 when it has none. */
    int get(long key) {
        int slot = slotOf(key);
        return occupied(slot) ? (int) slots[2 * slot + 1] : -1;
    }

    /** The id of {@code key}, giving it the next id ({@link #size()} before the call) when it has none. */
    int idOf(long key) {
        return idOf(key, mix(key));
    }

    /** As {@link #idOf(long)}, given the key's {@link #mix hash}. */
    int idOf(long key, long hash) {
        int slot = slotOf(key, hash);
        if (occupied(slot)) {
            return (int) slots[2 * slot + 1];
        }
        if (2 * (size + 1) > mask + 1) {
            grow();
            slot = slotOf(key, hash);
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = ((long) stamp << 32) | size;
        return size++;
    }

    /** The slot that holds {@code key}, or the free slot where it would go. */
    private int slotOf(long key) {
        return slotOf(key, mix(key));
    }

    private int slotOf(long key, long hash) {
        int slot = (int) hash & mask;
        while (occupied(slot) && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean occupied(int slot) {
        return (int) (slots[2 * slot + 1] >>> 32) == stamp;
    }

    private void grow() {
        long[] old = slots;
        int oldStamp = stamp;
        allocate((mask + 1) * 2);
        stamp = 1;
        for (int s = 0; s < old.length; s += 2) {
            if ((int) (old[s + 1] >>> 32) == oldStamp) {
                int slot = slotOf(old[s]);
                slots[2 * slot] = old[s];
                slots[2 * slot + 1] = ((long) stamp << 32) | (old[s + 1] & 0xffffffffL);
            }
        }
    }

    /** Murmur3 64-bit finaliser: a bijection that spreads mixed-radix keys over the table. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
