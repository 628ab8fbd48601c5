package ca.hotlinetrends.spark;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The one place that reaches below Spark's public Dataset API: the rows of a planned Dataset in Spark's internal
 * binary form ({@link InternalRow}), which the ingest's lanes, the one-pass counts and the extract's Parquet writer
 * read without converting every value to a Java object. Only a classic (in-process or cluster) session has them;
 * a Spark Connect session is refused with a message saying so. ArchitectureTest keeps every other package off
 * {@code org.apache.spark.sql.classic}.
 */
public final class InternalRows {

    private InternalRows() {}

    /** The rows of {@code rows}, planned and optimised as Spark would run them, as an RDD of internal rows. */
    public static RDD<InternalRow> of(Dataset<Row> rows) {
        if (!(rows instanceof org.apache.spark.sql.classic.Dataset<Row> classic)) {
            throw new IllegalStateException("hotline-trends needs a classic Spark session (local or a cluster "
                    + "master), not Spark Connect: its passes read Spark's internal rows. Provided: "
                    + rows.getClass().getName());
        }
        return classic.queryExecution().toRdd();
    }

    /**
     * A Dataset over rows a task computed in Spark's internal form ({@code rows}, each a complete row of {@code
     * schema}), so that Spark plans what follows (a shuffle, a sort) as it would over any Dataset.
     */
    public static Dataset<Row> dataFrame(
            org.apache.spark.sql.SparkSession spark,
            RDD<InternalRow> rows,
            org.apache.spark.sql.types.StructType schema) {
        if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
            throw new IllegalStateException("hotline-trends needs a classic Spark session (local or a cluster "
                    + "master), not Spark Connect. Provided: "
                    + spark.getClass().getName());
        }
        return classic.internalCreateDataFrame(rows, schema, false);
    }
}
