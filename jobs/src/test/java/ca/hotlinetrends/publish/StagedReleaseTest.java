package ca.hotlinetrends.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staged release becomes visible, with its ledger entry, all at once or not at all. */
class StagedReleaseTest {

    private static final Quarter RELEASE = new Quarter(2026, 3);

    @TempDir
    Path root;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path pendingLedger(Warehouse wh, String runId, String content) throws IOException {
        Path dir = Files.createDirectories(wh.ledger().resolve("releases"));
        return Files.writeString(dir.resolve("." + RELEASE + "-" + runId + ".csv.pending"), content);
    }

    @Test
    void publish_replacesThePreviousFolderAndRecordsTheLedgerEntry() throws IOException {
        Warehouse wh = new Warehouse(root);
        Files.createDirectories(wh.release(RELEASE));
        Files.writeString(wh.release(RELEASE).resolve("old.csv"), "old");
        Files.createDirectories(wh.ledger().resolve("releases"));
        Files.writeString(wh.ledger().resolve("releases/2026Q3.csv"), "old ledger");
        try (StagedRelease s = StagedRelease.open(wh, RELEASE, "run-1")) {
            assertThat(wh.publishedReleases()).containsExactly(RELEASE);
            Files.writeString(s.dir().resolve("new.csv"), "new");
            s.deferLedger(pendingLedger(wh, "run-1", "new ledger"));
            assertThat(Files.readString(wh.ledger().resolve("releases/2026Q3.csv")))
                    .isEqualTo("old ledger");
            s.publish("content-1");
        }
        assertThat(names(wh.release(RELEASE))).containsExactly(StagedRelease.COMPLETE_MARKER, "new.csv");
        assertThat(Files.readString(wh.release(RELEASE).resolve(StagedRelease.COMPLETE_MARKER)))
                .isEqualTo("release=2026Q3\ncontent_id=content-1\n");
        assertThat(names(wh.published())).containsExactly("2026Q3");
        assertThat(names(wh.ledger().resolve("releases"))).containsExactly("2026Q3.csv");
        assertThat(Files.readString(wh.ledger().resolve("releases/2026Q3.csv"))).isEqualTo("new ledger");
    }

    @Test
    void openCopy_startsFromThePublishedRelease_andLeavesItUntouchedUntilPublished() throws IOException {
        Warehouse wh = new Warehouse(root);
        Files.createDirectories(wh.release(RELEASE).resolve("tables"));
        Files.writeString(wh.release(RELEASE).resolve("tables/a.csv"), "a");
        Files.writeString(wh.release(RELEASE).resolve("certificate.json"), "{}");
        Files.writeString(wh.release(RELEASE).resolve(StagedRelease.COMPLETE_MARKER), "release=2026Q3\ncontent_id=c\n");
        try (StagedRelease s = StagedRelease.openCopy(wh, RELEASE, "report-1")) {
            assertThat(names(s.dir()))
                    .as("the marker is not copied: the copy is not yet a complete release")
                    .containsExactly("certificate.json", "tables");
            assertThat(Files.readString(s.dir().resolve("tables/a.csv"))).isEqualTo("a");
            Files.writeString(s.dir().resolve("tables/a.csv"), "changed");
            assertThat(Files.readString(wh.release(RELEASE).resolve("tables/a.csv")))
                    .isEqualTo("a");
        }
        assertThat(names(wh.published()))
                .as("a copy closed unpublished leaves nothing")
                .containsExactly("2026Q3");
        assertThat(Files.readString(wh.release(RELEASE).resolve("tables/a.csv")))
                .isEqualTo("a");
        try (StagedRelease s = StagedRelease.openCopy(wh, RELEASE, "report-2")) {
            Files.writeString(s.dir().resolve("tables/a.csv"), "changed");
            s.publish("report-2");
        }
        assertThat(Files.readString(wh.release(RELEASE).resolve("tables/a.csv")))
                .isEqualTo("changed");
        assertThat(Files.readString(wh.release(RELEASE).resolve(StagedRelease.COMPLETE_MARKER)))
                .isEqualTo("release=2026Q3\ncontent_id=report-2\n");
    }

    @Test
    void openCopy_ofAReleaseNotYetPublished_isEmpty() throws IOException {
        Warehouse wh = new Warehouse(root);
        try (StagedRelease s = StagedRelease.openCopy(wh, RELEASE, "trends-1")) {
            assertThat(names(s.dir())).isEmpty();
        }
    }

    @Test
    void closeWithoutPublish_deletesTheStagingFolderAndThePendingLedgerEntry() throws IOException {
        Warehouse wh = new Warehouse(root);
        Files.createDirectories(wh.release(RELEASE));
        Files.writeString(wh.release(RELEASE).resolve("old.csv"), "old");
        try (StagedRelease s = StagedRelease.open(wh, RELEASE, "run-2")) {
            Files.createDirectories(s.dir().resolve("tables"));
            Files.writeString(s.dir().resolve("tables/new.csv"), "new");
            s.deferLedger(pendingLedger(wh, "run-2", "new ledger"));
        }
        assertThat(names(wh.published())).containsExactly("2026Q3");
        assertThat(names(wh.release(RELEASE))).containsExactly("old.csv");
        assertThat(names(wh.ledger().resolve("releases"))).isEmpty();
    }

    @Test
    void publishTwice_isRefused() {
        Warehouse wh = new Warehouse(root);
        try (StagedRelease s = StagedRelease.open(wh, RELEASE, "run-3")) {
            s.publish("content-3");
            assertThatThrownBy(() -> s.publish("content-3")).isInstanceOf(IllegalStateException.class);
        }
        assertThat(wh.publishedReleases()).containsExactly(RELEASE);
    }

    @Test
    void runIdWithAPathSeparator_isRejected() {
        assertThatThrownBy(() -> StagedRelease.open(new Warehouse(root), RELEASE, "../x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../x");
    }
}
