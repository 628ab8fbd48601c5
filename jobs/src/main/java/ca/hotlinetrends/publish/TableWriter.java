package ca.hotlinetrends.publish;

import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.trends.CountTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a protected table to {@code published/<release>/tables/}: Parquet in {@code <table>/} (one file,
 * columns as in the table's schema, the measure null for every suppressed cell) and {@code <table>.csv}
 * where suppressed cells read {@code x} with a footnote. The true value of a suppressed cell is never
 * passed to either writer.
 */
public final class TableWriter {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private TableWriter() {
    }

    public static void write(SparkSession spark, CountTable table, TableSchema schema, Path tablesDir) {
        StructType struct = new StructType();
        for (TableSchema.Column c : schema.columns()) {
            struct = struct.add(c.name(), sparkType(c), c.nullable() || c.name().equals(schema.measureColumn()));
        }
        List<Row> rows = new ArrayList<>();
        for (CountTable.Cell c : table.cells()) {
            rows.add(RowFactory.create(values(schema, table, c, false).toArray()));
        }
        Path parquet = tablesDir.resolve(table.table());
        spark.createDataFrame(rows, struct).coalesce(1).write().mode("overwrite").parquet(parquet.toString());
        Path csv = tablesDir.resolve(table.table() + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(schema.columns().stream().map(TableSchema.Column::name).toList());
            for (CountTable.Cell c : table.cells()) {
                p.printRecord(values(schema, table, c, true));
            }
            p.printComment(null);
            w.write("# x: suppressed to protect confidentiality (counts from 1 to the minimum cell count minus 1, "
                    + "and cells that would reveal them)\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }

    private static List<Object> values(TableSchema schema, CountTable table, CountTable.Cell c, boolean csv) {
        List<Object> v = new ArrayList<>();
        for (TableSchema.Column col : schema.columns()) {
            int dim = table.dimensions().indexOf(col.name());
            if (dim >= 0) {
                v.add(c.key().get(dim));
            } else if (col.name().equals("status")) {
                v.add(c.status().code());
            } else if (col.name().equals(schema.measureColumn())) {
                Long published = c.published();
                v.add(csv && published == null ? "x" : published);
            } else {
                throw new IllegalStateException("table " + schema.table() + ": no value for column " + col.name());
            }
        }
        return v;
    }

    private static DataType sparkType(TableSchema.Column c) {
        return switch (c.type()) {
            case STRING -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            default -> throw new IllegalArgumentException("published column " + c.name() + " has unsupported type " + c.type());
        };
    }
}
