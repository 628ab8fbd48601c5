package ca.hotlinetrends.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissions set through java.nio are those Hadoop's chmod would set. */
class NioLocalFileSystemTest {

    @Test
    void posixPermissions_matchTheOctalModes() {
        for (int mode : new int[] {0644, 0600, 0755, 0700, 0640, 0000, 0777, 0421}) {
            String expected = PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) mode)));
            StringBuilder symbolic = new StringBuilder();
            for (int shift = 6; shift >= 0; shift -= 3) {
                int bits = (mode >> shift) & 7;
                symbolic.append((bits & 4) != 0 ? 'r' : '-')
                        .append((bits & 2) != 0 ? 'w' : '-')
                        .append((bits & 1) != 0 ? 'x' : '-');
            }
            assertThat(expected).as(Integer.toOctalString(mode)).isEqualTo(symbolic.toString());
        }
    }

    @Test
    void filesSparkAndTheCopiesCreate_getTheirPermissions(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", NioLocalFileSystem.Checked.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set("fs.permissions.umask-mode", "022");
        try (FileSystem fs = FileSystem.get(dir.toUri(), conf)) {
            assertThat(fs).isInstanceOf(NioLocalFileSystem.Checked.class);
            org.apache.hadoop.fs.Path file =
                    new org.apache.hadoop.fs.Path(dir.resolve("a.parquet").toUri());
            try (FSDataOutputStream out = fs.create(file)) {
                out.write(1);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.parquet"))))
                    .isEqualTo("rw-r--r--");
            assertThat(dir.resolve(".a.parquet.crc"))
                    .as("Hadoop's checksums as before")
                    .exists();
            fs.setPermission(file, new FsPermission((short) 0600));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.parquet"))))
                    .isEqualTo("rw-------");
            // a sticky bit goes to chmod, as in Hadoop
            fs.setPermission(file, new FsPermission((short) 01640));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.parquet"))))
                    .isEqualTo("rw-r-----");
            assertThatThrownBy(() -> fs.setPermission(
                            new org.apache.hadoop.fs.Path(dir.resolve("missing").toUri()),
                            new FsPermission((short) 0644)))
                    .isInstanceOf(FileNotFoundException.class);
        }
    }
}
