package ca.hotlinetrends.spark;

import java.util.List;
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
     * The column batches a plain Parquet scan reads for {@code rows} ({@code Dataset.select} of some columns, at most
     * filtered on partition columns), and where each of {@code rows}' columns is in them: what a pass that works on
     * Spark's column vectors reads instead of rows, so that a dictionary-encoded string is never copied out of its
     * dictionary. Empty when Spark plans {@code rows} as anything else (a computed column, a filter on a data column,
     * an aggregate, a reader that is not vectorised, such as a nested column with the nested vectorised reader off):
     * then the caller reads {@link #of rows}.
     */
    public static java.util.Optional<Batches> batches(Dataset<Row> rows) {
        if (!(rows instanceof org.apache.spark.sql.classic.Dataset<Row> classic)) {
            return java.util.Optional.empty();
        }
        org.apache.spark.sql.execution.SparkPlan plan = classic.queryExecution().executedPlan();
        List<org.apache.spark.sql.catalyst.expressions.Attribute> wanted = asJava(plan.output());
        if (plan instanceof org.apache.spark.sql.execution.WholeStageCodegenExec w) {
            plan = w.child();
        }
        if (plan instanceof org.apache.spark.sql.execution.ProjectExec p) {
            // only a reordering of the scan's columns: a computed column is not in the scan's output
            plan = p.child();
        }
        if (plan instanceof org.apache.spark.sql.execution.InputAdapter a) {
            plan = a.child();
        }
        if (!(plan instanceof org.apache.spark.sql.execution.ColumnarToRowExec c)) {
            return java.util.Optional.empty();
        }
        plan = c.child();
        if (plan instanceof org.apache.spark.sql.execution.InputAdapter a) {
            plan = a.child();
        }
        if (!(plan instanceof org.apache.spark.sql.execution.FileSourceScanExec scan) || !scan.supportsColumnar()) {
            return java.util.Optional.empty();
        }
        List<org.apache.spark.sql.catalyst.expressions.Attribute> read = asJava(scan.output());
        int[] ordinals = new int[wanted.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = -1;
            for (int j = 0; j < read.size(); j++) {
                if (read.get(j).exprId().equals(wanted.get(i).exprId())
                        && read.get(j).dataType().equals(wanted.get(i).dataType())) {
                    ordinals[i] = j;
                }
            }
            if (ordinals[i] < 0) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(new Batches(scan.executeColumnar(), ordinals));
    }

    /** A scan's column batches and, per column of the rows asked for, its position in them. */
    public record Batches(RDD<org.apache.spark.sql.vectorized.ColumnarBatch> rdd, int[] ordinals) {}

    private static <T> List<T> asJava(scala.collection.Seq<T> seq) {
        return scala.jdk.javaapi.CollectionConverters.asJava(seq);
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
