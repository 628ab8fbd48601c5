package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.warehouse.Warehouse;
import ca.hotlinetrends.warehouse.WarehouseLock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per warehouse: a second one exits with {@link HotlineTrends#WAREHOUSE_BUSY} and changes nothing. */
class WarehouseLockTest {

    @Test
    void aRunOnALockedWarehouse_exitsBusy_andTheLockIsFreeOnceReleased(@TempDir Path dir) {
        Warehouse wh = new Warehouse(dir.resolve("wh"));
        try (WarehouseLock held = WarehouseLock.acquire(wh)) {
            int exit = HotlineTrends.execute("run", "--input", dir.resolve("no-export").toString(), "--release", "2026Q3",
                    "--warehouse", wh.root().toString());
            assertThat(exit).isEqualTo(HotlineTrends.WAREHOUSE_BUSY);
        }
        assertThat(wh.published()).doesNotExist();
        assertThat(wh.restricted()).doesNotExist();
        WarehouseLock.acquire(wh).close();
    }
}
