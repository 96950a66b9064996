package io.cryptopipe.ingest.publish;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the trades topic and its dead-letter topic before anything is produced, so they get our partition
 * count rather than whatever a broker's auto-creation would pick. Topics that already exist are left as they are.
 */
public final class TopicInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    private final int partitions;
    private final short replicationFactor;

    public TopicInitializer(int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be positive: " + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Opens an admin client with {@code adminProperties}, ensures the topics and closes it again. */
    public void ensureTopics(Map<String, Object> adminProperties, Collection<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties)) {
            ensureTopics(admin, topics, timeout);
        }
    }

    /** @throws TopicSetupException naming the topic and the cause, when one can be neither found nor created */
    public void ensureTopics(Admin admin, Collection<String> topics, Duration timeout) {
        List<NewTopic> wanted = topics.stream().map(name -> new NewTopic(name, partitions, replicationFactor)).toList();
        CreateTopicsResult result = admin.createTopics(wanted);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String topic : topics) {
            try {
                result.values().get(topic).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                LOG.info("Created topic {} ({} partitions, replication {})", topic, partitions, replicationFactor);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicSetupException("Could not create Kafka topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new TopicSetupException(String.format(Locale.ROOT, "Kafka did not confirm topic %s within %.1f s: is the broker reachable?",
                        topic, timeout.toMillis() / 1000.0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicSetupException("Interrupted while creating topic " + topic, e);
            }
        }
    }

    /** A topic that can be neither found nor created. */
    public static final class TopicSetupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
