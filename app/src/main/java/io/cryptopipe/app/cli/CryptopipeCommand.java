package io.cryptopipe.app.cli;

import picocli.CommandLine.Command;

@Command(name = "cryptopipe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Real-time crypto trade pipeline: exchange WebSocket -> Kafka -> Kafka Connect -> warehouse -> dbt models.",
        subcommands = {UpCommand.class, SimCommand.class, IngestCommand.class, BackfillCommand.class, DbtCommand.class, SqlCommand.class, StatusCommand.class, GapsCommand.class, TriggerCommand.class, SnowflakeConfigCommand.class},
        footer = {"", "Start here: ./cryptopipe up --source sim   (offline demo)   or   ./cryptopipe up   (live Binance)"})
public final class CryptopipeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
