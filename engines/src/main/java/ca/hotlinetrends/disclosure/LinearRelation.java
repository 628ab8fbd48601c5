package ca.hotlinetrends.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A linear equality that the true cell values satisfy and that an attacker knows:
 * {@code sum(coefficient_i * cell_i) = 0} with integer coefficients.
 *
 * <p>Examples: a marginal total ({@code total - a - b - c = 0}), a difference between releases
 * ({@code ytdQ3 - ytdQ2 - q3 = 0}) or the same count shown in two tables ({@code a - b = 0}). These
 * are the "linear constraints" of the general cell suppression problem of Fischetti and
 * Salazar-Gonz&aacute;lez, <i>Models and algorithms for optimizing cell suppression in tabular data
 * with linear constraints</i>, JASA 95(451):916-928, 2000. Immutable.
 *
 * @param name  a non-blank name used in messages (never a value)
 * @param terms at least two terms, each cell at most once, coefficients non-zero
 */
public record LinearRelation(String name, List<Term> terms) {

    /**
     * One term {@code coefficient * cell}.
     *
     * @param cellId      id of a cell of the same {@link CellSystem}
     * @param coefficient non-zero integer coefficient
     */
    public record Term(String cellId, int coefficient) {
        public Term {
            Objects.requireNonNull(cellId, "cellId");
            if (coefficient == 0) {
                throw new IllegalArgumentException(
                        "a relation coefficient must be non-zero; cell '" + cellId + "' has coefficient 0");
            }
        }
    }

    public LinearRelation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(terms, "terms");
        if (name.isBlank()) {
            throw new IllegalArgumentException("relation name must not be blank. Provided value: '" + name + "'");
        }
        terms = List.copyOf(terms);
        if (terms.size() < 2) {
            throw new IllegalArgumentException(
                    "relation '" + name + "' must link at least 2 cells, has " + terms.size());
        }
        Set<String> seen = new HashSet<>();
        for (Term term : terms) {
            if (!seen.add(term.cellId())) {
                throw new IllegalArgumentException("relation '" + name + "' names cell '" + term.cellId()
                        + "' more than once; merge its coefficients");
            }
        }
    }

    /** {@code total - sum(parts) = 0}: the total is the sum of its parts. */
    public static LinearRelation sumOfParts(String name, String totalId, List<String> partIds) {
        Objects.requireNonNull(partIds, "partIds");
        List<Term> terms = new ArrayList<>(partIds.size() + 1);
        terms.add(new Term(totalId, 1));
        for (String part : partIds) {
            terms.add(new Term(part, -1));
        }
        return new LinearRelation(name, terms);
    }

    /** {@code a - b = 0}: the same count shown in two places. */
    public static LinearRelation sameCount(String name, String firstId, String secondId) {
        return new LinearRelation(name, List.of(new Term(firstId, 1), new Term(secondId, -1)));
    }
}
