package ca.hotlinetrends.tables;

import ca.hotlinetrends.calendar.Period;
import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.disclosure.LinearRelation;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a published count table from quarterly counts, in plain Java on the driver: every period the table
 * publishes (quarters since {@link #FIRST_QUARTER}, years to date, calendar years), every category of every
 * dimension (rolled up where the schema says so) plus its total, zeros included; and the relations the cells
 * obey, which the disclosure control must respect.
 *
 * <p>For a multi-valued dimension the total ({@code ANY}: records with any information) is not the sum of the
 * categories, so it comes from the counts and no margin relation is written for it.
 */
public final class TableBuilder {

    /** The first quarter any table covers. */
    public static final Quarter FIRST_QUARTER = new Quarter(2019, 1);

    private final SchemaRegistry schemas;

    public TableBuilder(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    /**
     * @param schema a count table's schema
     * @param release the release quarter (the last quarter counted)
     * @param quarterly counts keyed by {@code [reference_quarter, code of each category dimension...]} with
     *     codes as staged (before roll-up); for a multi-valued dimension also its total code ({@code ANY})
     */
    public LinkedTable build(TableSchema schema, Quarter release, Map<List<String>, Long> quarterly) {
        List<TableSchema.Dimension> dims = schema.categoryDimensions();
        List<List<String>> categories = new ArrayList<>();
        for (TableSchema.Dimension d : dims) {
            categories.add(categoriesOf(schema, d));
        }
        List<Period.Type> types =
                schema.periods().stream().map(Period.Type::fromCode).toList();
        List<Period> periods = Period.forRelease(FIRST_QUARTER, release, types);

        // Quarterly counts rolled up onto published categories (and totals where they are sums).
        Map<List<String>, Long> byQuarter = new HashMap<>();
        quarterly.forEach((key, n) -> {
            List<String> k = new ArrayList<>(key);
            for (int i = 0; i < dims.size(); i++) {
                k.set(i + 1, rollup(schema, dims.get(i), key.get(i + 1)));
            }
            for (List<String> target : withTotals(schema, dims, k)) {
                byQuarter.merge(target, n, Long::sum);
            }
        });

        List<String> dimensionNames = new ArrayList<>();
        dimensionNames.add("period");
        dims.forEach(d -> dimensionNames.add(d.name()));
        List<CountTable.Cell> cells = new ArrayList<>();
        Map<List<String>, String> ids = new LinkedHashMap<>();
        List<List<String>> combos = combinations(categories);
        for (Period p : periods) {
            for (List<String> combo : combos) {
                long n = 0;
                for (Quarter q : p.quarters()) {
                    List<String> k = new ArrayList<>();
                    k.add(q.toString());
                    k.addAll(combo);
                    n += byQuarter.getOrDefault(k, 0L);
                }
                List<String> key = new ArrayList<>();
                key.add(p.code());
                key.addAll(combo);
                CountTable.Cell cell = new CountTable.Cell(key, n, CountTable.Status.PUBLISHED);
                cells.add(cell);
            }
        }
        CountTable table = new CountTable(schema.table(), dimensionNames, cells);
        cells.forEach(c -> ids.put(c.key(), table.cellId(c)));

        List<LinearRelation> relations = new ArrayList<>();
        // Margins: within each period, a total equals the sum of its categories.
        for (int i = 0; i < dims.size(); i++) {
            TableSchema.Dimension d = dims.get(i);
            if (!d.total() || schema.multiValued()) {
                continue;
            }
            for (Period p : periods) {
                for (List<String> combo : combos) {
                    if (!combo.get(i).equals(d.totalCode())) {
                        continue;
                    }
                    List<String> parts = new ArrayList<>();
                    for (String code : categories.get(i)) {
                        if (!code.equals(d.totalCode())) {
                            List<String> part = new ArrayList<>(combo);
                            part.set(i, code);
                            parts.add(ids.get(withPeriod(p, part)));
                        }
                    }
                    String total = ids.get(withPeriod(p, combo));
                    relations.add(LinearRelation.sumOfParts("margin:" + total + ":" + d.name(), total, parts));
                }
            }
        }
        // Period additivity: a year or a year to date equals the sum of its published quarters.
        if (types.contains(Period.Type.QUARTER)) {
            for (Period p : periods) {
                if (p.type() == Period.Type.QUARTER) {
                    continue;
                }
                for (List<String> combo : combos) {
                    List<String> parts = new ArrayList<>();
                    for (Quarter q : p.quarters()) {
                        String id = ids.get(withPeriod(Period.quarter(q), combo));
                        if (id != null) {
                            parts.add(id);
                        }
                    }
                    String total = ids.get(withPeriod(p, combo));
                    relations.add(LinearRelation.sumOfParts("periods:" + total, total, parts));
                }
            }
        }
        return new LinkedTable(schema, table, relations);
    }

    private static List<String> withPeriod(Period p, List<String> combo) {
        List<String> key = new ArrayList<>();
        key.add(p.code());
        key.addAll(combo);
        return key;
    }

    /** The published categories of a dimension, in code-list order, rolled up, then the total. */
    List<String> categoriesOf(TableSchema schema, TableSchema.Dimension d) {
        List<String> out = new ArrayList<>();
        for (String code : schemas.codeList(d.codes()).codes()) {
            String c = rollup(schema, d, code);
            if (!out.contains(c) && !(d.total() && c.equals(d.totalCode()))) {
                out.add(c);
            }
        }
        if (d.total()) {
            out.add(d.totalCode());
        }
        return out;
    }

    private static String rollup(TableSchema schema, TableSchema.Dimension d, String code) {
        Map<String, String> r = schema.rollups().get(d.name());
        return r == null ? code : r.getOrDefault(code, code);
    }

    /**
     * The keys a quarterly count contributes to: itself and, for every subset of dimensions that have a
     * summed total, the key with those dimensions at their total.
     */
    private static List<List<String>> withTotals(
            TableSchema schema, List<TableSchema.Dimension> dims, List<String> key) {
        List<List<String>> out = new ArrayList<>();
        out.add(key);
        for (int i = 0; i < dims.size(); i++) {
            TableSchema.Dimension d = dims.get(i);
            if (!d.total() || schema.multiValued() || key.get(i + 1).equals(d.totalCode())) {
                continue;
            }
            List<List<String>> more = new ArrayList<>();
            for (List<String> k : out) {
                List<String> t = new ArrayList<>(k);
                t.set(i + 1, d.totalCode());
                more.add(t);
            }
            out.addAll(more);
        }
        return out;
    }

    private static List<List<String>> combinations(List<List<String>> categories) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> values : categories) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : values) {
                    List<String> k = new ArrayList<>(prefix);
                    k.add(v);
                    next.add(k);
                }
            }
            out = next;
        }
        return out;
    }
}
