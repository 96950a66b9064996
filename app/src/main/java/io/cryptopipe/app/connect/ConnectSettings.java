package io.cryptopipe.app.connect;

import java.util.Map;
import java.util.Objects;

/**
 * How the embedded Connect worker reaches Kafka and where its REST API listens.
 *
 * @param port      0 picks a free port (tests)
 * @param overrides raw worker properties applied last
 */
public record ConnectSettings(String bootstrapServers, String host, int port, String groupId, Map<String, String> overrides) {
    public ConnectSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(groupId, "groupId");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("connect port must be 0-65535, got " + port);
        }
        overrides = Map.copyOf(overrides);
    }

    public static ConnectSettings of(String bootstrapServers, String host, int port) {
        return new ConnectSettings(bootstrapServers, host, port, "cryptopipe-connect", Map.of());
    }
}
