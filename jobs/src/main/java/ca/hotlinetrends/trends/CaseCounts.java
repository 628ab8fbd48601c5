package ca.hotlinetrends.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure transformations that count cases from staged victims. A case counts once, in the quarter it
 * opened and in the province of its situation; when its potential victims name different provinces, the
 * smallest province code decides (a deterministic rule, documented in the table's schema).
 */
public final class CaseCounts {

    private CaseCounts() {
    }

    /** One row per case: {@code case_ref, reference_quarter, province_code}. */
    public static Dataset<Row> cases(Dataset<Row> victims) {
        return victims.groupBy(col("case_ref"))
                .agg(min(col("reference_quarter")).as("reference_quarter"), min(col("province_code")).as("province_code"));
    }

    /** Distinct cases by quarter and province: {@code reference_quarter, province_code, cases}. */
    public static Dataset<Row> byQuarterProvince(Dataset<Row> victims) {
        return cases(victims).groupBy(col("reference_quarter"), col("province_code"))
                .agg(count(lit(1)).as("cases"));
    }
}
