package ca.hotlinetrends.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.cli.HotlineTrends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration values that weaken protection are refused unless explicitly overridden. */
class ProtectionFloorsTest {

    @TempDir
    Path dir;

    private HotlineConfig load(String privacyYaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "privacy:\n" + privacyYaml);
        return HotlineConfig.load(file);
    }

    @Test
    void defaults_areAcceptedWithNoOverride() {
        assertThat(HotlineConfig.defaults().privacy().allowWeakerProtection()).isFalse();
        assertThat(HotlineConfig.defaults().privacy().overrides()).isEmpty();
    }

    @Test
    void kBelowFive_isRefused() {
        assertThatThrownBy(() -> load("  k: 4\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privacy.k = 4")
                .hasMessageContaining("privacy.k must be >= 5")
                .hasMessageContaining("privacy.allow_weaker_protection: true");
    }

    @Test
    void minCellCountBelowThree_isRefused() {
        assertThatThrownBy(() -> load("  min_cell_count: 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privacy.min_cell_count = 2")
                .hasMessageContaining("privacy.min_cell_count must be >= 3");
    }

    @Test
    void suppressionLimitAboveTwentyPercent_isRefused() {
        assertThatThrownBy(() -> load("  suppression_limit: 0.25\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privacy.suppression_limit = 0.25")
                .hasMessageContaining("privacy.suppression_limit must be <= 0.2");
    }

    @Test
    void protectionWidthBelowMinCellCount_isRefused() {
        assertThatThrownBy(() -> load("  min_cell_count: 6\n  protection_width: 5\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privacy.protection_width = 5 is below privacy.min_cell_count = 6")
                .hasMessageContaining("privacy.protection_width must be >= privacy.min_cell_count");
    }

    @Test
    void everyBreach_isNamedInOneMessage() {
        assertThatThrownBy(() -> load("  k: 3\n  suppression_limit: 0.5\n"))
                .hasMessageContaining("privacy.k = 3")
                .hasMessageContaining("privacy.suppression_limit = 0.5");
    }

    @Test
    void valuesAtTheFloors_areAccepted() throws IOException {
        HotlineConfig c = load("  k: 5\n  min_cell_count: 3\n  suppression_limit: 0.20\n  protection_width: 3\n");
        assertThat(c.privacy().overrides()).isEmpty();
    }

    @Test
    void explicitOverride_acceptsWeakerValuesAndListsThem() throws IOException {
        HotlineConfig c = load("  k: 3\n  min_cell_count: 2\n  protection_width: 1\n  allow_weaker_protection: true\n");
        assertThat(c.privacy().k()).isEqualTo(3);
        assertThat(c.privacy().overrides()).hasSize(3);
        assertThat(c.privacy().overrides().get(0)).startsWith("privacy.k = 3");
        assertThat(c.privacy().overrides().get(1)).startsWith("privacy.min_cell_count = 2");
        assertThat(c.privacy().overrides().get(2)).startsWith("privacy.protection_width = 1");
    }

    @Test
    void weakerConfiguration_makesTheCommandExitWithTheBadUsageCode() throws IOException {
        Path file = dir.resolve("weak.yaml");
        Files.writeString(file, "privacy:\n  min_cell_count: 2\n");
        assertThat(HotlineTrends.execute(
                        "trends",
                        "--release",
                        "2026Q3",
                        "--config",
                        file.toString(),
                        "--warehouse",
                        dir.resolve("wh").toString()))
                .isEqualTo(HotlineTrends.BAD_USAGE);
        assertThat(dir.resolve("wh")).doesNotExist();
    }

    @Test
    void strictConstructor_refusesWeakerValues() {
        assertThatThrownBy(() -> new HotlineConfig.Privacy(4, 0.05, "loss", 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("privacy.k = 4");
    }
}
