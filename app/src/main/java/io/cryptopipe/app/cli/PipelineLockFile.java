package io.cryptopipe.app.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code <data-dir>/up.lock}, locked by {@code up} before it opens anything and until it exits (the operating system
 * releases it when the process dies, kill -9 included, so it never goes stale). Commands that would open the warehouse
 * file themselves check it: while a pipeline holds it they wait for its HTTP API instead of racing its start-up for
 * the file, which DuckDB lets only one process open.
 */
final class PipelineLockFile implements AutoCloseable {
    static final String NAME = "up.lock";
    private static final Duration CHECK_PATIENCE = Duration.ofSeconds(1);

    private final FileChannel channel;
    private final FileLock lock;

    private PipelineLockFile(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @return the lock, or empty when another process (or this one) holds it; another command's check holds it for a
     * moment, so a refusal is retried for a second before it counts
     */
    static Optional<PipelineLockFile> acquire(Path dataDir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + CHECK_PATIENCE.toNanos();
            FileLock lock = tryLock(channel, false);
            while (lock == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                lock = tryLock(channel, false);
            }
            if (lock != null) {
                return Optional.of(new PipelineLockFile(channel, lock));
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserError("cannot create " + dataDir.resolve(NAME) + ": " + e.getMessage()
                    + " (pass a --data-dir you can write to)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(channel);
        return Optional.empty();
    }

    /** @return whether a pipeline ({@code up}) holds the lock of this data directory */
    static boolean isHeld(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            return false;
        }
        // A shared lock, held for a moment: an `up` starting at the same moment retries its exclusive one.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = tryLock(channel, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written to it: the lock was all it held, and the process exit releases that anyway
        }
    }
}
