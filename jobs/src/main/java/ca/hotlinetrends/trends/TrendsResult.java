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
 */
public record TrendsResult(String release, List<String> tables, int cells, int primary, int secondary,
        double narrowestRange, Path certificate) {

    public TrendsResult {
        tables = List.copyOf(tables);
    }
}
