package io.cryptopipe.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything a test's topic holds, read from the start and accumulated across calls. */
final class TopicTrades implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<String> values = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private boolean assigned;

    TopicTrades(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    /** Every record's value as JSON, oldest first per partition. */
    synchronized List<JsonNode> read() {
        List<JsonNode> trades = new ArrayList<>();
        for (String value : readText()) {
            try {
                trades.add(json.readTree(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return trades;
    }

    /** Every record's value as text, oldest first per partition. */
    synchronized List<String> readText() {
        if (!assigned) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return List.copyOf(values);
            }
            List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            assigned = true;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
            keys.add(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        }
        return List.copyOf(values);
    }

    /** Every record's key as text, in the order of {@link #readText()}'s values. */
    synchronized List<String> recordKeys() {
        readText();
        return List.copyOf(keys);
    }

    /** "SYMBOL:id" of every record, duplicates kept. */
    synchronized List<String> tradeKeys() {
        return read().stream().map(v -> v.get("symbol").asText() + ":" + v.get("trade_id").asLong()).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
