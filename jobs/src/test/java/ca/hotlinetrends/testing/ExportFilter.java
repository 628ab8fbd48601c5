package ca.hotlinetrends.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Copies a generated CSV export keeping the records a rule keeps, by the text of their date column (ISO dates):
 * an export as it stood on some day, or one with some records held back to arrive late. The rule sees the records
 * in file order, so it may count them.
 */
public final class ExportFilter {

    private static final CSVFormat READ =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private ExportFilter() {}

    /** Copies {@code from} to {@code to} with the records whose date {@code keep} accepts; returns how many it dropped. */
    public static int copy(Path from, Path to, String dateColumn, Predicate<String> keep) throws IOException {
        int dropped = 0;
        try (Reader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(in).setFormat(READ).get();
                Writer out = Files.newBufferedWriter(to, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(
                        out,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(parser.getHeaderNames().toArray(String[]::new))
                                .get())) {
            for (CSVRecord rec : parser) {
                if (keep.test(rec.get(dateColumn))) {
                    printer.printRecord(rec.values());
                } else {
                    dropped++;
                }
            }
        }
        return dropped;
    }
}
