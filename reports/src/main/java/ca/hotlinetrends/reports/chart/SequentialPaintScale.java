package ca.hotlinetrends.reports.chart;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * A single-hue scale from pale blue to dark blue (lightness carries the value, so it reads the same under
 * every colour-vision deficiency and in grey print). NaN, the value of a cell without a published value, is
 * light grey: no shade of the scale.
 */
public final class SequentialPaintScale implements PaintScale, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Color LOW = new Color(0xDCEAF5);
    private static final Color HIGH = new Color(0x08306B);
    /** The fill of a tile without a value. */
    public static final Color NO_VALUE = new Color(0xEDEDED);

    private final double upperBound;

    /** @param upperBound the value shown darkest (the lower bound is 0); positive */
    public SequentialPaintScale(double upperBound) {
        if (!(upperBound > 0)) {
            throw new IllegalArgumentException(
                    "the upper bound of a paint scale must be positive. Provided value: " + upperBound);
        }
        this.upperBound = upperBound;
    }

    @Override
    public double getLowerBound() {
        return 0.0;
    }

    @Override
    public double getUpperBound() {
        return upperBound;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        double t = Math.max(0.0, Math.min(1.0, value / upperBound));
        return new Color(
                mix(LOW.getRed(), HIGH.getRed(), t),
                mix(LOW.getGreen(), HIGH.getGreen(), t),
                mix(LOW.getBlue(), HIGH.getBlue(), t));
    }

    /** True when text on this paint should be white. */
    public static boolean dark(Paint paint) {
        Color c = (Color) paint;
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance < 140;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequentialPaintScale s && s.upperBound == upperBound;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(upperBound);
    }
}
