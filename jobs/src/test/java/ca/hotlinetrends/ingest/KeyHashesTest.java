package ca.hotlinetrends.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.testing.SharedSpark;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyHashesTest {

    @Test
    void theHash_isSparkSqlsXxhash64OfTheKey() {
        for (String key : List.of("CT457a1e81c9e4c770", "VI-1", "Québec", "")) {
            long sql = SharedSpark.session()
                    .sql("select xxhash64('" + key + "')")
                    .first()
                    .getLong(0);
            assertThat(KeyHashes.hash(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(key)
                    .isEqualTo(sql);
        }
    }

    @Test
    void repeated_findsEveryHashSeenTwice_withinOrAcrossTasks_once() {
        List<long[]> parts =
                List.of(new long[] {-5, 1, 1, 1, 7}, new long[] {}, new long[] {-5, 2, 8, 9}, new long[] {3, 9});
        assertThat(KeyHashes.repeated(parts)).containsExactly(-5, 1, 9);
        assertThat(KeyHashes.repeated(List.of(new long[] {1, 2, 3}, new long[] {4})))
                .isEmpty();
        assertThat(KeyHashes.repeated(List.of())).isEmpty();
    }

    @Test
    void repeated_agreesWithSortingEverything_overManyArraysOfRandomHashes() {
        java.util.Random random = new java.util.Random(19);
        for (int round = 0; round < 200; round++) {
            int arrays = random.nextInt(40);
            // Few distinct values in some rounds (many repeats, within and across arrays), the whole range in others.
            long range = round % 2 == 0 ? 1 + random.nextInt(50) : Long.MAX_VALUE;
            java.util.List<long[]> parts = new java.util.ArrayList<>();
            java.util.Map<Long, Integer> seen = new java.util.TreeMap<>();
            for (int a = 0; a < arrays; a++) {
                long[] part = new long[random.nextInt(30)];
                for (int i = 0; i < part.length; i++) {
                    part[i] = range == Long.MAX_VALUE ? random.nextLong() : random.nextLong(range) - range / 2;
                    seen.merge(part[i], 1, Integer::sum);
                }
                java.util.Arrays.sort(part);
                parts.add(part);
            }
            long[] expected = seen.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .mapToLong(java.util.Map.Entry::getKey)
                    .toArray();
            assertThat(KeyHashes.repeated(parts)).as("round " + round).containsExactly(expected);
        }
    }

    @Test
    void beyondItsLimit_theAccumulatorGivesUp_andSaysSo() {
        KeyHashes acc = new KeyHashes(5);
        acc.add(new long[] {1, 2, 3});
        assertThat(acc.value()).hasSize(1);
        acc.add(new long[] {4, 5, 6});
        assertThat(acc.value()).as("6 hashes, 5 allowed").isNull();
        acc.add(new long[] {7});
        assertThat(acc.value()).as("once given up, it stays so").isNull();

        KeyHashes other = new KeyHashes(5);
        other.add(null); // a task past its share
        KeyHashes merged = new KeyHashes(5);
        merged.add(new long[] {1});
        merged.merge(other);
        assertThat(merged.value()).isNull();
    }

    @Test
    void aTaskPastItsShare_sendsNothing() {
        KeyHashes.Collector c = new KeyHashes.Collector(3);
        c.add(9);
        c.add(-1);
        assertThat(c.sorted()).containsExactly(-1, 9);
        c.add(4);
        c.add(5);
        assertThat(c.sorted()).isNull();
    }
}
