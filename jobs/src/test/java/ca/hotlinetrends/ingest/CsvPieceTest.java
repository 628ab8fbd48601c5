package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPieceTest {

    /** What a file's pieces told: records (values joined with |, then @line, then !raw when malformed), unusual pieces. */
    private record Read(List<String> records, List<Integer> unusual) {}

    /**
     * Every record of a file, parsing its pieces in order, cut by size ({@code exact} false) or at the boundaries a
     * pass finds, with each record's position turned into its line as the quarantine does.
     */
    private static Read read(Path file, long pieceBytes, int[] fieldOfColumn, boolean exact) {
        List<CsvPiece> pieces = exact
                ? ExportReader.exactPieces(file, 0, pieceBytes, fieldOfColumn)
                : ExportReader.piecesBySize(file, 0, pieceBytes, fieldOfColumn);
        Map<Integer, Long> lineFeeds = new HashMap<>();
        List<Integer> unusual = new ArrayList<>();
        CsvPiece.Listener listener = new CsvPiece.Listener() {
            @Override
            public void finished(CsvPiece piece, long n) {
                lineFeeds.put(piece.index(), n);
            }

            @Override
            public void unusual(CsvPiece piece) {
                unusual.add(piece.index());
            }
        };
        List<CsvPiece.Raw> raws = new ArrayList<>();
        for (CsvPiece piece : pieces) {
            List<Runnable> closers = new ArrayList<>();
            piece.records(fieldOfColumn.length, closers::add, listener).forEachRemaining(raws::add);
            closers.forEach(Runnable::run);
        }
        assertThat(lineFeeds.size() + unusual.size())
                .as("every piece tells how it ended")
                .isEqualTo(pieces.size());
        if (!unusual.isEmpty()) {
            return new Read(List.of(), unusual);
        }
        long[] firstLines = CsvPiece.fileLines(pieces, p -> lineFeeds.get(p.index()));
        List<String> out = new ArrayList<>();
        for (CsvPiece.Raw r : raws) {
            out.add(String.join(
                            "|", Arrays.stream(r.values()).map(String::valueOf).toList()) + "@"
                    + CsvPiece.line(r.position(), firstLines)
                    + (r.corrupt() == null ? "" : "!" + r.corrupt().strip()));
        }
        return new Read(out, unusual);
    }

    // Every cut of a 2,000-line file: a scale case (about 12 s), run in verify.
    @ca.hotlinetrends.testing.IntegrationTest
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
        assertThat(shape.starts()[0])
                .as("the first piece starts after the header")
                .isEqualTo("a,b,c\r\n".length());
        assertThat(ExportReader.piecesBySize(file, 0, 1_000, fields))
                .as("pieces cut by size")
                .hasSizeGreaterThan(20);
        List<String> onePiece = read(file, 1L << 30, fields, false).records();
        assertThat(onePiece).isEqualTo(expected);
        assertThat(read(file, 1_000, fields, false).records()).isEqualTo(expected);
        assertThat(read(file, 1_000, fields, true).records()).isEqualTo(expected);
        // Pieces smaller than a line: most own no record, none loses or repeats one.
        assertThat(read(file, 7, fields, false).records()).isEqualTo(expected);
        assertThat(read(file, 1, fields, false).records()).isEqualTo(expected);
    }

    @Test
    void everyCutByteOffset_givesTheSameRecords(@TempDir Path dir) throws IOException {
        String csv = "h1,h2\nab,cd\n\nef,\"g,h\"\n  \nij,kl";
        Path file = dir.resolve("x.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        int[] fields = {0, 1};
        List<String> expected = List.of("ab|cd@2", "ef|g,h@4", "ij|kl@6");
        for (long bytes = 1; bytes <= csv.length(); bytes++) {
            assertThat(read(file, bytes, fields, false).records())
                    .as("pieces of %d bytes", bytes)
                    .isEqualTo(expected);
        }
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
        Read exact = read(file, 100, new int[] {0, 1}, true);
        // A record that spans lines is placed on its last.
        assertThat(exact.records()).hasSize(500).contains("r249|v@251", "r250|two\nlines@253", "r251|v@254");
        // Cut by size, the piece that holds the record spanning lines says so (and so would any misaligned piece).
        Read cut = read(file, 100, new int[] {0, 1}, false);
        assertThat(cut.unusual()).isNotEmpty();
    }

    @Test
    void aHeaderEndingInACarriageReturnAlone_isNotCutBySize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "a,b\rc,d\r", StandardCharsets.UTF_8);
        assertThat(ExportReader.piecesBySize(file, 0, 1, new int[] {0, 1})).isNull();
        assertThat(ExportReader.headerEnd(file)).isNull();
        Files.writeString(file, "\"a\nx\",b\r\nc,d\r\n", StandardCharsets.UTF_8);
        assertThat(ExportReader.headerEnd(file))
                .as("after the header's line feed, and its two line feeds")
                .containsExactly(9L, 2L);
    }
}
