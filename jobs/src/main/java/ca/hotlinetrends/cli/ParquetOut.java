package ca.hotlinetrends.cli;

import ca.hotlinetrends.publish.SqlSandbox;
import ca.hotlinetrends.warehouse.SparkParquet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a query result as one Parquet file laid out as Spark writes it ({@link SparkParquet}), readable by Spark,
 * DuckDB and pandas. Strings, whole numbers, decimals, booleans, dates and lists of strings are written; another
 * type is refused with the column's name.
 */
final class ParquetOut {

    private ParquetOut() {}

    static void write(SqlSandbox.Result result, Path file) {
        StructType schema = new StructType();
        for (int i = 0; i < result.columns().size(); i++) {
            schema = schema.add(
                    result.columns().get(i),
                    type(result.columns().get(i), result.types().get(i)),
                    true);
        }
        List<Object[]> rows = new ArrayList<>(result.rows().size());
        for (Object[] row : result.rows()) {
            Object[] out = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                out[i] = value(schema.fields()[i].dataType(), row[i]);
            }
            rows.add(out);
        }
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot replace " + file, e);
        }
        SparkParquet.write(file, schema, rows, CompressionCodecName.ZSTD);
    }

    private static DataType type(String column, String duckType) {
        String t = duckType.toUpperCase(java.util.Locale.ROOT);
        if (t.equals("VARCHAR")) {
            return DataTypes.StringType;
        }
        if (t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT))|HUGEINT")) {
            return DataTypes.LongType;
        }
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.startsWith("DECIMAL")) {
            return DataTypes.DoubleType;
        }
        if (t.equals("BOOLEAN")) {
            return DataTypes.BooleanType;
        }
        if (t.equals("DATE")) {
            return DataTypes.DateType;
        }
        if (t.equals("VARCHAR[]")) {
            return DataTypes.createArrayType(DataTypes.StringType, true);
        }
        throw new IllegalArgumentException("--out .parquet cannot write column " + column + " of type " + duckType
                + "; cast it (e.g. CAST(" + column + " AS VARCHAR)) or write .csv");
    }

    private static Object value(DataType type, Object v) {
        if (v == null) {
            return null;
        }
        if (type.equals(DataTypes.LongType)) {
            return ((Number) v).longValue();
        }
        if (type.equals(DataTypes.DoubleType)) {
            return ((Number) v).doubleValue();
        }
        if (type.equals(DataTypes.DateType)) {
            java.time.LocalDate d =
                    v instanceof java.sql.Date sd ? sd.toLocalDate() : java.time.LocalDate.parse(v.toString());
            return (int) d.toEpochDay();
        }
        if (type.equals(DataTypes.StringType)) {
            return v.toString();
        }
        if (type.equals(DataTypes.BooleanType)) {
            return v;
        }
        List<?> items = (List<?>) v;
        Binary[] out = new Binary[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    items.get(i) == null ? null : Binary.fromString(items.get(i).toString());
        }
        return out;
    }
}
