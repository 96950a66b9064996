package io.cryptopipe.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Records taken since the last successful write: rows for the raw table, records handed to the dead letter queue,
 * and the next offset of every partition they came from. It stays intact until a write commits, so a failed
 * write loses nothing.
 */
final class PendingBatch {

    private record BufferedRow(TopicPartition partition, RawRow row) {
    }

    private record Report(TopicPartition partition, Future<Void> done) {
    }

    private final List<BufferedRow> rows = new ArrayList<>();
    private final List<Report> reports = new ArrayList<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private long oldestTakenAtMillis;

    void addRow(TopicPartition partition, long offset, RawRow row, long nowMillis) {
        taken(partition, offset, nowMillis);
        rows.add(new BufferedRow(partition, row));
    }

    void addReported(TopicPartition partition, long offset, Future<Void> done, long nowMillis) {
        taken(partition, offset, nowMillis);
        reports.add(new Report(partition, done));
    }

    private void taken(TopicPartition partition, long offset, long nowMillis) {
        if (isEmpty()) {
            oldestTakenAtMillis = nowMillis;
        }
        nextOffsets.put(partition, offset + 1);
    }

    boolean isEmpty() {
        return nextOffsets.isEmpty();
    }

    int size() {
        return rows.size() + reports.size();
    }

    /** @return the offset after the last record taken from the partition, or null if none is pending */
    Long nextOffset(TopicPartition partition) {
        return nextOffsets.get(partition);
    }

    Map<TopicPartition, Long> nextOffsets() {
        return Map.copyOf(nextOffsets);
    }

    /** @return the rows taken from the given partitions, in the order they were taken */
    List<RawRow> rows(Set<TopicPartition> partitions) {
        return rows.stream().filter(row -> partitions.contains(row.partition())).map(BufferedRow::row).toList();
    }

    long ageMillis(long nowMillis) {
        return isEmpty() ? 0 : nowMillis - oldestTakenAtMillis;
    }

    /**
     * Blocks until the dead letter queue holds every reported record, so committing their offsets in the
     * warehouse can never lose one.
     */
    void awaitReports() {
        for (Report report : reports) {
            try {
                report.done().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for the dead letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("a record could not be sent to the dead letter queue", e.getCause());
            }
        }
    }

    /** Forgets the partitions' records; they are read again from the warehouse offsets by whoever owns them next. */
    void discard(Collection<TopicPartition> partitions) {
        rows.removeIf(row -> partitions.contains(row.partition()));
        reports.removeIf(report -> partitions.contains(report.partition()));
        nextOffsets.keySet().removeAll(partitions);
    }
}
