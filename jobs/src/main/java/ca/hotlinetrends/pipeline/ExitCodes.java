package ca.hotlinetrends.pipeline;

/** The command line's exit codes (README, "Exit codes"); the pipeline records them in the run's manifest too. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int PRIVACY_REFUSED = 4;
    public static final int WAREHOUSE_BUSY = 5;

    private ExitCodes() {}
}
