package io.cryptopipe.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

    @Test
    void producesIdempotentlyWithAllAcksLz4AndBatchesOfUpTo20MsOr64KiB() {
        Map<String, Object> props = ProducerProperties.forTrades("127.0.0.1:9092", Map.of());

        assertThat(props).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("linger.ms", 20)
                .containsEntry("batch.size", 65536)
                .containsEntry("compression.type", "lz4")
                .containsEntry("key.serializer", ByteArraySerializer.class)
                .containsEntry("value.serializer", ByteArraySerializer.class);
    }

    @Test
    void appliesOverridesOverTheDefaults() {
        Map<String, Object> props = ProducerProperties.forTrades("127.0.0.1:9092",
                Map.of("linger.ms", "5", "security.protocol", "SASL_SSL"));

        assertThat(props).containsEntry("linger.ms", "5").containsEntry("security.protocol", "SASL_SSL");
    }
}
