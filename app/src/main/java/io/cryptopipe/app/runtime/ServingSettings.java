package io.cryptopipe.app.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the pipeline serves its readers: the PostgreSQL-protocol endpoint, the limits every query path shares (console,
 * {@code sql}, the API and the endpoint), and who may reach them.
 *
 * @param pgPort           the PostgreSQL-protocol port; empty turns the endpoint off, 0 picks a free port (tests)
 * @param pgMaxConnections connections the endpoint accepts at once; more are refused with SQLSTATE 53300
 * @param queryTimeout     a reader's statement is interrupted after this long
 * @param password         {@code CRYPTOPIPE_PASSWORD}: when present, the endpoint, UI and API require it (user
 *                         {@value #USER}); when absent only loopback is served
 * @param allowedHosts     Host header names accepted beyond the bound address and loopback names
 */
public record ServingSettings(OptionalInt pgPort, int pgMaxConnections, Duration queryTimeout, Optional<String> password,
                              List<String> allowedHosts) {
    public static final String USER = "cryptopipe";
    public static final String PASSWORD_VARIABLE = "CRYPTOPIPE_PASSWORD";
    public static final int DEFAULT_PG_PORT = 5433;
    public static final int DEFAULT_PG_MAX_CONNECTIONS = 16;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);

    public ServingSettings {
        Objects.requireNonNull(pgPort, "pgPort");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(password, "password");
        allowedHosts = List.copyOf(allowedHosts);
        if (pgMaxConnections < 1) {
            throw new IllegalArgumentException("pgMaxConnections must be at least 1: " + pgMaxConnections);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive: " + queryTimeout);
        }
    }

    /** No PostgreSQL endpoint, no password, default limits: what tests of other parts start with. */
    public static ServingSettings withoutPgEndpoint() {
        return new ServingSettings(OptionalInt.empty(), DEFAULT_PG_MAX_CONNECTIONS, DEFAULT_QUERY_TIMEOUT,
                Optional.empty(), List.of());
    }

    public ServingSettings withPgPort(int port) {
        return new ServingSettings(OptionalInt.of(port), pgMaxConnections, queryTimeout, password, allowedHosts);
    }

    public ServingSettings withPassword(String secret) {
        return new ServingSettings(pgPort, pgMaxConnections, queryTimeout, Optional.of(secret), allowedHosts);
    }
}
