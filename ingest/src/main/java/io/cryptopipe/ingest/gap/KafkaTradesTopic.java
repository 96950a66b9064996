package io.cryptopipe.ingest.gap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.trade.StreamKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The trades topic as the gap ledger reads it, through one consumer opened on first use. Records are keyed by
 * symbol, so a symbol's partition is the producer's default choice: murmur2 of the key.
 */
public final class KafkaTradesTopic implements TradesTopicIndex {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final ObjectMapper json = new ObjectMapper();
    private KafkaConsumer<byte[], byte[]> consumer;
    private int partitions;

    /** @param clientProperties at least {@code bootstrap.servers}, plus any security settings the cluster needs */
    public KafkaTradesTopic(Map<String, Object> clientProperties, String topic) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
    }

    @Override
    public synchronized long endOffset(String symbol) {
        TopicPartition partition = partitionOf(symbol);
        return consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
    }

    @Override
    public synchronized Set<Long> idsSince(String symbol, long offset, long fromId, long toId) {
        TopicPartition partition = partitionOf(symbol);
        long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        Set<Long> ids = new HashSet<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + partition + " from offset " + offset + " timed out");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end && record.value() != null) {
                    collect(record.value(), symbol, fromId, toId, ids);
                }
            }
        }
        return ids;
    }

    private void collect(byte[] value, String symbol, long fromId, long toId, Set<Long> ids) {
        try {
            JsonNode trade = json.readTree(value);
            JsonNode id = trade.get("trade_id");
            if (symbol.equals(StreamKey.of(trade.path("exchange").asText(StreamKey.BINANCE), trade.path("symbol").asText())) && id != null && id.canConvertToLong()
                    && id.asLong() >= fromId && id.asLong() <= toId) {
                ids.add(id.asLong());
            }
        } catch (IOException e) {
            // Not a trade this service wrote.
        }
    }

    private TopicPartition partitionOf(String symbol) {
        if (consumer == null) {
            Map<String, Object> props = new HashMap<>(clientProperties);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // An entry's scan offset may have left the log by retention: read from what is left, not from the end.
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cryptopipe-gap-ledger-trades");
            consumer = new KafkaConsumer<>(props);
        }
        if (partitions == 0) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions");
            }
            partitions = infos.size();
        }
        return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % partitions);
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
    }
}
