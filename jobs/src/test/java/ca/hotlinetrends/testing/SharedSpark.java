package ca.hotlinetrends.testing;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM ({@code local[2]}, UI off, 2 shuffle partitions, bound to 127.0.0.1,
 * UTC), built through the same factory the jobs use. Stopped by a shutdown hook; rebuilt if a command under test
 * stopped it (commands own their session and stop it when done).
 */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSessions.create(new HotlineConfig.Spark("local[2]", "127.0.0.1", 2), "hotline-trends tests");
            SparkSession s = session;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return session;
    }
}
