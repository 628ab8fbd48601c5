package ca.hotlinetrends.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per warehouse: an exclusive lock on {@code <warehouse>/.lock}, held for the whole of a run. The
 * operating system releases it when the process ends, however it ends (a run killed with SIGKILL leaves no stale
 * lock), so the next run can clean up after it ({@code StagedRelease.recover}).
 */
public final class WarehouseLock implements AutoCloseable {

    /** Another process (or another run in this process) holds the lock. */
    public static final class BusyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BusyException(Path lockFile) {
            super("another run holds the warehouse lock (" + lockFile + "); try again when it has finished");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private WarehouseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock without waiting. @throws BusyException if it is held */
    public static WarehouseLock acquire(Warehouse warehouse) {
        Path file = warehouse.root().resolve(".lock");
        try {
            Files.createDirectories(warehouse.root());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new BusyException(file);
            }
            return new WarehouseLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the warehouse " + warehouse.root(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the warehouse lock", e);
        }
    }
}
