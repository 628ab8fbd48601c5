package ca.hotlinetrends.warehouse;

/**
 * The warehouse itself is damaged (a staged Parquet file truncated or corrupted, say): the message names the
 * folder and what to do, never a record's values.
 */
public final class WarehouseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
