package io.cryptopipe.ingest.binance;

import io.cryptopipe.ingest.feed.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link BinanceStreamClient} connects.
 *
 * @param wsBase scheme, host and port, e.g. {@code wss://stream.binance.com:9443} or {@code ws://127.0.0.1:8765}
 * @param symbols exchange symbols, any case (stream names are lower-cased)
 * @param stallTimeout a connection with no message for this long is dropped and reopened
 * @param queueCapacity frames held between the sockets and the handlers before the sockets are paused, shared out
 *                      among the connections (each has its own queue and dispatch thread)
 * @param timeUnit asked of Binance with the {@code timeUnit} URL parameter
 * @param connectionLifetime a connection this old is replaced, the new one opened before the old one is closed
 */
public record StreamClientSettings(
        URI wsBase,
        List<String> symbols,
        Duration stallTimeout,
        Backoff backoff,
        int queueCapacity,
        int maxStreamsPerConnection,
        Duration connectTimeout,
        StreamTimeUnit timeUnit,
        Duration connectionLifetime) {

    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    /**
     * About a second of trades at 60k/s (~20 MB when full, at ~300 bytes a frame): the exchange drops a client that
     * stops reading for long, and with 16,384 a stall of a fraction of a second (a DAG run or a checkpoint on the same
     * 2 cores) got ingest dropped at 60k trades/s (docs/BENCHMARKS.md, e2e).
     */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Binance closes every connection after 24 hours; renewing earlier keeps that cut from ever landing. */
    public static final Duration DEFAULT_CONNECTION_LIFETIME = Duration.ofHours(23);

    public StreamClientSettings {
        Objects.requireNonNull(wsBase, "wsBase");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(timeUnit, "timeUnit");
        requirePositive(stallTimeout, "stallTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(connectionLifetime, "connectionLifetime");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
        }
    }

    public StreamClientSettings(URI wsBase, List<String> symbols, Duration stallTimeout, Backoff backoff,
                                int queueCapacity, int maxStreamsPerConnection, Duration connectTimeout) {
        this(wsBase, symbols, stallTimeout, backoff, queueCapacity, maxStreamsPerConnection, connectTimeout,
                StreamTimeUnit.MILLISECOND, DEFAULT_CONNECTION_LIFETIME);
    }

    public static StreamClientSettings of(URI wsBase, List<String> symbols, Duration stallTimeout) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, DEFAULT_BACKOFF, DEFAULT_QUEUE_CAPACITY,
                BinanceStreamUrls.MAX_STREAMS_PER_CONNECTION, DEFAULT_CONNECT_TIMEOUT);
    }

    public StreamClientSettings withBackoff(Backoff newBackoff) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, newBackoff, queueCapacity, maxStreamsPerConnection,
                connectTimeout, timeUnit, connectionLifetime);
    }

    public StreamClientSettings withQueueCapacity(int capacity) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, backoff, capacity, maxStreamsPerConnection,
                connectTimeout, timeUnit, connectionLifetime);
    }

    public StreamClientSettings withMaxStreamsPerConnection(int perConnection) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, backoff, queueCapacity, perConnection,
                connectTimeout, timeUnit, connectionLifetime);
    }

    public StreamClientSettings withTimeUnit(StreamTimeUnit unit) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, backoff, queueCapacity, maxStreamsPerConnection,
                connectTimeout, unit, connectionLifetime);
    }

    public StreamClientSettings withConnectionLifetime(Duration lifetime) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, backoff, queueCapacity, maxStreamsPerConnection,
                connectTimeout, timeUnit, lifetime);
    }

    /**
     * Spreads the symbols evenly over {@code connections} connections (fewer when there are fewer symbols; more when
     * that would exceed Binance's streams per connection).
     */
    public StreamClientSettings spreadOver(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
        int perConnection = (symbols.size() + connections - 1) / connections;
        return withMaxStreamsPerConnection(Math.max(1, Math.min(BinanceStreamUrls.MAX_STREAMS_PER_CONNECTION, perConnection)));
    }

    /** The symbols of each connection, in the order of {@link #streamUris()}. */
    public List<List<String>> shards() {
        return BinanceStreamUrls.shards(symbols, maxStreamsPerConnection);
    }

    public List<URI> streamUris() {
        return BinanceStreamUrls.tradeStreams(wsBase, symbols, maxStreamsPerConnection, timeUnit);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
