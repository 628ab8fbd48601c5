/**
 * Statistics for the published trend tables: exact comparisons of two Poisson counts, exact
 * Poisson rates, Benjamini-Hochberg adjustment across a table's tests, and trend estimates over
 * recent quarters (Poisson regression, Mann-Kendall).
 *
 * <p>Plain Java on small, already aggregated series: no Spark types, no I/O, no randomness and no
 * mutable static state. Every class is immutable and thread-safe; each computes its result in a
 * static factory that validates its arguments first and throws {@link IllegalArgumentException}
 * naming the rule and the invalid value. Outcomes that are valid but carry no estimate (no cases
 * at all, an unbounded slope) are reported as values with a flag or status, never as exceptions.
 */
package ca.hotlinetrends.trends.stats;
