package ca.hotlinetrends.reports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored fixture release is exactly what its seeded generator writes, so it can be regenerated. */
class FixtureReleaseTest {

    @Test
    void storedFixture_equalsTheGeneratorsOutput(@TempDir Path tmp) throws IOException {
        FixtureRelease.write(tmp, 20260930L);
        Path stored = Fixtures.storedRelease();
        List<Path> expected;
        try (Stream<Path> files = Files.walk(tmp)) {
            expected = files.filter(Files::isRegularFile)
                    .map(tmp::relativize)
                    .sorted()
                    .toList();
        }
        List<Path> actual;
        try (Stream<Path> files = Files.walk(stored)) {
            actual = files.filter(Files::isRegularFile)
                    .map(stored::relativize)
                    .sorted()
                    .toList();
        }
        assertThat(actual).isEqualTo(expected);
        for (Path p : expected) {
            assertThat(Files.readString(stored.resolve(p)))
                    .as(p.toString())
                    .isEqualTo(Files.readString(tmp.resolve(p)));
        }
    }

    @Test
    void suppressedCells_followThePublishedFormat() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.storedRelease().resolve("tables/changes_by_province.csv"));
        assertThat(lines.get(0))
                .isEqualTo("period_type,period,comparison,province_code,cases,cases_before,"
                        + "percent_change,p_value,p_adjusted,significant,status");
        assertThat(lines).anyMatch(l -> l.matches("quarter,2026Q3,year_over_year,[A-Z]+,x,x,x,x,x,x,suppressed"));
        assertThat(lines.get(lines.size() - 1)).startsWith("# x: suppressed to protect confidentiality");
    }
}
