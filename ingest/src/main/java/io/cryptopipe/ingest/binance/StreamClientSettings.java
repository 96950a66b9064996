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
 * @param queueCapacity frames held between the sockets and the handler before the sockets are paused
 */
public record StreamClientSettings(
        URI wsBase,
        List<String> symbols,
        Duration stallTimeout,
        Backoff backoff,
        int queueCapacity,
        int maxStreamsPerConnection,
        Duration connectTimeout) {

    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public StreamClientSettings {
        Objects.requireNonNull(wsBase, "wsBase");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(backoff, "backoff");
        requirePositive(stallTimeout, "stallTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
        }
    }

    public static StreamClientSettings of(URI wsBase, List<String> symbols, Duration stallTimeout) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, DEFAULT_BACKOFF, DEFAULT_QUEUE_CAPACITY,
                BinanceStreamUrls.MAX_STREAMS_PER_CONNECTION, DEFAULT_CONNECT_TIMEOUT);
    }

    public StreamClientSettings withBackoff(Backoff newBackoff) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, newBackoff, queueCapacity, maxStreamsPerConnection, connectTimeout);
    }

    public StreamClientSettings withQueueCapacity(int capacity) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, backoff, capacity, maxStreamsPerConnection, connectTimeout);
    }

    public StreamClientSettings withMaxStreamsPerConnection(int perConnection) {
        return new StreamClientSettings(wsBase, symbols, stallTimeout, backoff, queueCapacity, perConnection, connectTimeout);
    }

    public List<URI> streamUris() {
        return BinanceStreamUrls.tradeStreams(wsBase, symbols, maxStreamsPerConnection);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
