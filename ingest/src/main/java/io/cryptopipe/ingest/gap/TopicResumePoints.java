package io.cryptopipe.ingest.gap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.trade.StreamKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
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
import io.cryptopipe.ingest.publish.TradePublisher;
import org.apache.kafka.common.utils.Utils;

/**
 * The last trade id of each symbol already in the trades topic, so that a restarted ingest continues right after
 * it. Records are keyed by symbol, so a symbol lives in one partition (the producer's default partitioner:
 * murmur2 of the key); only that partition's tail is read, in windows growing backwards until every symbol of the
 * partition is found or its start is reached. A record marked {@link TradePublisher#GAP_FILL_HEADER} (a gap filled
 * late, a backfill) may be older than records before it, so a symbol counts as found only at a record without the
 * mark; the last id is the highest seen from there to the end.
 */
public final class TopicResumePoints {
    private static final int FIRST_WINDOW = 2_000;
    private static final int WINDOW_GROWTH = 8;
    private static final Duration POLL = Duration.ofMillis(200);

    private final ObjectMapper json = new ObjectMapper();

    /** @param consumerProperties at least {@code bootstrap.servers}; deserializers and group settings are set here */
    public Map<String, Long> lastIds(Map<String, Object> consumerProperties, String topic, Collection<String> symbols,
                                     Duration timeout) {
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cryptopipe-ingest-resume");
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return found;
            }
            int count = partitions.size();
            Map<Integer, Set<String>> wanted = new HashMap<>();
            for (String symbol : symbols) {
                int partition = Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % count;
                wanted.computeIfAbsent(partition, p -> new HashSet<>()).add(symbol);
            }
            for (Map.Entry<Integer, Set<String>> entry : wanted.entrySet()) {
                scanTail(consumer, new TopicPartition(topic, entry.getKey()), entry.getValue(), found, deadline);
            }
        }
        return found;
    }

    private void scanTail(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, Set<String> symbols,
                          Map<String, Long> found, long deadline) {
        consumer.assign(List.of(partition));
        long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long window = FIRST_WINDOW;
        long to = end;
        Set<String> missing = new HashSet<>(symbols);
        while (!missing.isEmpty() && to > begin) {
            long from = Math.max(begin, to - window);
            consumer.seek(partition, from);
            Map<String, Long> inWindow = new HashMap<>();
            Set<String> inOrder = new HashSet<>();
            while (consumer.position(partition) < to) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the last trade ids from " + partition + " timed out");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                    if (record.offset() < to) {
                        String symbol = readTrade(record.value(), missing, inWindow);
                        if (symbol != null && record.headers().lastHeader(TradePublisher.GAP_FILL_HEADER) == null) {
                            inOrder.add(symbol);
                        }
                    }
                }
            }
            inWindow.forEach((symbol, id) -> found.merge(symbol, id, Math::max));
            missing.removeAll(inOrder);
            to = from;
            window *= WINDOW_GROWTH;
        }
    }

    /** @return the symbol of the trade if it is one of {@code symbols}, else null */
    private String readTrade(byte[] value, Set<String> symbols, Map<String, Long> lastIds) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode trade = json.readTree(value);
            String symbol = StreamKey.of(trade.path("exchange").asText(StreamKey.BINANCE), trade.path("symbol").asText());
            JsonNode id = trade.get("trade_id");
            if (symbols.contains(symbol) && id != null && id.canConvertToLong()) {
                lastIds.merge(symbol, id.asLong(), Math::max);
                return symbol;
            }
        } catch (IOException e) {
            // Not a trade this service wrote; it cannot tell where a symbol stands.
        }
        return null;
    }

}
