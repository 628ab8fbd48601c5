package ca.hotlinetrends.disclosure;

/**
 * Thrown when valid inputs conflict with each other: the true values violate a relation, a cell
 * id is defined twice, a relation names an unknown cell or a cell's status contradicts the ledger.
 * Messages name cells and relations, never their values.
 */
public final class InconsistentCellSystemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InconsistentCellSystemException(String message) {
        super(message);
    }
}
