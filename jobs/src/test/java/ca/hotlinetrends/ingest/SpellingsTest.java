package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Spellings} answers as the map of spellings it is made from, for values it holds and values it does not. */
class SpellingsTest {

    /** A value like {@code s} in length and in the characters the table samples, but another string. */
    private static String nearMiss(String s, Random random) {
        if (s.length() < 7) {
            return s + "x";
        }
        char[] c = s.toCharArray();
        int n = c.length;
        int at;
        do {
            at = random.nextInt(n);
        } while (at == 0 || at == n - 1 || at == n >> 1 || at == n >> 2 || at == n - 1 - (n >> 2));
        c[at] = c[at] == 'Z' ? 'Y' : 'Z';
        return new String(c);
    }

    @Test
    void everyCodeListOfTheSchemas_andValuesNotInIt() {
        Random random = new Random(29);
        int checked = 0;
        for (CodeList list : SchemaRegistry.load().codeLists()) {
            Map<String, String> map = new HashMap<>(list.spellings());
            list.entries().forEach(e -> map.putIfAbsent(e.code(), e.code()));
            Spellings spellings = new Spellings(map);
            List<String> probes = new ArrayList<>();
            for (String s : map.keySet()) {
                probes.add(new String(s.toCharArray())); // an equal string, not the same one
                probes.add(nearMiss(s, random));
                probes.add(s.toUpperCase(java.util.Locale.ROOT));
                probes.add(" " + s);
            }
            probes.add("");
            probes.add("NOT_A_CODE");
            for (String p : probes) {
                assertThat(spellings.get(p)).as(p).isEqualTo(map.get(p));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void manySpellingsAlikeInTheSampledCharacters_areStillTold_apart() {
        // Same length, same first, last and middle characters: all land near each other and are compared whole.
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            map.put(String.format("AGE_%03d_X_%03d_END", i, 999 - i), "C" + i);
        }
        map.put("", "EMPTY");
        Spellings spellings = new Spellings(map);
        map.forEach(
                (k, v) -> assertThat(spellings.get(new String(k.toCharArray()))).isEqualTo(v));
        assertThat(spellings.get("AGE_000_X_998_END")).isNull();
        assertThat(spellings.get("AGE_500_X_499_END")).isNull();
        assertThat(new Spellings(Map.of()).get("x")).isNull();
    }
}
