package ca.hotlinetrends.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Progress of long Spark stages: which stage (Spark's name for it, the operation and source line), tasks done, records read so far,
 * the rate and an estimate of the time left. On an interactive terminal one status line is redrawn in place;
 * otherwise (a scheduled run, a log file) a plain line is printed at most every {@code interval} while a stage
 * runs. Stages shorter than the interval print nothing. Counts only: never a record's values.
 */
public final class Progress implements AutoCloseable {

    private final SparkSession spark;
    private final PrintStream out;
    private final boolean interactive;
    private final long intervalMillis;
    private final Map<Integer, AtomicLong> recordsByStage = new ConcurrentHashMap<>();
    private final Map<Integer, Long> startedAt = new ConcurrentHashMap<>();
    private final SparkListener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean lineOpen;

    private Progress(SparkSession spark, PrintStream out, boolean interactive, long intervalMillis) {
        this.spark = spark;
        this.out = out;
        this.interactive = interactive;
        this.intervalMillis = intervalMillis;
        this.listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    recordsByStage
                            .computeIfAbsent(end.stageId(), k -> new AtomicLong())
                            .addAndGet(end.taskMetrics().inputMetrics().recordsRead());
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        this.thread = new Thread(this::loop, "hotline-trends-progress");
        thread.setDaemon(true);
    }

    /** Starts reporting on standard error: redrawn in place on a terminal, a line every 10 s otherwise. */
    public static Progress start(SparkSession spark) {
        boolean tty = System.console() != null;
        return start(spark, System.err, tty, tty ? 1_000 : 10_000);
    }

    /** Starts reporting to {@code out}. */
    public static Progress start(SparkSession spark, PrintStream out, boolean interactive, long intervalMillis) {
        Progress p = new Progress(spark, out, interactive, intervalMillis);
        p.thread.start();
        return p;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (spark.sparkContext().isStopped()) {
                return;
            }
            if (running) {
                report();
            }
        }
    }

    /** One report of the stages running now (public for tests). */
    public synchronized void report() {
        if (spark.sparkContext().isStopped()) {
            return;
        }
        int[] active = spark.sparkContext().statusTracker().getActiveStageIds();
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder();
        for (int id : active) {
            SparkStageInfo info =
                    spark.sparkContext().statusTracker().getStageInfo(id).getOrElse(() -> null);
            if (info == null) {
                continue;
            }
            long started = startedAt.computeIfAbsent(id, k -> now);
            double seconds = (now - started) / 1e9;
            if (seconds * 1000 < intervalMillis * 0.9 && !interactive) {
                continue;
            }
            int done = info.numCompletedTasks();
            int total = info.numTasks();
            long records = recordsByStage.getOrDefault(id, new AtomicLong()).get();
            String what = info.name();
            line.append(line.length() == 0 ? "" : "; ")
                    .append(String.format(
                            Locale.ROOT,
                            "[progress] %s stage %d: %d/%d tasks, %,d records read, %,.0f records/s%s",
                            what == null ? "spark" : what,
                            id,
                            done,
                            total,
                            records,
                            seconds > 0 ? records / seconds : 0.0,
                            timeLeft(done, total, seconds)));
        }
        if (line.length() == 0) {
            if (interactive && lineOpen) {
                out.print("\r\033[K");
                out.flush();
                lineOpen = false;
            }
            return;
        }
        if (interactive) {
            out.print("\r\033[K" + line);
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String timeLeft(int done, int total, double seconds) {
        if (done == 0 || done >= total) {
            return "";
        }
        return String.format(Locale.ROOT, ", about %.0f s left", seconds / done * (total - done));
    }

    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        if (interactive && lineOpen) {
            out.print("\r\033[K");
            out.flush();
        }
        if (!spark.sparkContext().isStopped()) {
            spark.sparkContext().removeSparkListener(listener);
        }
    }
}
