package ca.hotlinetrends.microdata;

import ca.hotlinetrends.anonymity.AnonymityResult;
import ca.hotlinetrends.anonymity.Anonymizer;
import ca.hotlinetrends.anonymity.FrequencyTable;
import ca.hotlinetrends.anonymity.Recoding;
import ca.hotlinetrends.warehouse.SparkParquet;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code anonymize --config FILE --out DIR} for a small CSV file, without Spark: the file is read once into memory
 * with the parser and settings Spark's CSV source uses (univocity, quote {@code "}, escape {@code \}, an empty field
 * read as null), the frequency table is counted from it, the engine searches the lattice as in {@link AnonymizeJob},
 * and the records are generalised, checked independently (class sizes and diversity counted from the rows as
 * written) and written as one Parquet file in the layout Spark writes ({@link SparkParquet}): the same columns, types
 * and rows in the same order as the Spark job writes. A small file's work is milliseconds; a Spark session costs
 * seconds to start.
 *
 * <p>Taken only when {@link #read} can show the file is read as Spark reads it: a header of distinct, non-empty
 * names and every record with exactly one field per column. Otherwise (or for Parquet input, or above
 * {@link #MAX_BYTES}) the Spark job runs.
 */
public final class LocalAnonymizeJob {

    /** Inputs up to this size are anonymised without Spark. */
    public static final long MAX_BYTES = 64L << 20;

    private LocalAnonymizeJob() {}

    /** A CSV file read whole: its header and its records (null for an empty field). */
    record Csv(List<String> header, List<String[]> records) {}

    /**
     * The input read as Spark would read it, or empty when the local path does not apply (not a CSV file, too
     * large, or a header or record shape whose reading by Spark this reader does not reproduce).
     */
    static Optional<Csv> read(AnonymizeSpec spec) {
        Path input = Path.of(spec.input());
        String lower = spec.input().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")
                || !Files.isRegularFile(input)
                || lower.matches(".*\\.(gz|bz2|deflate|lz4|snappy|zst|zstd|xz|zip)$")) {
            return Optional.empty(); // Spark reads these (and decompresses by extension)
        }
        try {
            if (Files.size(input) > MAX_BYTES) {
                return Optional.empty();
            }
            // As Spark's CSV source outside multi-line mode: the file split into lines (\n, \r\n or \r), blank
            // lines dropped, each line parsed on its own; the first line is the header.
            CsvParser parser = new CsvParser(settings(spec.separator()));
            try (java.io.BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                String line = in.readLine();
                while (line != null && line.trim().isEmpty()) {
                    line = in.readLine();
                }
                if (line == null || line.startsWith("\uFEFF")) {
                    return Optional.empty();
                }
                String headerLine = line;
                String[] header = parser.parseLine(headerLine);
                if (header == null || header.length == 0) {
                    return Optional.empty();
                }
                Set<String> names = new HashSet<>();
                for (String name : header) {
                    if (name == null || name.isEmpty() || !names.add(name.toLowerCase(Locale.ROOT))) {
                        return Optional.empty(); // Spark renames such columns
                    }
                }
                List<String> wanted = new ArrayList<>(spec.quasiIdentifiers());
                if (spec.sensitiveAttribute() != null) {
                    wanted.add(spec.sensitiveAttribute());
                }
                if (!Arrays.asList(header).containsAll(wanted)) {
                    return Optional.empty(); // Spark resolves names without regard to case, or says which is missing
                }
                List<String[]> records = new ArrayList<>();
                while ((line = in.readLine()) != null) {
                    if (line.trim().isEmpty()) {
                        continue;
                    }
                    if (line.equals(headerLine)) {
                        return Optional.empty(); // a repeated header: left to Spark's reading of it
                    }
                    String[] row = parser.parseLine(line);
                    if (row == null || row.length != header.length) {
                        return Optional.empty(); // Spark pads or truncates such records
                    }
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] != null && row[i].isEmpty()) {
                            row[i] = null;
                        }
                    }
                    records.add(row);
                }
                return Optional.of(new Csv(List.of(header), records));
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty(); // not UTF-8: Spark's reader replaces what it cannot decode
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        } catch (com.univocity.parsers.common.TextParsingException e) {
            return Optional.empty(); // Spark's reader decides, and says what is wrong
        }
    }

    /** Spark's CSV reading settings (its {@code CSVOptions} defaults) with this separator. */
    private static CsvParserSettings settings(String separator) {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(separator);
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('\\');
        s.setCommentProcessingEnabled(false);
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setReadInputOnSeparateThread(false);
        s.setMaxColumns(20480);
        s.setMaxCharsPerColumn(-1);
        s.setNullValue("");
        s.setEmptyValue("");
        s.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        return s;
    }

    /** Runs the job on a file {@link #read} accepted. */
    static AnonymizeJob.Result run(AnonymizeSpec spec, Csv csv, Path out) {
        List<String> qis = spec.quasiIdentifiers();
        int[] at = columns(csv.header(), qis);
        String sensitive = spec.sensitiveAttribute();
        int s = sensitive == null ? -1 : columns(csv.header(), List.of(sensitive))[0];
        long t0 = System.nanoTime();
        Map<List<String>, Long> counts = new HashMap<>();
        for (String[] r : csv.records()) {
            List<String> key = new ArrayList<>(qis.size() + 1);
            for (int i : at) {
                key.add(r[i]);
            }
            if (s >= 0) {
                key.add(r[s]);
            }
            counts.merge(key, 1L, Long::sum);
        }
        List<String> counted = new ArrayList<>(qis);
        if (sensitive != null) {
            counted.add(sensitive);
        }
        FrequencyTable table = Generalisation.frequencyTable(counts, counted, qis, sensitive);
        long t1 = System.nanoTime();
        AnonymityResult result = Anonymizer.anonymize(AnonymizeJob.config(spec).build(), table);
        long t2 = System.nanoTime();
        Recoding recoding = result.recoding();
        List<Object[]> written = new ArrayList<>(csv.records().size());
        Map<List<String>, Long> classSizes = new HashMap<>();
        Map<List<String>, Map<String, Long>> diversity = new HashMap<>();
        String[] values = new String[qis.size()];
        for (String[] r : csv.records()) {
            boolean inHierarchy = true;
            for (int i = 0; i < at.length; i++) {
                values[i] = r[at[i]];
                inHierarchy &= values[i] != null && recoding.valueMapping(i).containsKey(values[i]);
            }
            // As the Spark job's joins: a value outside the hierarchy (or null) matches no published class.
            String[] published = inHierarchy ? recoding.apply(values) : null;
            if (published == null) {
                continue;
            }
            Object[] row = Arrays.copyOf(r, r.length, Object[].class);
            for (int i = 0; i < at.length; i++) {
                row[at[i]] = published[i];
            }
            written.add(row);
            List<String> cls = List.of(published);
            classSizes.merge(cls, 1L, Long::sum);
            if (s >= 0) {
                diversity.computeIfAbsent(cls, c -> new HashMap<>()).merge(String.valueOf(row[s]), 1L, Long::sum);
            }
        }
        // The check counts the classes of the rows as they are written, not the engine's frequency table.
        AnonymizationCheck.verify(classSizes, spec.k());
        if (spec.l() != null) {
            AnonymizationCheck.verifyDiversity(diversity, spec.l(), spec.lVariant(), sensitive);
        }
        StructType schema = new StructType();
        for (String column : csv.header()) {
            schema = schema.add(column, DataTypes.StringType, true);
        }
        write(out, schema, written);
        long t3 = System.nanoTime();
        return new AnonymizeJob.Result(
                result, written.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, table.size(), out);
    }

    private static int[] columns(List<String> header, List<String> wanted) {
        int[] at = new int[wanted.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = header.indexOf(wanted.get(i));
            if (at[i] < 0) {
                throw new IllegalArgumentException("anonymize input has no column '" + wanted.get(i) + "' (columns: "
                        + String.join(", ", header) + ")");
            }
        }
        return at;
    }

    /** As Spark's overwrite: the folder replaced by one with the data file and {@code _SUCCESS}. */
    private static void write(Path out, StructType schema, List<Object[]> rows) {
        try {
            if (Files.exists(out)) {
                org.apache.commons.io.file.PathUtils.deleteDirectory(out);
            }
            Files.createDirectories(out);
            CompressionCodecName codec = CompressionCodecName.ZSTD;
            SparkParquet.write(out.resolve(SparkParquet.fileName("part-00000-c000", codec)), schema, rows, codec);
            Files.createFile(out.resolve("_SUCCESS"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
