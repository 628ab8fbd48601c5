package ca.hotlinetrends.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.reports.document.ChartFiles;
import ca.hotlinetrends.reports.testing.Fixtures;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.StandardChartTheme;
import org.junit.jupiter.api.Test;

class ChartFilesTest {

    private static final ChartTheme THEME = ChartTheme.standard();

    @Test
    void twoBuildsOfTheSameChart_giveTheSamePngAndSvgBytes() {
        ChartFigure a = ProvinceTileMap.build(Fixtures.release(), Fixtures.messages("fr"), THEME);
        ChartFigure b = ProvinceTileMap.build(Fixtures.release(), Fixtures.messages("fr"), THEME);
        assertThat(ChartFiles.png(a, THEME)).isEqualTo(ChartFiles.png(b, THEME));
        byte[] svg = ChartFiles.svg(a, THEME, "rate-map-fr");
        assertThat(svg).isEqualTo(ChartFiles.svg(b, THEME, "rate-map-fr"));
        assertThat(new String(svg, StandardCharsets.UTF_8)).contains("id='ratemapfr-clip-0'")
                .contains("DejaVu Sans").contains("protéger la confidentialité");
    }

    @Test
    void png_isTwiceTheThemeSize() throws IOException {
        ChartFigure f = ChangesChart.build(Fixtures.release(), Fixtures.messages("en"), THEME);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartFiles.png(f, THEME)));
        assertThat(image.getWidth()).isEqualTo(2 * 600);
        assertThat(image.getHeight()).isEqualTo(2 * f.height());
    }

    @Test
    void theme_isAppliedPerChartInDejaVuSansAndNeverProcessWide() {
        assertThat(THEME.fontFamily()).isEqualTo("DejaVu Sans");
        assertThat(THEME.width()).isEqualTo(600);
        assertThat(ChartTheme.PALETTE).hasSize(7).doesNotHaveDuplicates();
        for (ChartFigure f : ReleaseCharts.build(Fixtures.release(), Fixtures.messages("fr"), THEME).values()) {
            Font title = f.chart().getTitle().getFont();
            assertThat(title.getFamily()).isEqualTo("DejaVu Sans");
            assertThat(f.chart().getSubtitleCount()).isGreaterThanOrEqualTo(1);
        }
        assertThat(ChartFactory.getChartTheme()).isInstanceOf(StandardChartTheme.class);
        assertThat(((StandardChartTheme) ChartFactory.getChartTheme()).getName()).isEqualTo("JFree");
    }

    @Test
    void everyChart_endsWithTheSourceLineStatingTheMinimumCellCount() {
        for (ChartFigure f : ReleaseCharts.build(Fixtures.release(), Fixtures.messages("en"), THEME).values()) {
            boolean source = false;
            for (int i = 0; i < f.chart().getSubtitleCount(); i++) {
                if (f.chart().getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t
                        && t.getText().equals("Source: hotline contacts, de-identified; counts under 5 suppressed")) {
                    source = true;
                }
            }
            assertThat(source).as(f.id()).isTrue();
        }
    }
}
