package ca.hotlinetrends.disclosure;

import java.util.List;

/**
 * Thrown by {@link SuppressionResult#requirePublishable()} when sensitive cells cannot be protected,
 * typically because every complement that could protect them was published in an earlier release.
 * The release must not be published. The message names the cells, never their values.
 */
public final class UnprotectedCellsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> cellIds;

    public UnprotectedCellsException(List<String> cellIds) {
        super("refusing to publish: " + cellIds.size() + " sensitive cell(s) cannot be protected by suppression "
                + "(their values could be derived from this and earlier releases): " + cellIds);
        this.cellIds = List.copyOf(cellIds);
    }

    /** The unprotected cells, ascending. */
    public List<String> cellIds() {
        return cellIds;
    }
}
