package io.cryptopipe.ingest.binance;

import io.cryptopipe.ingest.feed.MicrosClock;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** What every connection of one client shares. */
record ShardContext(
        HttpClient http,
        ScheduledExecutorService scheduler,
        StreamClientSettings settings,
        MicrosClock clock,
        LongAdder framesReceived,
        LongAdder reconnects,
        LongAdder renewals,
        AtomicReference<String> lastError,
        Consumer<String> onFatal,
        Consumer<List<String>> onConnected) {
}
