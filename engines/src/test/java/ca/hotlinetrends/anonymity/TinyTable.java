package ca.hotlinetrends.anonymity;

import ca.hotlinetrends.schema.Hierarchy;
import java.util.List;

/**
 * A hand-computable fixture: 10 records over sex (M, F -> *) and age (20, 25 -> 20-29;
 * 30, 35 -> 30-39; -> *): (M,20) x3, (M,25) x2, (F,30) x1, (F,35) x4.
 */
final class TinyTable {

    static final Hierarchy SEX = Hierarchy.of("sex", List.of(new String[] {"M", "*"}, new String[] {"F", "*"}));
    static final Hierarchy AGE = Hierarchy.of(
            "age",
            List.of(
                    new String[] {"20", "20-29", "*"},
                    new String[] {"25", "20-29", "*"},
                    new String[] {"30", "30-39", "*"},
                    new String[] {"35", "30-39", "*"}));

    private TinyTable() {}

    static FrequencyTable table() {
        return FrequencyTable.builder(List.of("sex", "age"))
                .add(new String[] {"M", "20"}, 3)
                .add(new String[] {"M", "25"}, 2)
                .add(new String[] {"F", "30"}, 1)
                .add(new String[] {"F", "35"}, 4)
                .build();
    }

    static AnonymityConfig.Builder config() {
        return AnonymityConfig.builder()
                .quasiIdentifiers("sex", "age")
                .hierarchy(SEX)
                .hierarchy(AGE);
    }
}
