package ca.hotlinetrends.reports.chart;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.reports.i18n.Messages;
import ca.hotlinetrends.reports.table.CellRef;
import ca.hotlinetrends.reports.table.PublishedRelease;
import ca.hotlinetrends.reports.table.PublishedTable;
import ca.hotlinetrends.schema.TableSchema;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A map-like view of Canada: one equal tile per province or territory in its rough geographic place, shaded
 * by its rate of cases per 100,000 population for the latest complete year (from rates_by_province), with its
 * code and rate written on it. Equal tiles keep small provinces as visible as large ones. A suppressed rate
 * leaves its tile grey with an {@code x}.
 */
public final class ProvinceTileMap {

    public static final String ID = "rate-map";
    static final String TABLE = ProvinceRateChart.TABLE;
    static final String SERIES = "rate";

    /** A tile's place: column from west to east, row from north to south. */
    record Tile(int column, int row) {}

    /** Territories on top, provinces west to east, the Maritimes below. */
    static final Map<String, Tile> TILES = Map.ofEntries(
            Map.entry("YT", new Tile(0, 0)),
            Map.entry("NT", new Tile(1, 0)),
            Map.entry("NU", new Tile(2, 0)),
            Map.entry("BC", new Tile(0, 1)),
            Map.entry("AB", new Tile(1, 1)),
            Map.entry("SK", new Tile(2, 1)),
            Map.entry("MB", new Tile(3, 1)),
            Map.entry("ON", new Tile(4, 1)),
            Map.entry("QC", new Tile(5, 1)),
            Map.entry("NL", new Tile(6, 1)),
            Map.entry("NB", new Tile(5, 2)),
            Map.entry("PE", new Tile(6, 2)),
            Map.entry("NS", new Tile(6, 3)));

    private ProvinceTileMap() {}

    /**
     * @param release the published release (non-null; must include rates_by_province)
     * @param m the language (non-null)
     * @param theme the theme (non-null)
     */
    public static ChartFigure build(PublishedRelease release, Messages m, ChartTheme theme) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(theme, "theme");
        PublishedTable table = release.table(TABLE);
        TableSchema.Dimension dim = table.dimension(ProvinceRateChart.PROVINCE);
        Period year = ChartSupport.latestYear(table, release.release());
        List<String> codes = release.schemas().codeList(dim.codes()).codes();
        double[] xs = new double[codes.size()];
        double[] ys = new double[codes.size()];
        double[] zs = new double[codes.size()];
        ChartContent.Builder content = ChartContent.builder();
        boolean anySuppressed = false;
        double max = 0;
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            Tile tile = TILES.get(code);
            if (tile == null) {
                throw new IllegalStateException("province code " + code + " has no tile on the map");
            }
            CellRef rate = table.cell("rate_per_100k", year.code(), code);
            content.value(0, SERIES, i, rate);
            xs[i] = tile.column();
            ys[i] = tile.row();
            if (release.state(rate) == PublishedRelease.CellState.PUBLISHED) {
                zs[i] = release.value(rate);
                max = Math.max(max, zs[i]);
            } else {
                zs[i] = Double.NaN;
                anySuppressed |= release.state(rate) == PublishedRelease.CellState.SUPPRESSED;
            }
            rows.add(List.of(m.label(dim.codes(), code), ChartSupport.formatted(m, release, rate, 1)));
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(SERIES, new double[][] {xs, ys, zs});
        SequentialPaintScale scale = new SequentialPaintScale(niceCeiling(max));
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(0.94);
        renderer.setBlockHeight(0.94);
        renderer.setPaintScale(scale);
        NumberAxis x = new NumberAxis();
        x.setRange(-0.5, 6.5);
        x.setVisible(false);
        NumberAxis y = new NumberAxis();
        y.setRange(-0.5, 3.5);
        y.setInverted(true);
        y.setVisible(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        for (int i = 0; i < codes.size(); i++) {
            boolean dark = !Double.isNaN(zs[i]) && SequentialPaintScale.dark(scale.getPaint(zs[i]));
            Color ink = dark ? Color.WHITE : ChartTheme.INK;
            XYTextAnnotation name = new XYTextAnnotation(codes.get(i), xs[i], ys[i] - 0.16);
            name.setFont(theme.font(Font.BOLD, 13));
            name.setPaint(ink);
            name.setTextAnchor(TextAnchor.CENTER);
            plot.addAnnotation(name, false);
            String text;
            if (Double.isNaN(zs[i])) {
                text = ChartSupport.formatted(m, release, table.cell("rate_per_100k", year.code(), codes.get(i)), 1);
            } else {
                text = m.decimal(zs[i], 1);
                content.label(text, table.cell("rate_per_100k", year.code(), codes.get(i)));
            }
            XYTextAnnotation value = new XYTextAnnotation(text, xs[i], ys[i] + 0.18);
            value.setFont(theme.font(Font.PLAIN, 12));
            value.setPaint(ink);
            value.setTextAnchor(TextAnchor.CENTER);
            plot.addAnnotation(value, false);
        }
        String title = ChartSupport.title(m, TABLE, year);
        JFreeChart chart =
                ChartSupport.chart(title, plot, false, theme, ChartSupport.footer(m, release, anySuppressed, false));
        NumberAxis scaleAxis = new NumberAxis(ChartSupport.unitLabel(m, TABLE));
        scaleAxis.setRange(0, scale.getUpperBound());
        scaleAxis.setNumberFormatOverride(m.decimalFormat(1));
        ChartSupport.tidyTicks(
                scaleAxis, new org.jfree.data.Range(0, scale.getUpperBound()), m.decimalFormat(1), false);
        scaleAxis.setTickLabelFont(theme.font(Font.PLAIN, 10));
        scaleAxis.setLabelFont(theme.font(Font.PLAIN, 10));
        scaleAxis.setTickLabelPaint(ChartTheme.INK);
        scaleAxis.setLabelPaint(ChartTheme.SECONDARY_INK);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.TOP);
        legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
        legend.setStripWidth(10);
        legend.setSubdivisionCount(64);
        legend.setMargin(new RectangleInsets(2, 4, 6, 260));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(1, legend);
        DataTable dataTable = new DataTable(title, List.of(m.get("table.province"), m.get("table.rate")), rows);
        List<String> withTotal = new ArrayList<>();
        withTotal.add(dim.totalCode());
        withTotal.addAll(codes);
        String finding = ProvinceRateChart.finding("chart.map.finding", table, year, withTotal, release, m);
        return new ChartFigure(ID, chart, 430, content.build(), dataTable, finding);
    }

    /** A round upper bound for the scale (1, 1.5, 2, ... 8 times a power of ten), at least the maximum. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1.0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
