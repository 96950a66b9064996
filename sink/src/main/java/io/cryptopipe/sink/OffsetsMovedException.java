package io.cryptopipe.sink;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * A write found partitions' stored offsets other than the task last committed: another writer (a zombie task
 * after a rebalance, or a second connector on the same table) loaded them meanwhile. Nothing was committed.
 */
final class OffsetsMovedException extends Exception {

    private final transient Map<TopicPartition, Long> stored;

    /** @param stored the offsets now stored for the partitions that moved; absent if the row is gone */
    OffsetsMovedException(Map<TopicPartition, Long> stored) {
        super("stored offsets moved under this task: " + stored);
        this.stored = Collections.unmodifiableMap(new HashMap<>(stored));
    }

    Map<TopicPartition, Long> stored() {
        return stored;
    }
}
