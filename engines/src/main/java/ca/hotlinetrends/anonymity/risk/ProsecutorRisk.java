package ca.hotlinetrends.anonymity.risk;

import ca.hotlinetrends.anonymity.Checks;

/**
 * Re-identification risk of a table under the prosecutor model (El Emam and Dankar, "Protecting
 * Privacy Using k-Anonymity", JAMIA 15(5), 2008): the attacker knows the target is in the table
 * and matches them on the quasi-identifiers, so a record in equivalence class {@code E} is
 * re-identified with probability {@code 1/|E|}. Only published records count (suppressed records
 * are not in the table).
 *
 * @param records published records
 * @param classes published equivalence classes
 * @param highestRisk {@code 1 / min |E|} (0 for an empty table)
 * @param averageRisk mean of {@code 1/|E|} over records, which is {@code classes / records} (0
 *     for an empty table)
 * @param threshold the risk above which a record counts as at risk, in (0, 1]
 * @param recordsAtRisk records in classes with {@code 1/|E| > threshold}
 * @param sampleUniqueShare records in classes of size 1, divided by {@code records} (0 for an
 *     empty table)
 */
public record ProsecutorRisk(
        long records,
        long classes,
        double highestRisk,
        double averageRisk,
        double threshold,
        long recordsAtRisk,
        double sampleUniqueShare) {

    public ProsecutorRisk {
        Checks.atLeast("records", records, 0);
        Checks.atLeast("classes", classes, 0);
        if (classes > records) {
            throw new IllegalArgumentException(
                    "classes must be <= records " + records + ". Provided value: " + classes);
        }
        Checks.probability("highest risk", highestRisk);
        Checks.probability("average risk", averageRisk);
        Checks.positiveProbability("risk threshold", threshold);
        Checks.atLeast("records at risk", recordsAtRisk, 0);
        if (recordsAtRisk > records) {
            throw new IllegalArgumentException(
                    "records at risk must be <= records " + records + ". Provided value: " + recordsAtRisk);
        }
        Checks.probability("sample unique share", sampleUniqueShare);
    }

    /**
     * The risk of a table with these equivalence class sizes.
     *
     * @param classSizes size of each published class, each {@code >= 1}
     * @param threshold risk threshold in (0, 1]
     */
    public static ProsecutorRisk of(long[] classSizes, double threshold) {
        Checks.positiveProbability("risk threshold", threshold);
        long records = 0;
        long smallest = Long.MAX_VALUE;
        long atRisk = 0;
        long uniques = 0;
        for (long size : classSizes) {
            Checks.atLeast("class size", size, 1);
            records += size;
            smallest = Math.min(smallest, size);
            if (1.0 / size > threshold) {
                atRisk += size;
            }
            if (size == 1) {
                uniques++;
            }
        }
        if (records == 0) {
            return new ProsecutorRisk(0, 0, 0.0, 0.0, threshold, 0, 0.0);
        }
        return new ProsecutorRisk(
                records,
                classSizes.length,
                1.0 / smallest,
                (double) classSizes.length / records,
                threshold,
                atRisk,
                (double) uniques / records);
    }

    /** {@code recordsAtRisk / records} (0 for an empty table). */
    public double recordsAtRiskShare() {
        return records == 0 ? 0.0 : (double) recordsAtRisk / records;
    }
}
