package ca.hotlinetrends.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restricted/ is made owner-only, whatever else is happening in it. */
class WarehouseTest {

    @Test
    void lockDown_restrictsEverything_andPassesOverWhatIsGone(@TempDir Path dir) throws Exception {
        Warehouse w = new Warehouse(dir);
        Path work = Files.createDirectories(w.restricted().resolve("work").resolve("run-1"));
        Path file = Files.writeString(work.resolve("part.parquet"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        // A link to a file that is no longer there: what the walk meets when another stage of the run renames or
        // removes its work files meanwhile (setting its permissions finds no file).
        Files.createSymbolicLink(work.resolve("gone"), work.resolve("renamed-meanwhile"));

        w.lockDownRestricted();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.restricted())))
                .isEqualTo("rwx------");
    }
}
