package io.cryptopipe.serve;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the warehouse is served to PostgreSQL clients.
 *
 * @param bindHost          the address the endpoint listens on (loopback unless the pipeline is exposed)
 * @param port              the TCP port; 0 picks a free one
 * @param maxConnections    connections served at once; more are refused with SQLSTATE 53300
 * @param queryTimeout      a statement is cancelled (57014) after this long
 * @param password          when present, SCRAM-SHA-256 with this password is required; when absent only loopback
 *                          clients are let in, without a password
 * @param maxRunningQueries statements that execute at once across all connections, so that readers leave the
 *                          warehouse's threads and memory to the sink; others wait (within their timeout)
 */
public record ServeSettings(String bindHost, int port, int maxConnections, Duration queryTimeout,
                            Optional<String> password, int maxRunningQueries) {
    public static final String USER = "cryptopipe";
    public static final String DATABASE = "streaming_db";

    public ServeSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(password, "password");
        if (maxConnections < 1 || maxRunningQueries < 1) {
            throw new IllegalArgumentException("maxConnections and maxRunningQueries must be at least 1");
        }
    }

    /** At most half the machine's cores run readers' queries at once, and at least one. */
    public static int defaultMaxRunningQueries(int cores) {
        return Math.max(1, cores / 2);
    }
}
