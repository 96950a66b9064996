package io.cryptopipe.sink;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads records into the raw table with exactly-once effect. The warehouse, not Kafka, is the record of progress:
 * rows and each partition's next offset commit together, partitions resume from the stored offsets, and records
 * below them are skipped, so a redelivery after a crash or a failed write adds nothing.
 */
public class WarehouseSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(WarehouseSinkTask.class);
    private static final int OPEN_ATTEMPTS = 10;
    /**
     * A task whose newest record was produced longer ago than this is working off a backlog. Its buffer then fills to
     * buffer.count.records, waiting no longer than this, instead of being written every buffer.flush.time: DuckDB
     * writes a transaction of a whole row group (122,880 rows) or more straight to the file, where smaller ones go
     * through its write-ahead log and are written again by a checkpoint (BENCHMARKS.md, sink).
     */
    static final long CATCH_UP_LAG_MILLIS = 1_000;

    private final Clock clock;
    private final RawRowEncoder encoder = new RawRowEncoder();
    private final PendingBatch batch = new PendingBatch();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private WarehouseSinkConfig config;
    private final Map<String, DuckDbRawTable> tables = new HashMap<>();
    private ErrantRecordReporter errantReporter;
    private boolean catchingUp;
    /** Read once: checked per record, and AbstractConfig notes every read in a synchronized set. */
    private int bufferCountRecords;

    public WarehouseSinkTask() {
        this(Clock.systemUTC());
    }

    WarehouseSinkTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return SinkVersion.current();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new WarehouseSinkConfig(props);
        bufferCountRecords = config.bufferCountRecords();
        errantReporter = errantReporterOf(context);
        log.info("Loading into {} of {} (buffer {} records or {} ms); dead letter queue {}", config.tables(),
                config.url(), config.bufferCountRecords(), config.bufferFlushTime().toMillis(),
                errantReporter == null ? "unavailable" : "available");
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (Map.Entry<String, Set<TopicPartition>> table : byTable(partitions).entrySet()) {
            stored.putAll(storedOffsets(table.getKey(), table.getValue()));
        }
        committed.putAll(stored);
        context.offset(stored);
        log.info("Resuming {} from warehouse offsets {}; other partitions start at the consumer group's position",
                partitions, stored);
    }

    /**
     * An exception from {@code open} kills the task for good, so a passing failure is retried here: DuckDB refuses to
     * open a file for a moment while the instance of a task that just stopped is still shutting down.
     */
    private Map<TopicPartition, Long> storedOffsets(String tableName, Set<TopicPartition> partitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                return table(tableName).storedOffsets(partitions);
            } catch (SQLException e) {
                if (attempt == OPEN_ATTEMPTS) {
                    throw new ConnectException("cannot read stored offsets from " + config.url() + " after "
                            + OPEN_ATTEMPTS + " attempts: " + e.getMessage(), e);
                }
                log.warn("Reading stored offsets from {} failed (attempt {} of {}); retrying in {} ms: {}", config.url(),
                        attempt, OPEN_ATTEMPTS, config.retryBackoff().toMillis(), e.getMessage());
                try {
                    Thread.sleep(config.retryBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("interrupted while reading stored offsets from " + config.url(), e);
                }
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = clock.millis();
        long newestProduced = Long.MIN_VALUE;
        for (SinkRecord record : records) {
            take(record, now);
            if (record.timestamp() != null && record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
                newestProduced = Math.max(newestProduced, record.timestamp());
            }
            if (batch.size() >= bufferCountRecords) {
                // Exactly the count: with the default, transactions of whole DuckDB row groups, which leave no
                // partial row group behind for a later checkpoint to merge (BENCHMARKS.md, sink).
                write();
            }
        }
        // An empty put means the consumer found nothing more: whatever the timestamps said, the backlog is gone.
        catchingUp = newestProduced != Long.MIN_VALUE && now - newestProduced > CATCH_UP_LAG_MILLIS;
        if (isDue(now)) {
            write();
        } else if (!batch.isEmpty()) {
            // Connect only calls put() again when records arrive or a commit is due; wake it when the buffer is.
            context.timeout(Math.max(1, flushWaitMillis() - batch.ageMillis(now)));
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        write();
    }

    /** @return the offsets stored in the warehouse, so Kafka's group offsets never run ahead of the table */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (!catchingUp) {
            // Behind its topic a task writes whole buffers: a write at every offset commit would split them.
            write();
        }
        Map<TopicPartition, OffsetAndMetadata> stored = new HashMap<>();
        for (TopicPartition partition : currentOffsets.keySet()) {
            Long next = committed.get(partition);
            if (next != null) {
                stored.put(partition, new OffsetAndMetadata(next));
            }
        }
        return stored;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        try {
            write();
        } catch (ConnectException e) {
            log.warn("Could not write the buffered records of closing partitions {}; their next owner reads them "
                    + "again from the warehouse offsets", partitions, e);
            batch.discard(partitions);
        }
        committed.keySet().removeAll(partitions);
    }

    @Override
    public void stop() {
        tables.values().forEach(DuckDbRawTable::close);
        tables.clear();
    }

    private void take(SinkRecord record, long now) {
        // Progress is tracked against the offsets Kafka delivered, whatever transforms did to topic or partition.
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long offset = record.originalKafkaOffset();
        long next = nextOffset(partition);
        if (offset < next) {
            return;
        }
        if (offset > next && (committed.containsKey(partition) || batch.nextOffset(partition) != null)) {
            // The producer is idempotent, not transactional, and the topic is not compacted: offsets have no holes,
            // so a jump past the offset this task stands at means the consumer found that offset below the log
            // start and resumed from there. (A partition without a stored offset starts at the group's position.)
            deletedBeforeLoading(partition, next, offset - 1);
        }
        try {
            batch.addRow(partition, offset, encoder.encode(record, now), now);
        } catch (DataException e) {
            DataException located = new DataException(
                    "record " + partition + " offset " + offset + " cannot be loaded: " + e.getMessage(), e);
            if (errantReporter == null) {
                throw located;
            }
            batch.addReported(partition, offset, errantReporter.report(record, located), now);
        }
    }

    private void deletedBeforeLoading(TopicPartition partition, long first, long last) {
        log.warn("Records {}..{} of partition {} were deleted by Kafka retention before the sink loaded them ({} records);"
                + " resuming from offset {}. Keep the sink's lag under --kafka-retention.", first, last, partition,
                last - first + 1, last + 1);
        try {
            table(config.tableFor(partition.topic())).recordDeletedBeforeLoading(partition, first, last);
        } catch (SQLException e) {
            log.warn("Could not record the deleted records {}..{} of {} in the warehouse: {}", first, last, partition,
                    e.getMessage());
        }
    }

    private long nextOffset(TopicPartition partition) {
        Long pending = batch.nextOffset(partition);
        if (pending != null) {
            return pending;
        }
        return committed.getOrDefault(partition, 0L);
    }

    private boolean isDue(long now) {
        return !batch.isEmpty() && (batch.size() >= bufferCountRecords
                || batch.ageMillis(now) >= flushWaitMillis());
    }

    private long flushWaitMillis() {
        long flushTime = config.bufferFlushTime().toMillis();
        return catchingUp ? Math.max(flushTime, CATCH_UP_LAG_MILLIS) : flushTime;
    }

    /** Each table commits its own partitions' rows and offsets; a failed table keeps its records buffered. */
    private void write() {
        if (batch.isEmpty()) {
            return;
        }
        batch.awaitReports();
        boolean offsetsMoved = false;
        for (Map.Entry<String, Set<TopicPartition>> table : byTable(batch.nextOffsets().keySet()).entrySet()) {
            try {
                writeTable(table(table.getKey()), table.getValue());
            } catch (OffsetsMovedException e) {
                followOtherWriter(e.stored(), table.getKey());
                offsetsMoved = true;
            }
        }
        if (offsetsMoved) {
            write();
        }
    }

    private void writeTable(DuckDbRawTable table, Set<TopicPartition> partitions) throws OffsetsMovedException {
        Map<TopicPartition, Long> nextOffsets = new HashMap<>(batch.nextOffsets());
        nextOffsets.keySet().retainAll(partitions);
        Map<TopicPartition, Long> expected = new HashMap<>(committed);
        expected.keySet().retainAll(partitions);
        List<RawRow> rows = batch.rows(partitions);
        long started = System.nanoTime();
        try {
            table.write(rows, expected, nextOffsets);
        } catch (SQLException e) {
            String outcome = e instanceof UnconfirmedWriteException
                    ? "could not be confirmed; the retry replaces whatever it committed"
                    : "failed and was rolled back";
            log.warn("Writing {} records to {} {}; retrying in {} ms: {}", rows.size(), table.qualifiedTable(), outcome,
                    config.retryBackoff().toMillis(), e.getMessage());
            context.timeout(config.retryBackoff().toMillis());
            throw new RetriableException("writing " + rows.size() + " records to " + table.qualifiedTable() + " "
                    + outcome + "; the records stay buffered for a retry: " + e.getMessage(), e);
        }
        committed.putAll(nextOffsets);
        batch.discard(partitions);
        log.debug("Wrote {} records to {} in {} ms; next offsets {}", rows.size(), table.qualifiedTable(),
                (System.nanoTime() - started) / 1_000_000, nextOffsets);
    }

    private DuckDbRawTable table(String name) {
        return tables.computeIfAbsent(name, t -> new DuckDbRawTable(config.url(), config.schema(), t));
    }

    private Map<String, Set<TopicPartition>> byTable(Collection<TopicPartition> partitions) {
        Map<String, Set<TopicPartition>> byTable = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            byTable.computeIfAbsent(config.tableFor(partition.topic()), t -> new HashSet<>()).add(partition);
        }
        return byTable;
    }

    /**
     * Another writer loaded these partitions past where this task left them. Its rows stand; this task drops its
     * copies and continues from the stored offsets, as after a restart.
     */
    private void followOtherWriter(Map<TopicPartition, Long> stored, String table) {
        log.warn("The warehouse offsets of {} moved under this task (another writer of {}?); dropping this task's "
                + "buffered records of them and continuing from the stored offsets {}", stored.keySet(), table, stored);
        Map<TopicPartition, Long> rewind = new HashMap<>();
        stored.forEach((partition, next) -> {
            if (next == null) {
                committed.remove(partition); // nothing stored any more: this task's records of it are still due
            } else {
                committed.put(partition, next);
                rewind.put(partition, next);
            }
        });
        batch.discard(rewind.keySet());
        context.offset(rewind);
    }

    /** Workers older than Kafka 2.6 have no dead letter reporter for sink tasks. */
    private static ErrantRecordReporter errantReporterOf(SinkTaskContext context) {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }
}
