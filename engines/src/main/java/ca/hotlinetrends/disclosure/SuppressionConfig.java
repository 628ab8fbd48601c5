package ca.hotlinetrends.disclosure;

/**
 * Configuration of {@link CellSuppressor}. Defaults live here: {@code minCellCount} 5, a protection
 * width equal to {@code minCellCount}, cost of suppressing a cell {@code 1.0 * value + 1.0}, and
 * complementary suppression on (the strict setting; turning it off only makes sense to show what
 * the audit catches). Immutable.
 *
 * @param minCellCount             counts {@code 1 <= n < minCellCount} are sensitive, {@code >= 1}
 * @param protectionWidth          the attacker's interval for a sensitive cell must be at least this
 *                                 wide, {@code >= 1}
 * @param costPerUnitCount         weight of a cell's value in the cost of suppressing it, {@code >= 0}
 * @param costPerCell              fixed cost of suppressing any cell, {@code >= 0}; with
 *                                 {@code costPerUnitCount} not both zero
 * @param complementarySuppression whether to add complementary suppressions at all
 */
public record SuppressionConfig(
        int minCellCount,
        long protectionWidth,
        double costPerUnitCount,
        double costPerCell,
        boolean complementarySuppression) {

    public static final double DEFAULT_COST_PER_UNIT_COUNT = 1.0;
    public static final double DEFAULT_COST_PER_CELL = 1.0;

    public SuppressionConfig {
        if (minCellCount < 1) {
            throw new IllegalArgumentException("minCellCount must be >= 1. Provided value: " + minCellCount);
        }
        if (protectionWidth < 1) {
            throw new IllegalArgumentException("protectionWidth must be >= 1. Provided value: " + protectionWidth);
        }
        requireWeight("costPerUnitCount", costPerUnitCount);
        requireWeight("costPerCell", costPerCell);
        if (costPerUnitCount == 0 && costPerCell == 0) {
            throw new IllegalArgumentException(
                    "costPerUnitCount and costPerCell must not both be 0; " + "every suppression would then be free");
        }
    }

    private static void requireWeight(String name, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0. Provided value: " + weight);
        }
    }

    /** The default configuration. */
    public static SuppressionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The primary suppression rule. */
    public MinCellCountRule primaryRule() {
        return new MinCellCountRule(minCellCount);
    }

    /** The cost of suppressing a cell with this value. */
    public double suppressionCost(long value) {
        return costPerUnitCount * value + costPerCell;
    }

    /** Builds a {@link SuppressionConfig}; unset fields take the defaults. Not thread-safe. */
    public static final class Builder {
        private int minCellCount = MinCellCountRule.DEFAULT_MIN_CELL_COUNT;
        private Long protectionWidth;
        private double costPerUnitCount = DEFAULT_COST_PER_UNIT_COUNT;
        private double costPerCell = DEFAULT_COST_PER_CELL;
        private boolean complementarySuppression = true;

        private Builder() {}

        public Builder minCellCount(int value) {
            this.minCellCount = value;
            return this;
        }

        /** Defaults to {@code minCellCount}. */
        public Builder protectionWidth(long value) {
            this.protectionWidth = value;
            return this;
        }

        public Builder costPerUnitCount(double value) {
            this.costPerUnitCount = value;
            return this;
        }

        public Builder costPerCell(double value) {
            this.costPerCell = value;
            return this;
        }

        public Builder complementarySuppression(boolean value) {
            this.complementarySuppression = value;
            return this;
        }

        public SuppressionConfig build() {
            long width = protectionWidth != null ? protectionWidth : minCellCount;
            return new SuppressionConfig(minCellCount, width, costPerUnitCount, costPerCell, complementarySuppression);
        }
    }
}
