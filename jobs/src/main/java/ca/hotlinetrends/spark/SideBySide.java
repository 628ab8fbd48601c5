package ca.hotlinetrends.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent pieces of a stage run from driver threads, so that Spark jobs of one fill the cores while another is
 * planned, compiled or collected on the driver (which leaves the executors idle).
 */
public final class SideBySide {

    private static final int THREADS = 4;

    private SideBySide() {}

    /**
     * Runs tasks on up to 4 driver threads and returns their results in task order, whatever order they finish in.
     * The first failure in task order is rethrown as it was when unchecked (a runtime exception or an error), else
     * wrapped in a {@link CompletionException}; the other tasks are interrupted.
     */
    public static <T> List<T> run(String name, List<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, tasks.size())), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new CompletionException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running " + name, e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
