package io.cryptopipe.ingest.gap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The gap ledger as a compacted Kafka topic of one partition (by default {@code stock_trades_gaps}): key
 * {@code exchange:SYMBOL:firstId}, value the entry as JSON, a tombstone when the gap is closed. It lives wherever the
 * trades live, so it serves the embedded pipeline and a standalone ingest against an external cluster alike, and
 * compaction keeps it as small as the set of open gaps. Writes wait for {@code acks=all}.
 */
public final class KafkaGapStore implements GapStore {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final ObjectMapper json = new ObjectMapper();
    private KafkaProducer<byte[], byte[]> producer;

    /** @param clientProperties at least {@code bootstrap.servers}, plus any security settings the cluster needs */
    public KafkaGapStore(Map<String, Object> clientProperties, String topic) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Creates the compacted topic unless it exists. */
    public void ensureTopic(short replicationFactor, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        try (Admin admin = Admin.create(props)) {
            NewTopic wanted = new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(wanted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the gap ledger topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not confirm the gap ledger topic " + topic + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the gap ledger topic " + topic, e);
        }
    }

    @Override
    public List<OpenGap> load() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cryptopipe-gap-ledger");
        Map<String, OpenGap> entries = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the gap ledger topic " + topic + " timed out");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        entries.remove(key);
                    } else {
                        entries.put(key, read(record.value()));
                    }
                }
            }
        }
        return new ArrayList<>(entries.values());
    }

    @Override
    public void put(OpenGap gap) {
        write(gap.key(), write(gap));
    }

    @Override
    public void remove(OpenGap gap) {
        write(gap.key(), null);
    }

    private synchronized void write(String key, byte[] value) {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(clientProperties);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "cryptopipe-gap-ledger");
            producer = new KafkaProducer<>(props);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write the gap ledger entry " + key + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("the gap ledger entry " + key + " was not acknowledged within " + WRITE_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing the gap ledger entry " + key, e);
        }
    }

    byte[] write(OpenGap gap) {
        ObjectNode node = json.createObjectNode()
                .put("exchange", gap.exchange())
                .put("symbol", gap.symbol())
                .put("first_id", gap.firstId())
                .put("from_id", gap.fromId())
                .put("to_id", gap.toId())
                .put("found_at", gap.foundAt().toString())
                .put("attempts", gap.attempts())
                .put("last_error", gap.lastError())
                .put("refused", gap.refused())
                .put("next_try", gap.nextTry().toString())
                .put("scan_from_offset", gap.scanFromOffset());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    OpenGap read(byte[] value) {
        try {
            JsonNode node = json.readTree(value);
            return new OpenGap(node.path("exchange").asText(), node.path("symbol").asText(), node.path("first_id").asLong(),
                    node.path("from_id").asLong(), node.path("to_id").asLong(), Instant.parse(node.path("found_at").asText()),
                    node.path("attempts").asInt(), node.path("last_error").asText(), node.path("refused").asBoolean(),
                    Instant.parse(node.path("next_try").asText()), node.path("scan_from_offset").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable gap ledger entry in " + topic, e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
