package ca.hotlinetrends.tables;

import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The relations between published tables: the same count shown in two tables. Two count tables of the same
 * dataset and counting unit are linked when one's dimensions are a subset of the other's: every cell of the
 * larger table whose extra dimensions are at their totals equals the matching cell of the smaller one (or,
 * where the larger table rolls categories up, the sum of the smaller table's matching cells). Multi-valued
 * tables are linked to nothing, since their totals are not sums.
 */
public final class TableLinks {

    private TableLinks() {}

    public static List<LinearRelation> between(List<LinkedTable> tables) {
        List<LinearRelation> out = new ArrayList<>();
        for (LinkedTable big : tables) {
            for (LinkedTable small : tables) {
                if (big == small || !comparable(big.schema(), small.schema())) {
                    continue;
                }
                List<String> bigDims = names(big.schema());
                List<String> smallDims = names(small.schema());
                if (bigDims.containsAll(smallDims)
                        && !(bigDims.size() == smallDims.size()
                                && big.schema().table().compareTo(small.schema().table()) > 0)) {
                    out.addAll(link(big, small, bigDims, smallDims)); // once per pair: from the larger table
                } else if (!bigDims.containsAll(smallDims)
                        && !smallDims.containsAll(bigDims)
                        && big.schema().table().compareTo(small.schema().table()) < 0) {
                    out.addAll(grandTotals(big, small)); // unrelated dimensions: only the grand totals agree
                }
            }
        }
        return out;
    }

    private static List<LinearRelation> grandTotals(LinkedTable a, LinkedTable b) {
        Map<String, String> totalsOfB = new HashMap<>();
        for (CountTable.Cell c : b.table().cells()) {
            if (allTotals(b.schema(), c)) {
                totalsOfB.put(c.key().get(0), b.table().cellId(c));
            }
        }
        List<LinearRelation> out = new ArrayList<>();
        for (CountTable.Cell c : a.table().cells()) {
            String other = totalsOfB.get(c.key().get(0));
            if (other != null && allTotals(a.schema(), c)) {
                String id = a.table().cellId(c);
                out.add(LinearRelation.sameCount("total:" + id + "=" + other, id, other));
            }
        }
        return out;
    }

    private static boolean allTotals(TableSchema s, CountTable.Cell c) {
        List<TableSchema.Dimension> dims = s.categoryDimensions();
        for (int i = 0; i < dims.size(); i++) {
            if (!dims.get(i).total() || !c.key().get(i + 1).equals(dims.get(i).totalCode())) {
                return false;
            }
        }
        return true;
    }

    private static boolean comparable(TableSchema a, TableSchema b) {
        return a.isCountTable()
                && b.isCountTable()
                && !a.multiValued()
                && !b.multiValued()
                && a.sourceDataset().equals(b.sourceDataset())
                && a.counts().equals(b.counts());
    }

    private static List<String> names(TableSchema s) {
        return s.categoryDimensions().stream().map(TableSchema.Dimension::name).toList();
    }

    private static List<LinearRelation> link(
            LinkedTable big, LinkedTable small, List<String> bigDims, List<String> smallDims) {
        Map<List<String>, String> smallIds = new HashMap<>();
        for (CountTable.Cell c : small.table().cells()) {
            smallIds.put(c.key(), small.table().cellId(c));
        }
        // Groups of the small table's codes behind each rolled-up code of the big table, per dimension.
        Map<String, Map<String, List<String>>> groups = new HashMap<>();
        big.schema()
                .rollups()
                .forEach((dim, r) -> r.forEach((code, up) -> groups.computeIfAbsent(dim, k -> new HashMap<>())
                        .computeIfAbsent(up, k -> new ArrayList<>())
                        .add(code)));
        List<LinearRelation> out = new ArrayList<>();
        for (CountTable.Cell c : big.table().cells()) {
            boolean extrasAtTotal = true;
            for (int i = 0; i < bigDims.size(); i++) {
                if (!smallDims.contains(bigDims.get(i))) {
                    TableSchema.Dimension d = big.schema().categoryDimensions().get(i);
                    extrasAtTotal &= d.total() && c.key().get(i + 1).equals(d.totalCode());
                }
            }
            if (!extrasAtTotal) {
                continue;
            }
            List<List<String>> smallKeys = new ArrayList<>();
            smallKeys.add(new ArrayList<>(List.of(c.key().get(0))));
            for (String dim : smallDims) {
                String code = c.key().get(bigDims.indexOf(dim) + 1);
                List<String> members = groups.getOrDefault(dim, Map.of()).getOrDefault(code, List.of(code));
                List<List<String>> next = new ArrayList<>();
                for (List<String> prefix : smallKeys) {
                    for (String m : members) {
                        List<String> k = new ArrayList<>(prefix);
                        k.add(m);
                        next.add(k);
                    }
                }
                smallKeys = next;
            }
            List<String> parts = new ArrayList<>();
            for (List<String> k : smallKeys) {
                String id = smallIds.get(k);
                if (id == null) {
                    parts = null; // the small table does not publish this period
                    break;
                }
                parts.add(id);
            }
            if (parts != null) {
                String id = big.table().cellId(c);
                out.add(LinearRelation.sumOfParts(
                        "link:" + id + "=" + small.schema().table(), id, parts));
            }
        }
        return out;
    }
}
