package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPieceTest {

    /** Every record of a file, parsing its pieces in order: values joined with |, then @line, then !raw when malformed. */
    private static List<String> records(Path file, long pieceBytes, int[] fieldOfColumn) {
        ExportReader.CsvShape shape = ExportReader.scanCsv(file, pieceBytes);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        for (int p = 0; p < shape.starts().length; p++) {
            long end = p + 1 < shape.starts().length ? shape.starts()[p + 1] : size;
            CsvPiece piece = new CsvPiece(0, file.toString(), shape.starts()[p], end, shape.startLines()[p],
                    fieldOfColumn, 64);
            List<Runnable> closers = new ArrayList<>();
            Iterator<CsvPiece.Raw> it = piece.records(fieldOfColumn.length, closers::add);
            while (it.hasNext()) {
                CsvPiece.Raw r = it.next();
                out.add(String.join("|", Arrays.stream(r.values()).map(String::valueOf).toList()) + "@" + r.line()
                        + (r.corrupt() == null ? "" : "!" + r.corrupt().strip()));
            }
            closers.forEach(Runnable::run);
        }
        return out;
    }

    @Test
    void aFileCutIntoPieces_givesTheSameRecordsAndLinesAsOnePiece(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c\r\n");
        List<String> expected = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < 2_000; i++) {
            line++;
            if (i % 97 == 0) {
                csv.append("\r\n"); // a blank line: no record, but a line
                line++;
            }
            if (i % 211 == 0) {
                csv.append("x").append(i).append(",only two\r\n"); // malformed: two fields
                expected.add("only two|x" + i + "|null@" + line + "!x" + i + ",only two");
                continue;
            }
            csv.append("r").append(i).append(",\"q,").append(i).append("\",\r\n"); // quoted comma; empty last field
            expected.add("q," + i + "|r" + i + "|null@" + line);
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        int[] fields = {1, 0, 2}; // columns a, b, c hold fields 1, 0, 2

        ExportReader.CsvShape shape = ExportReader.scanCsv(file, 1_000);
        assertThat(shape.quotedLineBreaks()).isFalse();
        assertThat(shape.starts().length).as("pieces").isGreaterThan(20);
        assertThat(shape.starts()[0]).as("the first piece starts after the header").isEqualTo("a,b,c\r\n".length());
        assertThat(records(file, 1_000, fields)).isEqualTo(records(file, 1L << 30, fields)).isEqualTo(expected);
    }

    @Test
    void quotedLineBreaks_keepTheFileInOnePiece_andTheRecordWhole(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 500; i++) {
            csv.append("r").append(i).append(i == 250 ? ",\"two\nlines\"\n" : ",v\n");
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        ExportReader.CsvShape shape = ExportReader.scanCsv(file, 100);
        assertThat(shape.quotedLineBreaks()).isTrue();
        assertThat(shape.starts()).containsExactly(4L);
        List<String> records = records(file, 100, new int[] {0, 1});
        // A record that spans lines is placed on its last.
        assertThat(records).hasSize(500).contains("r249|v@251", "r250|two\nlines@253", "r251|v@254");
    }
}
