package ca.hotlinetrends.warehouse;

import java.io.IOException;

/**
 * Named points in a run where the fault-injection tests stop or break the process. Inert unless a system
 * property names the point:
 * <ul>
 *   <li>{@code -Dhotline.fault.pause=<point>}: on reaching the point, print {@code [fault] paused at <point>} and
 *       wait for ever, so that a test can kill the process (SIGKILL) exactly there; {@code <point>#<n>} pauses the
 *       {@code n}-th time the point is reached (a point inside a loop, such as one quarter's swap among many);</li>
 *   <li>{@code -Dhotline.fault.fail=<point>}: on reaching the point, throw the {@link IOException} a full disk gives
 *       ({@code No space left on device}).</li>
 * </ul>
 * Points: {@code ingest-pass} (the export not yet read, nothing written), {@code ingest-staged} (validated records
 * written to the run's work folder, no staged quarter swapped yet), {@code ingest-swap} (reached once per staged
 * quarter: the live quarter moved aside, the new one not yet in place), {@code ingest-swapped} (every quarter
 * swapped, the run's manifest not yet written), {@code tables-write}
 * (count tables written, derived tables not yet), {@code microdata-write} (extract written, not yet checked),
 * {@code publish-rename} (the previous release moved aside, the new one not yet in place), {@code ledger-commit}
 * (the release in place, its ledger entry not yet recorded).
 */
public final class FaultPoints {

    public static final String PAUSE = "hotline.fault.pause";
    public static final String FAIL = "hotline.fault.fail";

    private FaultPoints() {}

    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger>
            REACHED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Passes unless a fault is set for this point (or for this occurrence of it). */
    public static void reach(String point) throws IOException {
        String fail = System.getProperty(FAIL);
        String pause = System.getProperty(PAUSE);
        if (fail == null && pause == null) {
            return;
        }
        int occurrence = REACHED.computeIfAbsent(point, p -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        if (matches(fail, point, occurrence)) {
            throw new IOException("No space left on device (simulated at " + point + ")");
        }
        if (matches(pause, point, occurrence)) {
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

    private static boolean matches(String setting, String point, int occurrence) {
        if (setting == null) {
            return false;
        }
        int hash = setting.indexOf('#');
        if (hash < 0) {
            return setting.equals(point);
        }
        return setting.substring(0, hash).equals(point)
                && setting.substring(hash + 1).equals(String.valueOf(occurrence));
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
