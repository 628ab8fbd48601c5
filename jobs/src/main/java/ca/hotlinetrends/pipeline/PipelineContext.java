package ca.hotlinetrends.pipeline;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.warehouse.Warehouse;
import ca.hotlinetrends.warehouse.WarehouseLock;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;

/**
 * What every stage works with, settled once per command: the schemas (loaded once), the configuration, the
 * warehouse, and how to start a Spark session (tests hand in their own).
 *
 * @param sessions makes a session for a configuration and a command name
 */
public record PipelineContext(
        SchemaRegistry schemas,
        HotlineConfig config,
        Warehouse warehouse,
        BiFunction<HotlineConfig, String, SparkSession> sessions) {

    public PipelineContext {
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(sessions, "sessions");
    }

    /** The same context with another configuration (e.g. a command line's {@code --notes}). */
    public PipelineContext withConfig(HotlineConfig other) {
        return new PipelineContext(schemas, other, warehouse, sessions);
    }

    /** A Spark session for {@code command}, sized by this context's configuration. */
    public SparkSession spark(String command) {
        return sessions.apply(config, command);
    }

    /** The warehouse's exclusive lock: one writer per warehouse. */
    public WarehouseLock lock() {
        return WarehouseLock.acquire(warehouse);
    }
}
