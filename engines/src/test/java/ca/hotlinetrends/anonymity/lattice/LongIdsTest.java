package ca.hotlinetrends.anonymity.lattice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link LongIds} against a {@link HashMap}: ids in order of first appearance, across growth and clears. */
class LongIdsTest {

    @Property(tries = 200)
    void idsFollowFirstAppearance_acrossGrowthAndClears(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3000) int keys,
            @ForAll @IntRange(min = 1, max = 64) int expected) {
        Random random = new Random(seed);
        LongIds ids = new LongIds(expected);
        for (int round = 0; round < 3; round++) {
            Map<Long, Integer> reference = new HashMap<>();
            // Few distinct values, so keys repeat; some far apart, so the mixed hash matters.
            long spread = random.nextBoolean() ? keys / 2 + 1 : Long.MAX_VALUE;
            for (int i = 0; i < keys; i++) {
                long key = random.nextLong() % spread;
                assertThat(ids.get(key)).isEqualTo(reference.getOrDefault(key, -1));
                Integer expectedId = reference.computeIfAbsent(key, k -> reference.size());
                assertThat(ids.idOf(key)).isEqualTo(expectedId);
                assertThat(ids.get(key)).isEqualTo(expectedId);
                assertThat(ids.size()).isEqualTo(reference.size());
            }
            long absent = Long.MIN_VALUE;
            assertThat(ids.get(absent)).isEqualTo(reference.containsKey(absent) ? reference.get(absent) : -1);
            if (round == 0) {
                ids.clear();
            } else {
                ids.clear(random.nextInt(4)); // may shrink the table
            }
            assertThat(ids.size()).isZero();
            reference.keySet().forEach(k -> assertThat(ids.get(k)).isEqualTo(-1));
        }
    }
}
