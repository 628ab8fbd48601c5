package ca.hotlinetrends.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** What the tables are written in, the readers read back: the rows, the header, and not the footnotes. */
class PublishedCsvTest {

    @Test
    void aWrittenTable_readsBackWithoutItsFootnote() throws Exception {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, PublishedCsv.WRITE)) {
            p.printRecord("period", "province", "count", "status");
            p.printRecord("2026Q3", "ON", "12", CellStatus.PUBLISHED.code());
            p.printRecord("2026Q3", "PE", CellStatus.MARK, CellStatus.SUPPRESSED.code());
        }
        String text = out + PublishedCsv.footnote(CellStatus.FOOTNOTE);
        assertThat(text).endsWith("suppressed\n# " + CellStatus.FOOTNOTE + "\n").doesNotContain("\r");
        assertThat(text.lines().filter(PublishedCsv::isFootnote)).containsExactly("# " + CellStatus.FOOTNOTE);

        try (CSVParser p = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(PublishedCsv.READ)
                .get()) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).get("count")).isEqualTo(CellStatus.MARK);
        }
        try (CSVParser p = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(PublishedCsv.READ_WITH_HEADER_ROW)
                .get()) {
            assertThat(p.getRecords().get(0).toList()).containsExactly("period", "province", "count", "status");
        }
    }
}
