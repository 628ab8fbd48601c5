package ca.hotlinetrends.trends.stats;

import java.util.Objects;

/**
 * Argument checks shared by the statistics in this package. Each failure is an
 * {@link IllegalArgumentException} whose message states the rule and the provided value. Only
 * invalid values (negative, non-finite, out of range) ever reach a message, never a valid count.
 */
final class Checks {

    private Checks() {}

    static double confidenceLevel(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("confidence level must be > 0 and < 1. Provided value: " + level);
        }
        return level;
    }

    static double significanceLevel(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("significance level must be > 0 and < 1. Provided value: " + level);
        }
        return level;
    }

    static long count(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0. Provided value: " + value);
        }
        return value;
    }

    static double nonNegativeFinite(String name, double value) {
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0. Provided value: " + value);
        }
        return value;
    }

    static double positiveFinite(String name, double value) {
        if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and > 0. Provided value: " + value);
        }
        return value;
    }

    static double probability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be >= 0 and <= 1. Provided value: " + value);
        }
        return value;
    }

    static double[] minLength(String name, double[] values, int min) {
        Objects.requireNonNull(values, name);
        if (values.length < min) {
            throw new IllegalArgumentException(
                    name + " must have at least " + min + " values. Provided length: " + values.length);
        }
        return values;
    }
}
