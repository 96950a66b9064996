package io.cryptopipe.app.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Watches the data directory's disk on one background thread: free space every few seconds, and when it falls below
 * the minimum, ingest is paused (a full disk is where brokers and databases lose data) until there is a little more
 * than the minimum again, so that it does not flap at the edge; the sizes of the directory's parts every 30 s, since
 * walking the broker's log costs more than asking for free space.
 */
public final class DiskWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiskWatch.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    static final int SIZES_EVERY_CHECKS = 6;
    /** Ingest resumes at this fraction above the minimum. */
    static final double RESUME_MARGIN = 0.05;

    private final Path dataDir;
    private final long minFreeBytes;
    private final LongSupplier freeBytes;
    private final Consumer<String> pause;
    private final Runnable resume;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile DiskUsage latest;
    private int checks;

    /**
     * @param minFreeBytes below this many free bytes ingest pauses; 0 never pauses
     * @param pause        pauses ingest, saying why
     * @param resume       resumes it
     */
    public DiskWatch(Path dataDir, long minFreeBytes, Consumer<String> pause, Runnable resume, Clock clock) {
        this(dataDir, minFreeBytes, () -> usableSpace(dataDir), pause, resume, clock);
    }

    DiskWatch(Path dataDir, long minFreeBytes, LongSupplier freeBytes, Consumer<String> pause, Runnable resume,
              Clock clock) {
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
        this.freeBytes = freeBytes;
        this.pause = pause;
        this.resume = resume;
        this.clock = clock;
        this.latest = new DiskUsage(0, 0, 0, 0, -1, minFreeBytes, null, null);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "disk-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::checkSafely, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    public DiskUsage latest() {
        return latest;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.debug("Disk check failed", e);
        }
    }

    /** One check: free space, pause or resume, and every few checks the sizes. */
    void check() {
        DiskUsage previous = latest;
        long free = freeBytes.getAsLong();
        String pausedBecause = previous.ingestPausedBecause();
        if (minFreeBytes > 0 && pausedBecause == null && free < minFreeBytes) {
            pausedBecause = "only " + Bytes.text(free) + " free under " + dataDir + ", less than --min-free-disk "
                    + Bytes.text(minFreeBytes) + ": ingest is paused until there is more (free space, or lower the"
                    + " retention flags)";
            log.warn("Disk nearly full: {}", pausedBecause);
            pause.accept(pausedBecause);
        } else if (pausedBecause != null && free >= minFreeBytes * (1 + RESUME_MARGIN)) {
            log.info("Disk has {} free again under {}: ingest resumes", Bytes.text(free), dataDir);
            pausedBecause = null;
            resume.run();
        }
        DiskUsage usage = new DiskUsage(previous.brokerLogBytes(), previous.warehouseBytes(),
                previous.dbtArtifactsBytes(), previous.otherBytes(), free, minFreeBytes, pausedBecause, previous.sizesAt());
        if (checks++ % SIZES_EVERY_CHECKS == 0) {
            long broker = bytesUnder(dataDir.resolve("kafka"), DiskWatch::isNotKafkaIndex);
            long dbt = bytesUnder(dataDir.resolve("dbt"));
            long warehouse = 0;
            long total = bytesUnder(dataDir, DiskWatch::isNotKafkaIndex);
            try (Stream<Path> files = list(dataDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".duckdb") || name.endsWith(".duckdb.wal")) {
                        warehouse += size(file);
                    }
                }
            }
            usage = new DiskUsage(broker, warehouse, dbt, Math.max(0, total - broker - dbt - warehouse), free,
                    minFreeBytes, pausedBecause, clock.instant());
        }
        latest = usage;
    }

    /** Bytes of every regular file under {@code dir}; files that vanish while counted (Kafka's deleted segments) count 0. */
    static long bytesUnder(Path dir) {
        return bytesUnder(dir, file -> true);
    }

    static long bytesUnder(Path dir, Predicate<Path> counted) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(counted).mapToLong(DiskWatch::size).sum();
        } catch (IOException | UncheckedIOException e) {
            // A file deleted between listing and reading; the next measurement counts again.
            return 0;
        }
    }

    /**
     * Kafka preallocates each partition's active index files at 10 MiB, sparse: their length says 20 MiB a partition
     * where a few kB are on disk (315 MB against 15 MB in a run with 20 partitions), and Java cannot read a file's
     * allocated blocks. The index of a rolled segment is a fraction of a percent of its log, so the broker's size is
     * that of its logs and metadata.
     */
    private static boolean isNotKafkaIndex(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(".index") && !name.endsWith(".timeindex");
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // deleted while counted (NoSuchFileException), as Kafka's old segments are
        }
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space under " + dir, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Sizes as people read them. */
    static final class Bytes {
        private Bytes() {
        }

        static String text(long bytes) {
            if (bytes < 1_000_000) {
                return (bytes / 1000) + " kB";
            }
            if (bytes < 1_000_000_000) {
                return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
            }
            return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / 1e9);
        }
    }
}
