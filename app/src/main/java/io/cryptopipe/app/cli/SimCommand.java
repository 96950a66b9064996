package io.cryptopipe.app.cli;

import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimulatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the Binance-compatible exchange simulator alone until Ctrl-C.",
                "It serves spot trade streams over WebSocket and the REST endpoints exchangeInfo and historicalTrades.",
                "Point any Binance client at it, e.g. ./cryptopipe ingest --binance-ws-url ws://127.0.0.1:8765"})
public final class SimCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SimCommand.class);

    @Option(names = "--port", defaultValue = "8765", description = "Port for WebSocket and REST (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String bindHost;

    @Option(names = "--symbols", defaultValue = SymbolsOption.DEFAULT, description = "Comma-separated symbols (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--rate", defaultValue = "20", description = "Trades per second over all symbols (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same trades (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-trades", defaultValue = "0", description = "Stop trading after this many trades per symbol (default: 0 = never).")
    long maxTrades;

    @Override
    public Integer call() throws InterruptedException {
        if (rate <= 0) {
            throw new UserError("--rate must be > 0 trades per second, got " + rate);
        }
        if (maxTrades < 0) {
            throw new UserError("--max-trades must be >= 0, got " + maxTrades);
        }
        List<String> symbolList = SymbolsOption.parse(symbols);
        PortOption.requireFree(bindHost, PortOption.check("--port", port), "exchange simulator", "--port");
        ExchangeSimulator simulator = new ExchangeSimulator(new SimulatorConfig(bindHost, port, symbolList, rate, seed, maxTrades));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "sim-shutdown"));
        simulator.start();
        simulator.startTrading();
        String streams = String.join("/", symbolList.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT) + "@trade").toList());
        log.info("Combined stream: {}/stream?streams={}", simulator.wsBaseUri(), streams);
        log.info("REST: {}/api/v3/exchangeInfo   Press Ctrl-C to stop.", simulator.restBaseUri());
        stopped.await();
        return ExitCodes.OK;
    }
}
