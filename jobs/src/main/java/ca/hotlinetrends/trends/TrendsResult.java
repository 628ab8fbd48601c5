package ca.hotlinetrends.trends;

import java.nio.file.Path;
import java.util.List;

/**
 * What the trends stage published.
 *
 * @param release the release
 * @param tables the tables written
 * @param cells cells published or suppressed across all tables
 * @param primary cells suppressed as small counts
 * @param secondary cells suppressed to protect them
 * @param narrowestRange the narrowest feasible range the attacker audit found for a suppressed cell
 * @param certificate the certificate written
 * @param revisedPeriods the periods in which a cell's count changed since the release that last showed it
 * @param revisedCells cells whose count changed since the release that last showed them, published or suppressed
 */
public record TrendsResult(
        String release,
        List<String> tables,
        int cells,
        int primary,
        int secondary,
        double narrowestRange,
        Path certificate,
        List<String> revisedPeriods,
        int revisedCells) {

    public TrendsResult {
        tables = List.copyOf(tables);
        revisedPeriods = List.copyOf(revisedPeriods);
        if (revisedCells < 0) {
            throw new IllegalArgumentException("revisedCells must be >= 0. Provided value: " + revisedCells);
        }
    }
}
