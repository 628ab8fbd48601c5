package ca.hotlinetrends.tables;

import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.schema.TableSchema;
import java.util.List;
import java.util.Objects;

/**
 * A count table with the linear relations its cells obey: margins (a total equals the sum of its
 * categories) and period additivity (a year or a year to date equals the sum of its quarters).
 *
 * @param schema the table's schema
 * @param table the cells with their true counts
 * @param relations relations among this table's own cells
 */
public record LinkedTable(TableSchema schema, CountTable table, List<LinearRelation> relations) {
    public LinkedTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        relations = List.copyOf(relations);
    }
}
