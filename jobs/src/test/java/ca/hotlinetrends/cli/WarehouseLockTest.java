package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.warehouse.Warehouse;
import ca.hotlinetrends.warehouse.WarehouseLock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per warehouse: a second one exits with {@link HotlineTrends#WAREHOUSE_BUSY} and changes nothing. */
class WarehouseLockTest {

    @Test
    void aRunOnALockedWarehouse_exitsBusy_andTheLockIsFreeOnceReleased(@TempDir Path dir) {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        try (WarehouseLock held = WarehouseLock.acquire(wh)) {
            int exit = HotlineTrends.execute(
                    "run",
                    "--input",
                    dir.resolve("no-export").toString(),
                    "--release",
                    "2026Q3",
                    "--warehouse",
                    wh.root().toString());
            assertThat(exit).isEqualTo(HotlineTrends.WAREHOUSE_BUSY);
            // The single-stage commands that write take the same lock.
            for (String[] command : List.of(
                    new String[] {
                        "ingest", "--input", dir.resolve("no-export.csv").toString(), "--dataset", "contacts"
                    },
                    new String[] {"trends", "--release", "2026Q3"},
                    new String[] {"anonymize", "--release", "2026Q3"},
                    new String[] {"report", "--release", "2026Q3"})) {
                List<String> args = new java.util.ArrayList<>(List.of(command));
                args.addAll(List.of("--warehouse", wh.root().toString()));
                assertThat(HotlineTrends.execute(args.toArray(String[]::new)))
                        .as(command[0])
                        .isEqualTo(HotlineTrends.WAREHOUSE_BUSY);
            }
        }
        assertThat(wh.published()).doesNotExist();
        assertThat(wh.restricted()).doesNotExist();
        WarehouseLock.acquire(wh).close();
    }
}
