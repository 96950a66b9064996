package io.cryptopipe.app.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a pipeline keeps its data and serves its API: shared by {@code up} and the commands that talk to it. */
public final class PipelineAddressOptions {
    @Option(names = "--data-dir", defaultValue = "${env:CRYPTOPIPE_DATA_DIR:-data}",
            description = "Directory for Kafka's log, Connect state, the warehouse file and dbt artifacts (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the web UI and JSON API (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address of the web UI and API (Kafka, Connect and the simulator always listen on 127.0.0.1);"
                    + " other than loopback, up needs CRYPTOPIPE_PASSWORD (default: ${DEFAULT-VALUE}).")
    String bindHost;

    public Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    public int httpPort() {
        return PortOption.check("--http-port", httpPort);
    }

    public String bindHost() {
        return bindHost;
    }
}
