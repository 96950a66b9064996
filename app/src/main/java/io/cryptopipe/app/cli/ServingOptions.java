package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.ServingSettings;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code up}'s options for serving readers: the PostgreSQL endpoint, query limits and allowed Host names. */
final class ServingOptions {
    @Option(names = "--pg-port", defaultValue = "" + ServingSettings.DEFAULT_PG_PORT, paramLabel = "PORT",
            description = "Port of the read-only PostgreSQL-protocol endpoint for SQL and BI tools (database streaming_db, user "
                    + ServingSettings.USER + "); 0 turns it off (default: ${DEFAULT-VALUE}).")
    int pgPort;

    @Option(names = "--pg-max-connections", defaultValue = "" + ServingSettings.DEFAULT_PG_MAX_CONNECTIONS, paramLabel = "N",
            description = "Connections the PostgreSQL endpoint accepts at once (default: ${DEFAULT-VALUE}).")
    int pgMaxConnections;

    @Option(names = "--query-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Readers' statements (console, sql, API, PostgreSQL endpoint) are stopped after this many seconds (default: ${DEFAULT-VALUE}).")
    long queryTimeoutSeconds;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "A Host name the web UI and API answer to besides the bound address and loopback names (repeatable).")
    List<String> allowedHosts = new ArrayList<>();

    /** The settings, or a one-line error naming the flag; the password comes from {@code environment}. */
    ServingSettings settings(Map<String, String> environment) {
        if (pgPort != 0) {
            PortOption.check("--pg-port", pgPort);
        }
        if (pgMaxConnections < 1) {
            throw new UserError("--pg-max-connections must be at least 1, got " + pgMaxConnections);
        }
        if (queryTimeoutSeconds < 1) {
            throw new UserError("--query-timeout must be at least 1 second, got " + queryTimeoutSeconds);
        }
        String password = environment.get(ServingSettings.PASSWORD_VARIABLE);
        if (password != null && password.isEmpty()) {
            throw new UserError(ServingSettings.PASSWORD_VARIABLE + " is set but empty: set a password or unset it");
        }
        return new ServingSettings(pgPort == 0 ? OptionalInt.empty() : OptionalInt.of(pgPort), pgMaxConnections,
                Duration.ofSeconds(queryTimeoutSeconds), Optional.ofNullable(password), allowedHosts);
    }
}
