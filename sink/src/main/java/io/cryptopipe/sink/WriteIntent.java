package io.cryptopipe.sink;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * A write about to be attempted, stored in its own transaction before the write's, so that after a crash or a stop
 * the next writer can tell whether the write committed whole, committed in part or not at all.
 *
 * @param writer    which writer (one per task and table, for its lifetime) made the attempt
 * @param fromRowId the raw table's next row id before the first attempt: the write's rows lie past it
 * @param rowCount  how many rows the write adds
 * @param offsetSum the sum of their metadata offsets
 * @param spans     where the rows are, by the topic, partition and offsets in their metadata
 * @param expected  the partitions' next offsets before the write (a partition without one is absent)
 * @param next      the partitions' next offsets once the write has committed
 */
record WriteIntent(String writer, long fromRowId, int rowCount, long offsetSum, List<WrittenRows.Span> spans,
                   List<StoredOffset> expected, List<StoredOffset> next) {

    record StoredOffset(String topic, int partition, long offset) {
    }

    static WriteIntent of(String writer, long fromRowId, WrittenRows rows, Map<TopicPartition, Long> expected,
                          Map<TopicPartition, Long> next) {
        return new WriteIntent(writer, fromRowId, rows.count(), rows.offsetSum(), rows.spans(), listed(expected), listed(next));
    }

    WrittenRows rows(String qualifiedTable) {
        return new WrittenRows(qualifiedTable, spans, rowCount, offsetSum);
    }

    Map<TopicPartition, Long> expectedOffsets() {
        return mapped(expected);
    }

    Map<TopicPartition, Long> nextOffsets() {
        return mapped(next);
    }

    /** @return whether this is the writer's attempt of the batch about to be written, which only grows until written */
    boolean isEarlierAttemptOf(String writer, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {
        return this.writer.equals(writer) && expectedOffsets().equals(expected)
                && next.keySet().containsAll(nextOffsets().keySet());
    }

    private static List<StoredOffset> listed(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream()
                .map(e -> new StoredOffset(e.getKey().topic(), e.getKey().partition(), e.getValue()))
                .sorted(Comparator.comparing(StoredOffset::topic).thenComparingInt(StoredOffset::partition))
                .toList();
    }

    private static Map<TopicPartition, Long> mapped(List<StoredOffset> offsets) {
        Map<TopicPartition, Long> mapped = new HashMap<>();
        offsets.forEach(o -> mapped.put(new TopicPartition(o.topic(), o.partition()), o.offset()));
        return mapped;
    }
}
