package ca.hotlinetrends.anonymity.lattice;

import ca.hotlinetrends.anonymity.Checks;
import java.util.Arrays;

/**
 * The generalisation lattice of full-domain generalisation: every vector of levels
 * {@code (l_0, ..., l_{q-1})} with {@code 0 <= l_i < height_i}, ordered componentwise. A node
 * {@code G} generalises {@code N} when {@code G >= N} in every component.
 *
 * <p>Nodes are numbered in mixed radix with the first quasi-identifier most significant, so
 * numeric order is the lexicographic order of level vectors. Immutable and thread-safe.
 */
public final class Lattice {

    /** Largest lattice the search accepts; its per-node arrays must fit in memory. */
    public static final int MAX_NODES = 10_000_000;

    private final int[] heights;
    private final int[] strides;
    private final int size;
    /** Per quasi-identifier, the lowest level of the lattice (0 unless limited from below). */
    private final int[] offsets;

    /**
     * @param heights per quasi-identifier, the number of levels of its hierarchy (including level
     *     0 and the top), each {@code >= 1}
     */
    public Lattice(int[] heights) {
        this(new int[heights.length], heights);
    }

    /**
     * The part of a lattice between two level vectors: quasi-identifier {@code i} takes the levels {@code
     * lowest[i]} to {@code lowest[i] + heights[i] - 1}. Node numbers and {@link #height} count levels from the lowest;
     * {@link #level}, {@link #levels}, {@link #node(int[])} and {@link #levelSum} use the hierarchy's own levels.
     */
    public Lattice(int[] lowest, int[] heights) {
        if (lowest.length != heights.length) {
            throw new IllegalArgumentException("one lowest level per quasi-identifier is needed");
        }
        for (int l : lowest) {
            Checks.atLeast("lowest level", l, 0);
        }
        this.offsets = lowest.clone();
        if (heights.length == 0) {
            throw new IllegalArgumentException("a lattice needs at least one quasi-identifier");
        }
        this.heights = heights.clone();
        this.strides = new int[heights.length];
        long n = 1;
        for (int i = heights.length - 1; i >= 0; i--) {
            Checks.atLeast("hierarchy height", heights[i], 1);
            strides[i] = (int) n;
            n *= heights[i];
            if (n > MAX_NODES) {
                throw new IllegalArgumentException("the lattice must have at most " + MAX_NODES
                        + " nodes. Provided hierarchy heights: " + Arrays.toString(heights));
            }
        }
        this.size = (int) n;
    }

    /** Number of nodes. */
    public int size() {
        return size;
    }

    public int dimensions() {
        return heights.length;
    }

    public int height(int qi) {
        return heights[qi];
    }

    /** The node number of a level vector. */
    public int node(int[] levels) {
        if (levels.length != heights.length) {
            throw new IllegalArgumentException("a node must have one level per quasi-identifier (" + heights.length
                    + "). Provided length: " + levels.length);
        }
        int node = 0;
        for (int i = 0; i < levels.length; i++) {
            int digit = levels[i] - offsets[i];
            if (digit < 0 || digit >= heights[i]) {
                throw new IllegalArgumentException("level " + i + " must be in [" + offsets[i] + ", "
                        + (offsets[i] + heights[i] - 1) + "]. Provided value: " + levels[i]);
            }
            node += digit * strides[i];
        }
        return node;
    }

    /** The level of quasi-identifier {@code qi} at {@code node}. */
    public int level(int node, int qi) {
        return offsets[qi] + digit(node, qi);
    }

    private int digit(int node, int qi) {
        return (node / strides[qi]) % heights[qi];
    }

    /** The level vector of {@code node}. */
    public int[] levels(int node) {
        int[] levels = new int[heights.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = level(node, i);
        }
        return levels;
    }

    /** Sum of the levels of {@code node}. */
    public int levelSum(int node) {
        int sum = 0;
        for (int i = 0; i < heights.length; i++) {
            sum += level(node, i);
        }
        return sum;
    }

    /** The node with level {@code qi} one higher, or -1 at the top of that hierarchy. */
    public int up(int node, int qi) {
        return digit(node, qi) + 1 < heights[qi] ? node + strides[qi] : -1;
    }

    /** The node with level {@code qi} one lower, or -1 at level 0. */
    public int down(int node, int qi) {
        return digit(node, qi) > 0 ? node - strides[qi] : -1;
    }

    /** Whether {@code general >= specific} componentwise. */
    public boolean generalises(int general, int specific) {
        for (int i = 0; i < heights.length; i++) {
            if (level(general, i) < level(specific, i)) {
                return false;
            }
        }
        return true;
    }

    /** The least general node (every attribute at its lowest level). */
    public int bottom() {
        return 0;
    }

    /** The most general node (every attribute at its top level). */
    public int top() {
        return size - 1;
    }
}
