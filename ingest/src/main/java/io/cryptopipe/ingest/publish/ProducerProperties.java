package io.cryptopipe.ingest.publish;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producer settings for trades: no duplicates or losses on retry, LZ4 on the wire, batches that wait up to 20 ms.
 *
 * <p>Every LZ4 batch allocates two block buffers of about 64 KiB whatever it holds, so the number of batches, not of trades,
 * sets that part of ingest's garbage. With Kafka's 16 KiB and our earlier 5 ms, ingest sent 535 batches a second of 164
 * trades at 100k trades/s; with 64 KiB and 20 ms, 128 of 686, for at most 15 ms more latency (docs/BENCHMARKS.md, e2e).
 */
public final class ProducerProperties {
    /** The producer's client id, under which its metrics are registered. */
    public static final String CLIENT_ID = "cryptopipe-ingest";
    static final int LINGER_MS = 20;
    static final int BATCH_SIZE_BYTES = 64 * 1024;

    private ProducerProperties() {
    }

    /** Our defaults, then {@code overrides} on top (except the serializers, which the publisher depends on). */
    public static Map<String, Object> forTrades(String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE_BYTES);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        props.putAll(overrides);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
