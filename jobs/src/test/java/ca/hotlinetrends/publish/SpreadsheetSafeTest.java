package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formula injection: text a spreadsheet would run never reaches a published CSV as a formula. */
class SpreadsheetSafeTest {

    @Test
    void formulaLikeText_getsALeadingApostrophe_andOrdinaryTextAndNumbersDoNot() {
        assertThat(SpreadsheetSafe.text("=HYPERLINK(\"http://example.invalid\",\"x\")"))
                .isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"x\")");
        assertThat(SpreadsheetSafe.text("+cmd|' /C calc'!A0")).startsWith("'+");
        assertThat(SpreadsheetSafe.text("@SUM(1+1)")).startsWith("'@");
        assertThat(SpreadsheetSafe.text("-2+3")).startsWith("'-");
        assertThat(SpreadsheetSafe.text("\t=1")).startsWith("'\t");
        assertThat(SpreadsheetSafe.text("ON")).isEqualTo("ON");
        assertThat(SpreadsheetSafe.text("")).isEmpty();
        assertThat(SpreadsheetSafe.cell(-3L)).isEqualTo(-3L);
        assertThat(SpreadsheetSafe.cell(-0.5)).isEqualTo(-0.5);
    }

    @Test
    void theTableWriter_neutralisesAHostileCode(@TempDir Path dir) throws IOException {
        var schema = SchemaRegistry.load().table("cases_by_province");
        TableWriter.write(
                SharedSpark.session(),
                schema,
                List.<Object[]>of(
                        new Object[] {"quarter", "2026Q3", "=HYPERLINK(\"http://example.invalid\")", 40L, "published"},
                        new Object[] {"quarter", "2026Q3", "ON", 12L, "published"}),
                dir);
        String csv = Files.readString(dir.resolve("cases_by_province.csv"));
        assertThat(csv)
                .contains("\"'=HYPERLINK(\"\"http://example.invalid\"\")\"")
                .contains("quarter,2026Q3,ON,12,published");
        assertThat(csv.lines()).noneMatch(l -> l.startsWith("=") || l.contains(",=") || l.contains(",\"="));
    }
}
