package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.IngestConfig;
import picocli.CommandLine.Option;

/** {@code --ws-connections}, shared by {@code up} and {@code ingest}. */
final class WsConnectionsOption {
    @Option(names = "--ws-connections", defaultValue = "" + IngestConfig.DEFAULT_WS_CONNECTIONS, paramLabel = "N",
            description = "Spread the symbols over this many stream connections, each parsed and published on its own thread (fewer if there are fewer symbols; default: ${DEFAULT-VALUE}).")
    int connections;

    /** The count asked for, or a one-line error naming the flag and the range. */
    int value() {
        if (connections < 1 || connections > IngestConfig.MAX_WS_CONNECTIONS) {
            throw new UserError("--ws-connections must be between 1 and " + IngestConfig.MAX_WS_CONNECTIONS + ", got " + connections);
        }
        return connections;
    }
}
