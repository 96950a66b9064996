package io.cryptopipe.app.connect;

import java.util.Map;
import java.util.Objects;

/**
 * How the embedded Connect worker reaches Kafka and where its REST API listens.
 *
 * @param port         0 picks a free port (tests)
 * @param storagePrefix names the topics that hold the connectors' configs, offsets and statuses: the Connect cluster's
 *                     state, which outlives any one group of workers
 * @param groupId      the worker group; normally the same as {@code storagePrefix}
 * @param overrides    raw worker properties applied last
 */
public record ConnectSettings(String bootstrapServers, String host, int port, String storagePrefix, String groupId,
                              Map<String, String> overrides) {
    public static final String CLUSTER = "cryptopipe-connect";

    public ConnectSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(storagePrefix, "storagePrefix");
        Objects.requireNonNull(groupId, "groupId");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("connect port must be 0-65535, got " + port);
        }
        overrides = Map.copyOf(overrides);
    }

    public static ConnectSettings of(String bootstrapServers, String host, int port) {
        return new ConnectSettings(bootstrapServers, host, port, CLUSTER, CLUSTER, Map.of());
    }

    /** The same worker and state in another group: see {@link StaleGroupMembers#release}. */
    public ConnectSettings inGroup(String group) {
        return new ConnectSettings(bootstrapServers, host, port, storagePrefix, group, overrides);
    }
}
