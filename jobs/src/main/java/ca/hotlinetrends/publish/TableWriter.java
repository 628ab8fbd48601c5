package ca.hotlinetrends.publish;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.release.PublishedCsv;
import ca.hotlinetrends.schema.FieldType;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.tables.CountTable;
import ca.hotlinetrends.warehouse.SparkParquet;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a published table to {@code published/<release>/tables/}: Parquet in {@code <table>/} (one file,
 * columns and types as in the table's schema) and {@code <table>.csv}, where every nullable number of a row
 * whose status is not {@code published} reads {@code x} (the Statistics Canada symbol), with a footnote.
 * A count table's suppressed values never reach either writer: rows are built from {@link CountTable.Cell#published()}.
 */
public final class TableWriter {

    private static final CSVFormat CSV = PublishedCsv.WRITE;
    public static final String FOOTNOTE = CellStatus.FOOTNOTE;

    private TableWriter() {}

    /** Rows of a count table in schema column order: period_type, period, dimensions, measure, status. */
    public static List<Object[]> rows(TableSchema schema, CountTable table) {
        List<Object[]> rows = new ArrayList<>();
        for (CountTable.Cell c : table.cells()) {
            Object[] row = new Object[schema.columns().size()];
            for (int i = 0; i < row.length; i++) {
                String name = schema.columns().get(i).name();
                int dim = table.dimensions().indexOf(name);
                if (name.equals("period_type")) {
                    row[i] = Period.parse(c.key().get(0)).type().code();
                } else if (dim >= 0) {
                    row[i] = c.key().get(dim);
                } else if (name.equals("status")) {
                    row[i] = c.status().publicStatus().code();
                } else if (name.equals(schema.measureColumn())) {
                    row[i] = c.published();
                } else {
                    throw new IllegalStateException("table " + schema.table() + ": no value for column " + name);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Writes rows (in schema column order, with a {@code status} column) as Parquet and CSV. */
    public static void write(SparkSession spark, TableSchema schema, List<Object[]> rows, Path tablesDir) {
        int status = columnIndex(schema, "status");
        StructType struct = new StructType();
        for (TableSchema.Column c : schema.columns()) {
            struct = struct.add(c.name(), sparkType(c.type()), c.nullable());
        }
        for (Object[] r : rows) {
            checkSuppressedRowsCarryNoNumbers(schema, r, status);
        }
        // One small file, written directly (as Spark lays it out): a Spark job per table cost more than its data.
        Path parquet = tablesDir.resolve(schema.table());
        try {
            org.apache.commons.io.FileUtils.deleteDirectory(parquet.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + parquet, e);
        }
        org.apache.parquet.hadoop.metadata.CompressionCodecName codec = SparkParquet.codec(spark);
        SparkParquet.write(parquet.resolve(SparkParquet.fileName("part-00000-c000", codec)), struct, rows, codec);
        Path csv = tablesDir.resolve(schema.table() + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(
                    schema.columns().stream().map(TableSchema.Column::name).toList());
            for (Object[] r : rows) {
                List<Object> values = new ArrayList<>(r.length);
                boolean suppressed = !CellStatus.PUBLISHED.code().equals(r[status]);
                for (int i = 0; i < r.length; i++) {
                    TableSchema.Column c = schema.columns().get(i);
                    boolean number =
                            c.type() == FieldType.LONG || c.type() == FieldType.DOUBLE || c.type() == FieldType.BOOLEAN;
                    values.add(suppressed && c.nullable() && number ? CellStatus.MARK : SpreadsheetSafe.cell(r[i]));
                }
                p.printRecord(values);
            }
            w.write(PublishedCsv.footnote(FOOTNOTE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }

    /** Fail closed: a suppressed row must carry no value in any nullable column. */
    private static void checkSuppressedRowsCarryNoNumbers(TableSchema schema, Object[] r, int status) {
        if (CellStatus.PUBLISHED.code().equals(r[status])) {
            return;
        }
        if (!CellStatus.SUPPRESSED.code().equals(r[status])) {
            throw new PrivacyCheckException("table " + schema.table() + ": a row's status is neither "
                    + CellStatus.PUBLISHED.code() + " nor " + CellStatus.SUPPRESSED.code());
        }
        for (int i = 0; i < r.length; i++) {
            if (schema.columns().get(i).nullable() && r[i] != null) {
                throw new PrivacyCheckException(
                        "table " + schema.table() + ": a suppressed row carries a value in column "
                                + schema.columns().get(i).name());
            }
        }
    }

    private static int columnIndex(TableSchema schema, String name) {
        for (int i = 0; i < schema.columns().size(); i++) {
            if (schema.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + schema.table() + " has no column " + name);
    }

    private static DataType sparkType(FieldType type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            default -> throw new IllegalArgumentException("published columns cannot be of type " + type);
        };
    }
}
