package io.cryptopipe.app.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How long the pipeline's topics keep their records, set on the topics themselves (so it holds for topics that
 * already exist on a restart, whatever they were created with). Kafka deletes only whole closed segments, so the
 * segments roll often enough for the retention to take effect: a 64 MiB segment at a few trades a second would
 * otherwise stay open, and its records stay, for days.
 *
 * @param retention how long records stay
 * @param bytes     the most a partition keeps, 0 for no bound
 */
public record TopicRetention(Duration retention, long bytes) {
    static final Duration LONGEST_SEGMENT = Duration.ofHours(1);
    static final Duration SHORTEST_SEGMENT = Duration.ofSeconds(10);
    static final long LARGEST_SEGMENT_BYTES = 64L * 1024 * 1024;
    /** Kafka refuses smaller segments. */
    static final long SMALLEST_SEGMENT_BYTES = 1024 * 1024;

    public TopicRetention {
        if (retention.isNegative() || retention.isZero() || bytes < 0) {
            throw new IllegalArgumentException("topic retention must be positive, got " + retention + " and " + bytes + " bytes");
        }
    }

    /** The topic configs: a segment rolls after a third of the retention (10 s to an hour) or a quarter of the bytes. */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()));
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, String.valueOf(bytes == 0 ? -1 : bytes));
        Duration segment = retention.dividedBy(3);
        segment = segment.compareTo(SHORTEST_SEGMENT) < 0 ? SHORTEST_SEGMENT
                : segment.compareTo(LONGEST_SEGMENT) > 0 ? LONGEST_SEGMENT : segment;
        configs.put(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(segment.toMillis()));
        long segmentBytes = bytes == 0 ? LARGEST_SEGMENT_BYTES
                : Math.max(SMALLEST_SEGMENT_BYTES, Math.min(LARGEST_SEGMENT_BYTES, bytes / 4));
        configs.put(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(segmentBytes));
        return configs;
    }

    /**
     * How often the broker looks for segments to delete (its default, 5 minutes, is longer than a short retention):
     * a broker setting for {@link BrokerSettings#overrides()}.
     */
    public Map<String, String> brokerConfigs() {
        Duration check = retention.dividedBy(6);
        check = check.compareTo(SHORTEST_SEGMENT) < 0 ? SHORTEST_SEGMENT
                : check.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : check;
        return Map.of("log.retention.check.interval.ms", String.valueOf(check.toMillis()));
    }

    /** Sets the configs on every topic, existing ones included. */
    public void applyTo(Admin admin, Collection<String> topics, Duration timeout) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        List<AlterConfigOp> ops = topicConfigs().entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        topics.forEach(topic -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops));
        try {
            admin.incrementalAlterConfigs(changes).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the retention of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot set the retention of topics " + topics + ": " + e.getMessage(), e);
        }
    }
}
