package io.cryptopipe.app.cli;

import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimulatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Option(names = "--drop-every", defaultValue = "0", paramLabel = "N", description = "Fault: never send every Nth trade frame of a connection (a gap to backfill; default: off).")
    int dropEvery;

    @Option(names = "--duplicate-every", defaultValue = "0", paramLabel = "N", description = "Fault: send every Nth trade frame twice (default: off).")
    int duplicateEvery;

    @Option(names = "--malformed-every", defaultValue = "0", paramLabel = "N", description = "Fault: send a broken frame after every Nth trade frame (default: off).")
    int malformedEvery;

    @Option(names = "--disconnect-every", defaultValue = "0", paramLabel = "SECONDS", description = "Fault: cut every connection without a close handshake at this interval (default: off).")
    double disconnectEvery;

    @Option(names = "--connection-lifetime", defaultValue = "0", paramLabel = "SECONDS", description = "Fault: close each connection this long after it opened, a short stand-in for Binance's 24 h (default: off).")
    double connectionLifetime;

    @Option(names = "--server-shutdown-after", defaultValue = "0", paramLabel = "SECONDS", description = "Fault: send serverShutdown this long after a connection opened, close it 1 s later (default: off).")
    double serverShutdownAfter;

    @Option(names = "--stall-after", defaultValue = "0", paramLabel = "SECONDS", description = "Fault: stop sending trades on a connection this long after it opened, socket left open (default: off).")
    double stallAfter;

    @Option(names = "--rest-throttle-every", defaultValue = "0", paramLabel = "N", description = "Fault: answer every Nth historicalTrades request with 429 and Retry-After: 1 (default: off).")
    int restThrottleEvery;

    @Option(names = "--rest-ban", description = "Fault: with --rest-throttle-every, answer 418 (IP banned) instead of 429.")
    boolean restBan;

    @Option(names = "--rest-down-after", defaultValue = "0", paramLabel = "SECONDS", description = "Fault: a REST outage starts this long after the market opens; every REST request is answered 503 (default: 0).")
    double restDownAfter;

    @Option(names = "--rest-down-for", defaultValue = "0", paramLabel = "SECONDS", description = "Fault: how long the REST outage lasts (default: 0 = no outage).")
    double restDownFor;

    @Option(names = "--refuse-451", description = "Fault: refuse every WebSocket upgrade with HTTP 451 (restricted location).")
    boolean refuse451;

    @Option(names = "--order-ids", description = "Include the buyer/seller order ids b and a in trade frames, as Binance did before 2024.")
    boolean orderIds;

    @Option(names = "--list-after", paramLabel = "SYMBOL=SECONDS",
            description = "A new listing: SYMBOL (one of --symbols) is absent from exchangeInfo and silent until this long after start, then trades from id 0. Repeatable.")
    Map<String, Double> listAfter = new LinkedHashMap<>();

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
        ExchangeSimulator simulator = new ExchangeSimulator(config(symbolList));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "sim-shutdown"));
        simulator.start();
        simulator.startTrading();
        String streams = String.join("/", symbolList.stream().map(s -> s.toLowerCase(Locale.ROOT) + "@trade").toList());
        log.info("Combined stream: {}/stream?streams={}", simulator.wsBaseUri(), streams);
        log.info("REST: {}/api/v3/exchangeInfo   Press Ctrl-C to stop.", simulator.restBaseUri());
        stopped.await();
        return ExitCodes.OK;
    }

    private SimulatorConfig config(List<String> symbolList) {
        Map<String, Duration> listings = new LinkedHashMap<>();
        listAfter.forEach((symbol, delay) -> listings.put(symbol.toUpperCase(Locale.ROOT), seconds("--list-after " + symbol, delay)));
        try {
            return new SimulatorConfig(bindHost, port, symbolList, rate, seed, maxTrades)
                    .withFaults(faults())
                    .withLateListings(listings);
        } catch (IllegalArgumentException e) {
            throw new UserError("--list-after: " + e.getMessage());
        }
    }

    private FaultPlan faults() {
        try {
            return FaultPlan.NONE
                    .withDropEveryNth(dropEvery)
                    .withDuplicateEveryNth(duplicateEvery)
                    .withMalformedEveryNth(malformedEvery)
                    .withDisconnectEvery(seconds("--disconnect-every", disconnectEvery))
                    .withConnectionLifetime(seconds("--connection-lifetime", connectionLifetime))
                    .withServerShutdownAfter(seconds("--server-shutdown-after", serverShutdownAfter))
                    .withStallAfter(seconds("--stall-after", stallAfter))
                    .withRestThrottleEveryNth(restThrottleEvery, restBan)
                    .withRefuseWithHttp451(refuse451)
                    .withOrderIds(orderIds)
                    .withRestOutage(seconds("--rest-down-after", restDownAfter), seconds("--rest-down-for", restDownFor));
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid simulator fault: " + e.getMessage());
        }
    }

    private static Duration seconds(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UserError(option + " must be a number of seconds >= 0, got " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
