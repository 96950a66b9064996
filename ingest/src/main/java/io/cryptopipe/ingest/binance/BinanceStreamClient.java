package io.cryptopipe.ingest.binance;

import io.cryptopipe.ingest.feed.FrameHandler;
import io.cryptopipe.ingest.feed.FrameHandoff;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.feed.StreamStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams Binance spot {@code @trade} messages over the JDK's WebSocket client and hands each complete text
 * message, stamped with its receive time, to a {@link FrameHandler} on its connection's dispatch thread.
 *
 * <p>Symbols are spread over connections as {@link StreamClientSettings#shards()} says. Each connection has its own
 * hand-off queue and dispatch thread, so the handler is called from several threads at once, but sees each symbol's
 * frames in the order they came (a symbol is on one connection). A lost,
 * refused or silent connection is reopened after a jittered exponential backoff, forever, except for HTTP 451
 * (Binance refuses the caller's location), which no retry can fix: the client then stops and reports
 * {@link StreamState#FAILED} with a line naming the way out. For back-pressure see {@link FrameHandoff}.
 */
public final class BinanceStreamClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceStreamClient.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_STALL_CHECK_MILLIS = 1_000;

    private final StreamClientSettings settings;
    private final FrameHandler handler;
    /** Each connection's share of {@link StreamClientSettings#queueCapacity()}. */
    private final int queuePerConnection;
    private final AtomicInteger dispatchThreads = new AtomicInteger();
    private final ExecutorService socketExecutor;
    private final ScheduledExecutorService scheduler;
    /** Grows when listings are followed; a shard's symbols never change, so its URL always resubscribes them all. */
    private final List<ShardConnection> shards = new CopyOnWriteArrayList<>();
    private final ShardContext context;
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder renewals = new LongAdder();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile boolean closed;

    public BinanceStreamClient(StreamClientSettings settings, FrameHandler handler) {
        this(settings, handler, MicrosClock.SYSTEM);
    }

    public BinanceStreamClient(StreamClientSettings settings, FrameHandler handler, MicrosClock clock) {
        this(settings, handler, clock, symbols -> { });
    }

    /**
     * @param onConnected told, on a socket thread, the symbols of each connection as it opens (first time, after a
     *                    loss, and after a switch-over), so that what it may have missed can be fetched
     */
    public BinanceStreamClient(StreamClientSettings settings, FrameHandler handler, MicrosClock clock,
                               Consumer<List<String>> onConnected) {
        this.settings = settings;
        List<URI> uris = settings.streamUris();
        List<List<String>> shardSymbols = settings.shards();
        this.handler = handler;
        this.queuePerConnection = Math.max(1, settings.queueCapacity() / uris.size());
        this.socketExecutor = Executors.newCachedThreadPool(daemonThreads("binance-ws"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("binance-timer"));
        HttpClient http = HttpClient.newBuilder()
                .executor(socketExecutor)
                .connectTimeout(settings.connectTimeout())
                .build();
        this.context = new ShardContext(http, scheduler, settings, clock,
                framesReceived, reconnects, renewals, lastError, this::fail, onConnected);
        for (int i = 0; i < uris.size(); i++) {
            shards.add(newShard(uris.get(i), shardSymbols.get(i)));
        }
    }

    /**
     * Streams {@code added} symbols too, over new connections of their own (sharded like the first ones), opened at
     * once if the client is running. Existing connections are not touched, so nothing they carry is interrupted.
     */
    public synchronized void addSymbols(List<String> added) {
        if (added.isEmpty() || closed || stopped || failure.get() != null) {
            return;
        }
        List<URI> uris = BinanceStreamUrls.tradeStreams(settings.wsBase(), added, settings.maxStreamsPerConnection(), settings.timeUnit());
        List<List<String>> groups = BinanceStreamUrls.shards(added, settings.maxStreamsPerConnection());
        for (int i = 0; i < uris.size(); i++) {
            ShardConnection shard = newShard(uris.get(i), groups.get(i));
            shards.add(shard);
            if (started) {
                shard.handoff().start();
                shard.connect();
            }
        }
        LOG.info("Streaming {} more symbol(s) over {} new connection(s): {}", added.size(), uris.size(), added);
    }

    /**
     * Stops streaming {@code removed} symbols where that is possible without interrupting others: a connection whose
     * symbols are all removed is closed; a connection that also carries others keeps them all (a delisted symbol's
     * stream just goes quiet).
     */
    public synchronized void removeSymbols(Set<String> removed) {
        for (ShardConnection shard : shards) {
            if (removed.containsAll(shard.symbols())) {
                shard.stop();
                shard.handoff().close(DRAIN_TIMEOUT);
                shards.remove(shard);
                LOG.info("Closed the connection of {}: no longer listed", shard.symbols());
            }
        }
    }

    /** Every symbol currently streamed, over all connections. */
    public List<String> symbols() {
        List<String> all = new ArrayList<>();
        shards.forEach(shard -> all.addAll(shard.symbols()));
        return all;
    }

    /** Opens every connection in the background and returns at once. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        shards.forEach(shard -> shard.handoff().start());
        long checkEvery = Math.max(10, Math.min(MAX_STALL_CHECK_MILLIS, settings.stallTimeout().toMillis() / 4));
        scheduler.scheduleWithFixedDelay(this::checkStalls, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
        LOG.info("Streaming {} symbols over {} connection(s) from {}", settings.symbols().size(), shards.size(),
                BinanceStreamUrls.endpoint(shards.get(0).uri()));
        shards.forEach(ShardConnection::connect);
    }

    public StreamStatus status() {
        int open = 0;
        boolean retrying = false;
        boolean connecting = false;
        for (ShardConnection shard : shards) {
            ShardConnection.Phase phase = shard.phase();
            if (phase == ShardConnection.Phase.OPEN) {
                open++;
            } else if (phase == ShardConnection.Phase.WAITING || shard.retrying()) {
                retrying = true;
            } else {
                connecting = true;
            }
        }
        String failed = failure.get();
        StreamState state;
        if (failed != null) {
            state = StreamState.FAILED;
        } else if (stopped) {
            state = StreamState.STOPPED;
        } else if (retrying) {
            state = StreamState.RETRYING;
        } else if (connecting || !started) {
            state = StreamState.CONNECTING;
        } else {
            state = StreamState.STREAMING;
        }
        return new StreamStatus(state, failed != null || stopped ? 0 : open, shards.size(),
                failed != null ? failed : lastError.get());
    }

    public long framesReceived() {
        return framesReceived.sum();
    }

    /** Connection attempts after the first one of each connection. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Connections replaced while still open, after a {@code serverShutdown} notice or at their lifetime. */
    public long renewals() {
        return renewals.sum();
    }

    /**
     * Closes the sockets and stops reconnecting, without waiting; frames already received still reach the
     * handler. Safe to call from the handler itself.
     */
    public void stopConnections() {
        stopped = true;
        shards.forEach(ShardConnection::stop);
    }

    /** Stops the connections, hands every frame already received to the handler, then stops the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopConnections();
        shards.forEach(shard -> shard.handoff().close(DRAIN_TIMEOUT));
        scheduler.shutdownNow();
        socketExecutor.shutdownNow();
    }

    private ShardConnection newShard(URI uri, List<String> symbols) {
        FrameHandoff handoff = new FrameHandoff(queuePerConnection, handler, "binance-dispatch-" + dispatchThreads.incrementAndGet());
        return new ShardConnection(uri, symbols, context, handoff);
    }

    private void fail(String message) {
        if (failure.compareAndSet(null, message)) {
            LOG.error(message);
            lastError.set(message);
            shards.forEach(ShardConnection::stop);
        }
    }

    private void checkStalls() {
        long now = System.nanoTime();
        for (ShardConnection shard : shards) {
            shard.checkStall(now);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
