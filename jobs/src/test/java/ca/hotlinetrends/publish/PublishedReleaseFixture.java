package ca.hotlinetrends.publish;

import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tiny warehouse: releases 2026Q2 and 2026Q3 with table {@code cases_by_province} (written by
 * {@link TableWriter} against the real schema) and microdata dataset {@code victims}, plus restricted staged data
 * that researchers must never reach.
 */
public final class PublishedReleaseFixture {

    public static final String RELEASE = "2026Q3";
    public static final long CASES_ROWS_Q3 = 4;
    public static final long VICTIMS_ROWS = 30;

    private PublishedReleaseFixture() {}

    public static Warehouse write(SparkSession spark, Path root) {
        Warehouse wh = new Warehouse(root);
        var schema = SchemaRegistry.load().table("cases_by_province");
        List<Object[]> q3 = List.of(
                new Object[] {"quarter", "2026Q3", "ON", 40L, "published"},
                new Object[] {"quarter", "2026Q3", "PE", null, "suppressed"},
                new Object[] {"quarter", "2026Q3", "QC", null, "suppressed"},
                new Object[] {"quarter", "2026Q3", "CA", 71L, "published"});
        TableWriter.write(spark, schema, q3, wh.published().resolve("2026Q3/tables"));
        TableWriter.write(
                spark,
                schema,
                List.<Object[]>of(new Object[] {"quarter", "2026Q2", "ON", 33L, "published"}),
                wh.published().resolve("2026Q2/tables"));
        StructType victims = new StructType()
                .add("record_id", DataTypes.StringType, false)
                .add("reference_quarter", DataTypes.StringType, false)
                .add("province_code", DataTypes.StringType, true)
                .add("gender", DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < VICTIMS_ROWS; i++) {
            rows.add(RowFactory.create(
                    String.format("R%016x", i), "2026Q3", i % 3 == 0 ? "QC" : "ON", i % 2 == 0 ? "F" : "*"));
        }
        spark.createDataFrame(rows, victims)
                .coalesce(1)
                .write()
                .mode("overwrite")
                .parquet(wh.published().resolve("2026Q3/microdata/victims").toString());
        spark.createDataFrame(rows.subList(0, 3), victims)
                .coalesce(1)
                .write()
                .mode("overwrite")
                .parquet(
                        wh.staged("victims").resolve("reference_quarter=2026Q3").toString());
        return wh;
    }
}
