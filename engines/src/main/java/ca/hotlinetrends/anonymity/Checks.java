package ca.hotlinetrends.anonymity;

import java.util.Objects;

/**
 * Argument checks shared by the anonymity packages. Each failure is an
 * {@link IllegalArgumentException} whose message states the rule and the provided value; the values
 * checked here are parameters (k, l, limits, counts), never a record's values.
 *
 * <p>Public only so that the subpackages ({@code criteria}, {@code metric}, {@code risk},
 * {@code lattice}) can share it; not part of the engine's API.
 */
public final class Checks {

    private Checks() {}

    /** {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ". Provided value: " + value);
        }
        return value;
    }

    /** {@code value >= min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ". Provided value: " + value);
        }
        return value;
    }

    /** {@code 0 <= value < 1}. */
    public static double fractionBelowOne(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be >= 0 and < 1. Provided value: " + value);
        }
        return value;
    }

    /** {@code 0 < value <= 1}. */
    public static double positiveProbability(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be > 0 and <= 1. Provided value: " + value);
        }
        return value;
    }

    /** {@code 0 <= value <= 1}. */
    public static double probability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be >= 0 and <= 1. Provided value: " + value);
        }
        return value;
    }

    /** Finite and {@code >= 0}. */
    public static double nonNegativeFinite(String name, double value) {
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0. Provided value: " + value);
        }
        return value;
    }

    /** Not null and not blank. */
    public static String name(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank. Provided value: '" + value + "'");
        }
        return value;
    }
}
