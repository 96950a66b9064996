package io.cryptopipe.bench;

import io.cryptopipe.ingest.publish.ProducerProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Ingest's own producer settings (batching, compression, acks) as {@code key=value} arguments for Kafka's
 * ProducerPerformance, so that the reference differs from ingest only in the work around each send.
 */
public final class IngestProducerProps {
    private IngestProducerProps() {
    }

    public static List<String> forPerfTool(String bootstrapServers) {
        List<String> props = new ArrayList<>();
        ProducerProperties.forTrades(bootstrapServers, Map.of()).forEach((key, value) -> {
            // The tool brings its own serializers; its client id keeps its metrics apart from ingest's.
            if (!key.endsWith(".serializer") && !key.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
                props.add(key + "=" + value);
            }
        });
        props.sort(null);
        return props;
    }
}
