package ca.hotlinetrends.trends.stats;

/**
 * A rate of events per {@code perPopulation} people (by default per 100,000) with the exact
 * Poisson confidence interval of Garwood (Garwood, F. (1936) "Fiducial limits for the Poisson
 * distribution", Biometrika 28:437-442).
 *
 * <p>For a count {@code x} the interval for the Poisson mean is
 * {@code [qchisq(alpha/2, 2x) / 2, qchisq(1 - alpha/2, 2x + 2) / 2]}, the lower bound being 0 when
 * {@code x = 0}; the rate and both bounds are then multiplied by {@code perPopulation / population}.
 * This is the interval of R's {@code poisson.test(x)} and of {@code epitools::pois.exact}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PoissonRate {

    /** The usual base for published rates: per 100,000 population. */
    public static final double PER_100_000 = 100_000.0;

    private final double rate;
    private final ConfidenceInterval interval;
    private final double perPopulation;

    private PoissonRate(double rate, ConfidenceInterval interval, double perPopulation) {
        this.rate = rate;
        this.interval = interval;
        this.perPopulation = perPopulation;
    }

    /** Rate per 100,000 with a 95% interval. */
    public static PoissonRate per100k(long count, double population) {
        return of(count, population, PER_100_000, 0.95);
    }

    /**
     * Rate of {@code count} events in {@code population} people, per {@code perPopulation}.
     *
     * @param count number of events, >= 0
     * @param population population (or person-time) at risk, finite and > 0
     * @param perPopulation base of the rate (100,000 for "per 100,000"), finite and > 0
     * @param confidenceLevel level of the interval, in (0, 1)
     */
    public static PoissonRate of(long count, double population, double perPopulation, double confidenceLevel) {
        Checks.count("count", count);
        Checks.positiveFinite("population", population);
        Checks.positiveFinite("perPopulation", perPopulation);
        Checks.confidenceLevel(confidenceLevel);
        double alpha = 1.0 - confidenceLevel;
        double scale = perPopulation / population;
        // qchisq(q, 2k) / 2 = qgamma(q, shape = k, scale = 1).
        double lowerMean = count == 0 ? 0.0 : Distributions.gammaQuantile(alpha / 2.0, count);
        double upperMean = Distributions.gammaQuantile(1.0 - alpha / 2.0, count + 1.0);
        return new PoissonRate(
                count * scale,
                new ConfidenceInterval(lowerMean * scale, upperMean * scale, confidenceLevel),
                perPopulation);
    }

    /** Events per {@link #perPopulation()} people. */
    public double rate() {
        return rate;
    }

    /** Garwood exact interval for the rate, in the same unit as {@link #rate()}. */
    public ConfidenceInterval interval() {
        return interval;
    }

    /** The base of the rate, e.g. 100,000. */
    public double perPopulation() {
        return perPopulation;
    }

    @Override
    public String toString() {
        return "PoissonRate[rate=" + rate + " per " + perPopulation + ", interval=" + interval + "]";
    }
}
