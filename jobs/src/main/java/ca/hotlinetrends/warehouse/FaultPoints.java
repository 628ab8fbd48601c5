package ca.hotlinetrends.warehouse;

import java.io.IOException;

/**
 * Named points in a run where the fault-injection tests stop or break the process. Inert unless a system
 * property names the point:
 * <ul>
 *   <li>{@code -Dhotline.fault.pause=<point>}: on reaching the point, print {@code [fault] paused at <point>} and
 *       wait for ever, so that a test can kill the process (SIGKILL) exactly there;</li>
 *   <li>{@code -Dhotline.fault.fail=<point>}: on reaching the point, throw the {@link IOException} a full disk gives
 *       ({@code No space left on device}).</li>
 * </ul>
 * Points: {@code ingest-swap} (validated records written, staged quarters not yet swapped), {@code tables-write}
 * (count tables written, derived tables not yet), {@code microdata-write} (extract written, not yet checked),
 * {@code publish-rename} (the previous release moved aside, the new one not yet in place), {@code ledger-commit}
 * (the release in place, its ledger entry not yet recorded).
 */
public final class FaultPoints {

    public static final String PAUSE = "hotline.fault.pause";
    public static final String FAIL = "hotline.fault.fail";

    private FaultPoints() {
    }

    /** Passes unless a fault is set for this point. */
    public static void reach(String point) throws IOException {
        if (point.equals(System.getProperty(FAIL))) {
            throw new IOException("No space left on device (simulated at " + point + ")");
        }
        if (point.equals(System.getProperty(PAUSE))) {
            System.out.println("[fault] paused at " + point);
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while paused at " + point, e);
                }
            }
        }
    }

    /** {@link #reach} for code that reports I/O failures unchecked. */
    public static void reachUnchecked(String point, String what) {
        try {
            reach(point);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + what, e);
        }
    }
}
