package ca.hotlinetrends.anonymity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Builds a {@link FrequencyTable} from a delimited text file with a header row (RFC 4180 quoting),
 * keeping only the named quasi-identifier columns and, optionally, one sensitive column. Lines
 * may end in LF or CRLF; a UTF-8 byte-order mark is skipped. Values are taken as they are, without
 * trimming.
 *
 * <p>Stateless; each call reads one file. Error messages name columns and line numbers, never a
 * value.
 */
public final class FrequencyTableCsvReader {

    private FrequencyTableCsvReader() {}

    /**
     * Reads a UTF-8 file whose separator is {@code ;} or {@code ,}, whichever occurs more often in
     * the header line.
     *
     * @param sensitiveAttribute the sensitive column, or {@code null} for none
     */
    public static FrequencyTable read(Path file, List<String> quasiIdentifiers, String sensitiveAttribute) {
        char separator;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new AnonymityException("the file has no header line: " + file);
            }
            separator = count(header, ';') >= count(header, ',') ? ';' : ',';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return read(file, separator, quasiIdentifiers, sensitiveAttribute);
    }

    /** Reads a UTF-8 file with the given separator. */
    public static FrequencyTable read(
            Path file, char separator, List<String> quasiIdentifiers, String sensitiveAttribute) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, separator, quasiIdentifiers, sensitiveAttribute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads delimited text from {@code reader} (not closed). */
    public static FrequencyTable read(
            Reader reader, char separator, List<String> quasiIdentifiers, String sensitiveAttribute) {
        Objects.requireNonNull(quasiIdentifiers, "quasiIdentifiers");
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(separator)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .get();
        FrequencyTable.Builder builder = sensitiveAttribute == null
                ? FrequencyTable.builder(quasiIdentifiers)
                : FrequencyTable.builder(quasiIdentifiers, sensitiveAttribute);
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> header = stripBom(parser.getHeaderMap());
            int[] columns = new int[quasiIdentifiers.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = column(header, quasiIdentifiers.get(i));
            }
            int sensitiveColumn = sensitiveAttribute == null ? -1 : column(header, sensitiveAttribute);
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new AnonymityException("line " + parser.getCurrentLineNumber() + " has " + record.size()
                            + " fields, the header has " + header.size());
                }
                String[] values = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = record.get(columns[i]);
                }
                if (sensitiveColumn < 0) {
                    builder.add(values, 1);
                } else {
                    builder.add(values, record.get(sensitiveColumn), 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the delimited text", e);
        }
        return builder.build();
    }

    private static Map<String, Integer> stripBom(Map<String, Integer> header) {
        Map<String, Integer> clean = new LinkedHashMap<>();
        header.forEach((k, v) -> clean.put(k.startsWith("\uFEFF") ? k.substring(1) : k, v));
        return clean;
    }

    private static int column(Map<String, Integer> header, String name) {
        Integer index = header.get(name);
        if (index == null) {
            throw new AnonymityException("column '" + name + "' is not in the header; columns: " + header.keySet());
        }
        return index;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
