package io.cryptopipe.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Records what a task asks of the Connect worker: rewinds, poll timeouts and dead letter reports. */
final class FakeSinkTaskContext implements SinkTaskContext {

    record Report(SinkRecord record, Throwable error) {
    }

    final Map<TopicPartition, Long> requestedOffsets = new HashMap<>();
    final List<Report> reports = new ArrayList<>();
    final Set<TopicPartition> assignment = new HashSet<>();
    long requestedTimeoutMs = -1;
    private enum DeadLetterQueue { NONE, WORKING, UNREACHABLE }

    private final DeadLetterQueue deadLetterQueue;

    private FakeSinkTaskContext(DeadLetterQueue deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    static FakeSinkTaskContext withDeadLetterQueue() {
        return new FakeSinkTaskContext(DeadLetterQueue.WORKING);
    }

    static FakeSinkTaskContext withUnreachableDeadLetterQueue() {
        return new FakeSinkTaskContext(DeadLetterQueue.UNREACHABLE);
    }

    static FakeSinkTaskContext withoutDeadLetterQueue() {
        return new FakeSinkTaskContext(DeadLetterQueue.NONE);
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (deadLetterQueue == DeadLetterQueue.NONE) {
            return null;
        }
        return (record, error) -> {
            reports.add(new Report(record, error));
            return deadLetterQueue == DeadLetterQueue.WORKING
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new IllegalStateException("dead letter topic unreachable"));
        };
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        requestedOffsets.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        requestedOffsets.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        requestedTimeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        throw new UnsupportedOperationException("the sink never pauses partitions");
    }

    @Override
    public void resume(TopicPartition... partitions) {
        throw new UnsupportedOperationException("the sink never pauses partitions");
    }

    @Override
    public void requestCommit() {
        throw new UnsupportedOperationException("the sink never requests commits");
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("the sink registers no metrics");
    }
}
