package ca.hotlinetrends.ingest;

import java.util.Map;

/**
 * A code list's spellings, looked up once per field of every record read: the code a spelling stands for, or null.
 * The same answers as a {@code Map<String, String>} of the spellings, without hashing the whole of each value read
 * (a new string per field, whose hash is never reused): the table is addressed by the length and five characters
 * of the value, and the spelling found there is compared whole. Sent to the tasks with the validator.
 */
final class Spellings implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String[] spellings;
    private final String[] codes;
    /** Open addressing: a spelling's index plus one at the slot of its sample (or the next free one), 0 where empty. */
    private final int[] slots;

    private final int mask;

    Spellings(Map<String, String> byspelling) {
        spellings = byspelling.keySet().toArray(String[]::new);
        codes = new String[spellings.length];
        for (int i = 0; i < spellings.length; i++) {
            codes[i] = byspelling.get(spellings[i]);
        }
        int size = Integer.highestOneBit(Math.max(8, spellings.length * 4) - 1) << 1;
        slots = new int[size];
        mask = size - 1;
        for (int i = 0; i < spellings.length; i++) {
            int slot = slot(spellings[i]);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /** The code {@code value} is a spelling of, or null. */
    String get(String value) {
        for (int slot = slot(value); slots[slot] != 0; slot = (slot + 1) & mask) {
            int i = slots[slot] - 1;
            if (spellings[i].equals(value)) {
                return codes[i];
            }
        }
        return null;
    }

    private int slot(String s) {
        int n = s.length();
        long h = n;
        if (n > 0) {
            h = h * 31 + s.charAt(0);
            h = h * 31 + s.charAt(n - 1);
            h = h * 31 + s.charAt(n >> 1);
            h = h * 31 + s.charAt(n >> 2);
            h = h * 31 + s.charAt(n - 1 - (n >> 2));
        }
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
