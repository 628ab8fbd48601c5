package ca.hotlinetrends.warehouse;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system with permissions set through {@code java.nio} instead of a {@code chmod} process.
 *
 * <p>Without Hadoop's native library (it is not shipped here), {@link RawLocalFileSystem} gives every file it creates
 * its permissions by running {@code chmod}: a process per Parquet file, each waited for. A demo run writes about 80
 * files that way (its staged quarters, its tables, their provenance), about a second of the run. The permissions are
 * the same; a sticky bit, which {@code java.nio} cannot set, and file systems without POSIX permissions still go to
 * {@code chmod}. Spark's session ({@code fs.file.impl}, with Hadoop's checksums: {@link Checked}) and the Parquet
 * files this project copies itself ({@link SparkParquet#localConf}, raw: {@link Raw}) use it.
 */
public final class NioLocalFileSystem {

    private NioLocalFileSystem() {}

    /** The raw local file system (no checksum files), permissions through {@code java.nio}. */
    public static class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Set<PosixFilePermission> posix = permission.getStickyBit() ? null : posix(permission);
            if (posix != null) {
                try {
                    Files.setPosixFilePermissions(pathToFile(p).toPath(), posix);
                    return;
                } catch (NoSuchFileException e) {
                    throw new FileNotFoundException("no such file: " + p);
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions: set them as Hadoop does, below
                }
            }
            super.setPermission(p, permission);
        }
    }

    /** The local file system Spark uses for {@code file:} paths (checksum files as Hadoop's), over {@link Raw}. */
    public static class Checked extends LocalFileSystem {
        public Checked() {
            super(new Raw());
        }
    }

    /** The POSIX permissions of a Hadoop permission (user, group, others; no sticky bit): its symbolic form. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        return PosixFilePermissions.fromString(permission.getUserAction().SYMBOL
                + permission.getGroupAction().SYMBOL
                + permission.getOtherAction().SYMBOL);
    }
}
