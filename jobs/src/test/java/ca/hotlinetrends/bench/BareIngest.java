package ca.hotlinetrends.bench;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The floor for the ingest benchmark: a bare Spark job that reads the same CSV with the schema (every
 * field a string, as the export has them) and writes Parquet, with no validation, normalisation or
 * quarantine. Prints the seconds it took. Usage: {@code BareIngest <csv> <dataset> <out-dir>}.
 */
public final class BareIngest {

    private BareIngest() {}

    public static void main(String[] args) {
        SchemaRegistry schemas = SchemaRegistry.load();
        StructType schema = new StructType();
        for (FieldSpec f : schemas.dataset(args[1]).acceptedFields()) {
            schema = schema.add(f.exportHeader(), DataTypes.StringType, true);
        }
        SparkSession spark = SparkSessions.create(HotlineConfig.defaults().spark(), "bare ingest");
        long t0 = System.nanoTime();
        spark.read()
                .schema(schema)
                .option("header", "true")
                .option("escape", "\"")
                .csv(args[0])
                .write()
                .mode("overwrite")
                .parquet(args[2]);
        System.out.printf("bare_ingest_seconds %.2f%n", (System.nanoTime() - t0) / 1e9);
        spark.stop();
    }
}
