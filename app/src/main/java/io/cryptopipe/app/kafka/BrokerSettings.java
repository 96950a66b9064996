package io.cryptopipe.app.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How the embedded broker listens and where it keeps its log.
 *
 * @param port           0 picks a free port (tests)
 * @param retentionHours how long trades stay in the topic after the sink has loaded them
 * @param overrides      raw broker properties applied last
 */
public record BrokerSettings(String host, int port, Path logDir, int retentionHours, Map<String, String> overrides) {
    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(logDir, "logDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("kafka port must be 0-65535, got " + port);
        }
        if (retentionHours < 1) {
            throw new IllegalArgumentException("kafka retention hours must be >= 1, got " + retentionHours);
        }
        overrides = Map.copyOf(overrides);
    }

    public static BrokerSettings of(String host, int port, Path logDir) {
        return new BrokerSettings(host, port, logDir, 168, Map.of());
    }
}
