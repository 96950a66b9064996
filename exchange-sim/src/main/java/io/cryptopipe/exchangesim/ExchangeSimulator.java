package io.cryptopipe.exchangesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.exchangesim.market.Market;
import io.cryptopipe.exchangesim.market.TradeClock;
import io.cryptopipe.exchangesim.rest.RestApi;
import io.cryptopipe.exchangesim.stream.BybitStreams;
import io.cryptopipe.exchangesim.stream.CoinbaseStreams;
import io.cryptopipe.exchangesim.stream.KrakenStreams;
import io.cryptopipe.exchangesim.stream.OkxStreams;
import io.cryptopipe.exchangesim.stream.StreamEndpoints;
import io.cryptopipe.exchangesim.stream.TradeBroadcaster;
import io.cryptopipe.exchangesim.stream.TradeStreams;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Binance-compatible spot exchange on one HTTP port: WebSocket trade streams ({@code /ws/..}, {@code /stream?..})
 * and the public REST market data ({@code /api/v3/..}); symbols named {@code coinbase:BTC-USD} trade on a
 * Coinbase Exchange-compatible feed ({@code /coinbase} WebSocket, {@code /coinbase/products/<id>/trades}), and
 * {@code kraken:BTC/USD}, {@code okx:BTC-USDT}, {@code bybit:BTCUSDT} on Kraken v2, OKX v5 and Bybit v5 spot
 * WebSocket feeds at {@code /kraken}, {@code /okx} and {@code /bybit} (trades only; those venues' history is not served). Trades execute on a clock whether or not anyone listens, so
 * clients that connect late or reconnect see gaps they must backfill over REST, exactly as against the real one.
 *
 * <pre>{@code
 * try (ExchangeSimulator sim = new ExchangeSimulator(SimulatorConfig.defaults(List.of("BTCUSDT")).withPort(0))) {
 *     sim.start();
 *     sim.startTrading();
 *     URI trades = sim.wsBaseUri().resolve("/ws/btcusdt@trade");
 * }
 * }</pre>
 */
public final class ExchangeSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeSimulator.class);
    /** About 1.5 MB of frames: far more than a healthy client ever lags, small enough to bound memory. */
    private static final int MAX_PENDING_FRAMES_PER_CLIENT = 10_000;
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final SimulatorConfig config;
    private final Market market;
    private final TradeBroadcaster broadcaster;
    private final TradeClock clock;
    private final ScheduledExecutorService scheduler;
    private final Server server;
    private final ServerConnector connector;
    private final RestApi restApi;
    private boolean started;
    private boolean trading;
    private boolean closed;

    public ExchangeSimulator(SimulatorConfig config) {
        this(config, Map.of());
    }

    /**
     * An exchange whose trade ids continue a previous session's: symbol {@code s} trades from id
     * {@code continueAfter.get(s) + 1} on, as a real exchange's ids keep growing across a client's restarts.
     */
    public ExchangeSimulator(SimulatorConfig config, Map<String, Long> continueAfter) {
        this(config, continueAfter, Duration.ZERO);
    }

    /** As above, its rate climbing from zero to the configured one over {@code rampUp} once trading starts. */
    public ExchangeSimulator(SimulatorConfig config, Map<String, Long> continueAfter, Duration rampUp) {
        this.config = config;
        Map<String, Long> firstIds = new HashMap<>(continueAfter);
        // A new listing's trade ids start at 0, as on Binance.
        config.lateListings().keySet().forEach(symbol -> firstIds.putIfAbsent(symbol, -1L));
        this.market = new Market(config.symbols(), config.seed(), config.maxTradesPerSymbol(),
                config.historyLimitPerSymbol(), firstIds);
        config.lateListings().keySet().forEach(market::unlist);
        this.broadcaster = new TradeBroadcaster(System::currentTimeMillis, config.faults().orderIds());
        this.clock = new TradeClock(market, config.tradesPerSecond(), rampUp, broadcaster::publish, System::nanoTime,
                System::currentTimeMillis);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exchange-sim-clock");
            thread.setDaemon(true);
            return thread;
        });
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("exchange-sim-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        ObjectMapper json = new ObjectMapper();
        StreamEndpoints streams = new StreamEndpoints(broadcaster,
                config.symbols().stream().map(TradeStreams::of).collect(Collectors.toSet()), json,
                MAX_PENDING_FRAMES_PER_CLIENT, config.faults(), scheduler);
        CoinbaseStreams coinbase = new CoinbaseStreams(broadcaster,
                config.symbols().stream().filter(symbol -> symbol.startsWith(CoinbaseStreams.EXCHANGE + ":")).collect(Collectors.toSet()),
                symbol -> market.history(symbol).flatMap(history -> history.latest(1).stream().findFirst()), json,
                MAX_PENDING_FRAMES_PER_CLIENT, config.faults(), scheduler);
        KrakenStreams kraken = new KrakenStreams(broadcaster, marketsOf(KrakenStreams.EXCHANGE), json,
                MAX_PENDING_FRAMES_PER_CLIENT, config.faults(), scheduler);
        OkxStreams okx = new OkxStreams(broadcaster, marketsOf(OkxStreams.EXCHANGE), json,
                MAX_PENDING_FRAMES_PER_CLIENT, config.faults(), scheduler);
        BybitStreams bybit = new BybitStreams(broadcaster, marketsOf(BybitStreams.EXCHANGE), json,
                MAX_PENDING_FRAMES_PER_CLIENT, config.faults(), scheduler);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            streams.mapOnto(container);
            coinbase.mapOnto(container);
            kraken.mapOnto(container);
            okx.mapOnto(container);
            bybit.mapOnto(container);
        });
        restApi = new RestApi(market, json, System::currentTimeMillis, config.faults());
        upgrades.setHandler(restApi);
        server.setHandler(upgrades);
    }

    private Set<String> marketsOf(String exchange) {
        return config.symbols().stream().filter(symbol -> symbol.startsWith(exchange + ":")).collect(Collectors.toSet());
    }

    /**
     * Binds the port and starts serving streams and REST; the market stays closed until {@link #startTrading()}.
     *
     * @throws IllegalStateException naming the address when it cannot be bound (for example, port in use)
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("exchange simulator is closed");
        }
        if (started) {
            return;
        }
        try {
            server.start();
        } catch (Exception e) {
            stopServerQuietly();
            throw new IllegalStateException("exchange simulator cannot listen on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage() + " (choose another port, or 0 for any free one)", e);
        }
        started = true;
        long pingMillis = StreamEndpoints.PING_INTERVAL.toMillis();
        scheduler.scheduleAtFixedRate(broadcaster::pingAll, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        long disconnectMillis = config.faults().disconnectEvery().toMillis();
        if (disconnectMillis > 0) {
            scheduler.scheduleAtFixedRate(broadcaster::disconnectAll, disconnectMillis, disconnectMillis, TimeUnit.MILLISECONDS);
        }
        if (!config.faults().equals(FaultPlan.NONE)) {
            LOG.info("Exchange simulator faults: {}", config.faults());
        }
        LOG.info("Exchange simulator listening on {}:{} for {} at {} trades/s (seed {})", config.host(), port(),
                config.symbols(), config.tradesPerSecond(), config.seed());
    }

    /** Opens the market: trades start executing at the configured rate. Calling it again does nothing. */
    public synchronized void startTrading() {
        if (closed) {
            throw new IllegalStateException("exchange simulator is closed");
        }
        if (trading) {
            return;
        }
        trading = true;
        clock.start(scheduler);
        restApi.marketOpened();
        config.lateListings().forEach((symbol, after) -> scheduler.schedule(() -> {
            market.list(symbol);
            LOG.info("Exchange simulator lists {} (trade ids from 0)", symbol);
        }, after.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The bound port, which differs from the configured one when that was 0. */
    public int port() {
        int port = connector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("exchange simulator is not listening; call start() first");
        }
        return port;
    }

    /** {@code ws://host:port}; append {@code /ws/<stream>} or {@code /stream?streams=<a>/<b>}. */
    public URI wsBaseUri() {
        return URI.create("ws://" + hostForUri() + ":" + port());
    }

    /** {@code http://host:port}; append {@code /api/v3/...}. */
    public URI restBaseUri() {
        return URI.create("http://" + hostForUri() + ":" + port());
    }

    /** Open stream connections subscribed to at least one stream. */
    public int subscriberCount() {
        return broadcaster.subscriberCount();
    }

    /**
     * Every retained trade of {@code symbol} in id order: all of them unless more than
     * {@link SimulatorConfig#historyLimitPerSymbol()} executed, then the most recent ones.
     */
    public List<SimTrade> history(String symbol) {
        return market.history(symbol)
                .orElseThrow(() -> new IllegalArgumentException("symbol " + symbol + " is not traded here; configured: "
                        + config.symbols()))
                .all();
    }

    /** True once every symbol executed {@link SimulatorConfig#maxTradesPerSymbol()} trades; never when unlimited. */
    public boolean finished() {
        return market.finished();
    }

    /** Stops trading, closes every stream connection with 1001 (going away) and releases the port. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        clock.stop();
        scheduler.shutdownNow();
        try {
            broadcaster.closeAll(StatusCode.SHUTDOWN, "Exchange simulator shutting down", CLOSE_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopServerQuietly();
    }

    private void stopServerQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Exchange simulator did not stop cleanly", e);
        }
    }

    private String hostForUri() {
        String host = config.host();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
