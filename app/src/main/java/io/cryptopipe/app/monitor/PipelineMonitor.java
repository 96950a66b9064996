package io.cryptopipe.app.monitor;

import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.feed.StreamStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.Consumer;

/**
 * Samples every stage on one background thread (every {@code interval}) so that API requests read a ready snapshot
 * instead of querying Kafka and the warehouse themselves.
 */
public final class PipelineMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineMonitor.class);
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final IngestService ingest;
    private final String topic;
    private final String dlqTopic;
    private final WarehouseFile warehouse;
    private final Clock clock;
    private final Supplier<DiskUsage> disk;
    private final Admin admin;
    private final ScheduledExecutorService executor;
    private final Consumer<PipelineSnapshot> observer;
    private volatile PipelineSnapshot latest;
    /** The highest raw row whose trade → raw time was counted (monitor thread only); unknown before the first sample. */
    private long rawPosition = UNKNOWN;

    /**
     * @param disk     the data directory's latest sizes and free space
     * @param observer told of every sample, on the monitor's thread (the history keeps them)
     */
    public PipelineMonitor(IngestService ingest, String bootstrapServers, String topic, String dlqTopic,
                           WarehouseFile warehouse, Clock clock, Supplier<DiskUsage> disk,
                           Consumer<PipelineSnapshot> observer) {
        this.ingest = ingest;
        this.disk = disk;
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.warehouse = warehouse;
        this.clock = clock;
        this.observer = observer;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", "5000",
                "default.api.timeout.ms", "5000"));
        this.latest = PipelineSnapshot.empty(clock.instant());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pipeline-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public PipelineSnapshot latest() {
        return latest;
    }

    private void sample() {
        try {
            latest = takeSnapshot(latest);
            observer.accept(latest);
        } catch (RuntimeException e) {
            log.debug("Monitor sample failed", e);
        }
    }

    private PipelineSnapshot takeSnapshot(PipelineSnapshot previous) {
        Instant now = clock.instant();
        Map<String, Long> counters = RecordCounters.of(ingest.metrics());
        StreamStatus status = ingest.status();
        long topicEnd = previous.topicEndOffset();
        long dlqEnd = previous.dlqEndOffset();
        String kafkaError = null;
        try {
            topicEnd = endOffset(topic);
            dlqEnd = endOffset(dlqTopic);
        } catch (Exception e) {
            kafkaError = "cannot read topic offsets: " + e.getMessage();
        }
        long loaded = previous.sinkLoaded();
        Instant lastLoadedAt = previous.lastLoadedAt();
        GoldLag.Percentiles tradeToRaw = GoldLag.Percentiles.none();
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            loaded = singleLong(statement, "select coalesce(sum(next_offset), 0) from cryptopipe_sink_offsets where topic = '" + topic + "'");
            if (previous.ingestCounters().isEmpty()) {
                // Reading LoadedAt means parsing JSON over the whole raw table, so it is done once; after that the
                // sink's committed offsets moving forward is the news that rows landed.
                long loadedAtMs = singleLong(statement, "select coalesce(max(cast(RECORD_METADATA->>'LoadedAt' as bigint)), -1) from stock_trades_raw");
                lastLoadedAt = loadedAtMs < 0 ? null : Instant.ofEpochMilli(loadedAtMs);
            } else if (loaded > previous.sinkLoaded()) {
                lastLoadedAt = now;
            }
            tradeToRaw = tradeToRaw(connection, statement);
        } catch (SQLException | RuntimeException e) {
            log.debug("Monitor could not read the warehouse: {}", e.getMessage());
        }
        double seconds = Math.max(0.001, Duration.between(previous.takenAt(), now).toMillis() / 1000.0);
        long published = counters.getOrDefault("tradesPublished", 0L);
        long previousPublished = previous.ingestCounters().getOrDefault("tradesPublished", published);
        double tradesPerSecond = (published - previousPublished) / seconds;
        double loadedPerSecond = previous.sinkLoaded() == 0 && previous.ingestCounters().isEmpty() ? 0 : (loaded - previous.sinkLoaded()) / seconds;
        return new PipelineSnapshot(now, counters, status.state().name(), status.lastError(), tradesPerSecond, topicEnd,
                dlqEnd, loaded, Math.max(0, topicEnd - loaded), Math.max(0, loadedPerSecond), lastLoadedAt, kafkaError,
                disk.get(), tradeToRaw, feedStates());
    }

    /**
     * Trade → raw for the rows written since the last sample, from their LoadedAt (the sink's clock) back to their
     * trade time (the exchange's). The first sample only takes the position: rows already there were loaded before
     * this process could see them arrive. The raw table is append-only and pruning keeps the rowids of what stays.
     */
    private GoldLag.Percentiles tradeToRaw(Connection connection, Statement statement) throws SQLException {
        if (rawPosition == UNKNOWN) {
            rawPosition = singleLong(statement, "select coalesce(max(rowid), -1) from stock_trades_raw");
            return GoldLag.Percentiles.none();
        }
        LagBuckets added = LagBuckets.after(connection, "stock_trades_raw", "cast(RECORD_METADATA->>'LoadedAt' as bigint) * 1000"
                + " - cast(RECORD_CONTENT->>'trade_time_us' as bigint)", "rowid", rawPosition);
        rawPosition = added.highestRow();
        return GoldLag.Percentiles.of(added.counts());
    }

    private Map<String, String> feedStates() {
        Map<String, String> states = new TreeMap<>();
        ingest.feedStatuses().forEach((exchange, status) -> states.put(exchange, status.state().name()));
        return states;
    }

    private long endOffset(String name) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get(5, TimeUnit.SECONDS).get(name);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static long singleLong(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
