package ca.hotlinetrends.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.spark.SparkSessions;
import ca.hotlinetrends.trends.TableCounts;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark of the trends stage on a warehouse with staged data: the floor is one Spark job per table that computes
 * the same quarterly counts from the staged Parquet with no protection; against it, the whole stage (counts,
 * table building, complementary suppression, attacker audit, derived tables, writes). Best of three.
 * Usage: {@code TrendsBench <warehouse> <release>}.
 */
public final class TrendsBench {

    private TrendsBench() {}

    public static void main(String[] args) {
        SchemaRegistry schemas = SchemaRegistry.load();
        HotlineConfig config = HotlineConfig.defaults();
        SparkSession spark = SparkSessions.create(config.spark(), "trends bench");
        Warehouse warehouse = new Warehouse(Path.of(args[0]));
        Quarter release = Quarter.parse(args[1]);
        double bare = Double.MAX_VALUE;
        double full = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            Dataset<Row> contacts = spark.read()
                    .parquet(warehouse.staged("contacts").toString())
                    .where(col("reference_quarter").leq(lit(release.toString())));
            Dataset<Row> victims = spark.read()
                    .parquet(warehouse.staged("victims").toString())
                    .where(col("reference_quarter").leq(lit(release.toString())));
            List<TableSchema> tables =
                    schemas.tables().stream().filter(TableSchema::isCountTable).toList();
            Dataset<Row> cases = TableCounts.cases(victims, TableCounts.caseAttributes(tables));
            for (TableSchema t : tables) {
                Dataset<Row> source = t.counts().equals("distinct case_ref")
                        ? cases
                        : t.sourceDataset().equals("contacts") ? contacts : victims;
                TableCounts.quarterly(t, source).collectAsList();
            }
            bare = Math.min(bare, (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            ca.hotlinetrends.testing.StagedTrends.publish(
                    new TrendsJob(spark, schemas, config, warehouse), warehouse, release, "bench");
            full = Math.min(full, (System.nanoTime() - t1) / 1e9);
        }
        System.out.printf("bare_counts_seconds %.2f trends_stage_seconds %.2f ratio %.2f%n", bare, full, full / bare);
        spark.stop();
    }
}
