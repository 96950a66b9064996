package io.cryptopipe.ingest;

import io.cryptopipe.ingest.binance.BinanceAssets;
import io.cryptopipe.ingest.binance.BinanceStreamClient;
import io.cryptopipe.ingest.bybit.BybitFeed;
import io.cryptopipe.ingest.bybit.BybitRecentTrades;
import io.cryptopipe.ingest.coinbase.CoinbaseFeed;
import io.cryptopipe.ingest.kraken.KrakenFeed;
import io.cryptopipe.ingest.kraken.KrakenTradesClient;
import io.cryptopipe.ingest.okx.OkxFeed;
import io.cryptopipe.ingest.coinbase.CoinbaseTradesClient;
import io.cryptopipe.ingest.trade.StreamKey;
import io.cryptopipe.ingest.venue.RecentTradesSource;
import io.cryptopipe.ingest.venue.RestGet;
import io.cryptopipe.ingest.venue.VenueConnection;
import io.cryptopipe.ingest.venue.VenueFeed;
import io.cryptopipe.ingest.venue.VenueHistories;
import io.cryptopipe.ingest.binance.BinanceTradeParser;
import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.binance.StreamClientSettings;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.GapCounts;
import io.cryptopipe.ingest.gap.GapLedger;
import io.cryptopipe.ingest.gap.HistoricalTradesClient;
import io.cryptopipe.ingest.gap.KafkaGapStore;
import io.cryptopipe.ingest.gap.KafkaTradesTopic;
import io.cryptopipe.ingest.gap.LostTrades;
import io.cryptopipe.ingest.gap.OpenGap;
import io.cryptopipe.ingest.gap.TopicResumePoints;
import io.cryptopipe.ingest.gap.TradeSequencer;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.listing.ListingWatcher;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.feed.ReceivedFrame;
import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.feed.StreamStatus;
import io.cryptopipe.ingest.publish.ProducerProperties;
import io.cryptopipe.ingest.publish.PublishCounts;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.ingest.publish.TradePublisher;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline: each venue's WebSocket (Binance's sharded client, a {@link VenueConnection} for the others),
 * parse, sequence, publish to Kafka. Every venue whose trade ids are contiguous per symbol shares the one sequencer
 * and gap ledger, keyed by the trades topic's key ({@code SYMBOL} for Binance, {@code exchange:SYMBOL} else).
 *
 * <p>{@link #start()} returns at once; topics are created, each symbol's last trade id is read back from the topic
 * and the streams opened on a background thread. With {@link IngestConfig#gapBackfill()} every trade goes through a
 * {@link TradeSequencer}: duplicates are dropped, and trades missed in a jump of ids, while reconnecting, or while
 * the service was down are fetched over REST before the stream continues. A fetch that fails goes to the
 * {@link GapLedger} (topic {@link IngestConfig#gapsTopic()}), which retries it until filled, across restarts too.
 * {@link #close()} stops reading, publishes every frame already received and flushes the producer.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration TOPIC_SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESUME_READ_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Gaps of different symbols are fetched side by side: after a reconnect every symbol has one, and their live
     * trades are held until it is filled. A REST call is mostly waiting, so this costs threads, not cores.
     */
    private static final int CATCH_UP_THREADS = 4;
    /** A new listing's trades before the first one seen are fetched when there are at most this many (100 pages). */
    private static final long NEW_LISTING_BACKFILL_LIMIT = 100_000;

    private final BinanceAssets binanceAssets = new BinanceAssets();
    private final BinanceTradeParser parser = new BinanceTradeParser(TradeSource.WS, binanceAssets::of);
    private final TradePublisher publisher;
    /** Absent when only other venues are streamed. */
    private final Optional<BinanceStreamClient> binance;
    private final List<VenueConnection> venues;
    private final TradeSequencer sequencer;
    private final KafkaGapStore gapStore;
    private final KafkaTradesTopic tradesTopic;
    private final GapLedger ledger;
    private final ExecutorService catchUps;
    private final IngestConfig config;
    private final Runnable topicSetup;
    private final Optional<ScheduledExecutorService> listingChecks;
    private final Optional<ListingWatcher> listingWatcher;
    /** The highest id seen of each stream whose venue offers only its latest trades: where a reconnect's fetch starts. */
    private final Map<String, Long> lastSeenIds = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String setupProblem;
    private volatile String pausedBecause;
    private Thread starter;
    private boolean closed;

    public IngestService(IngestConfig config) {
        this(config,
                createProducer(config),
                () -> new TopicInitializer(config.partitions(), config.replicationFactor())
                        .ensureTopics(adminProperties(config), List.of(config.topic(), config.dlqTopic()), TOPIC_SETUP_TIMEOUT),
                new HistoricalTradesClient(RestHttpClients.forBase(config.restBaseUrl()),
                        config.restBaseUrl(), StreamClientSettings.DEFAULT_BACKOFF, MicrosClock.SYSTEM));
    }

    /** For tests: any producer, any topic setup, any Binance trade history. */
    IngestService(IngestConfig config, Producer<byte[], byte[]> producer, Runnable topicSetup, TradeHistorySource binanceHistory) {
        this.config = config;
        this.topicSetup = topicSetup;
        this.publisher = new TradePublisher(producer, config.topic(), config.dlqTopic(), this::publisherFailed);
        AtomicInteger catchUpThreads = new AtomicInteger();
        this.catchUps = Executors.newFixedThreadPool(CATCH_UP_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "ingest-catch-up-" + catchUpThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Kafka clients of the ledger open on first use: with gap backfill off they never do.
        this.gapStore = new KafkaGapStore(adminProperties(config), config.gapsTopic());
        this.tradesTopic = new KafkaTradesTopic(adminProperties(config), config.topic());
        List<VenueFeed> feeds = venueFeeds(config);
        Map<String, TradeHistorySource> histories = new HashMap<>();
        histories.put(StreamKey.BINANCE, (symbol, fromId, limit) -> binanceHistory.fetch(symbol, fromId, limit).stream()
                .map(trade -> trade.withAssets(binanceAssets.of(symbol))).toList());
        feeds.forEach(feed -> feed.history().ifPresent(source -> histories.put(feed.exchange(), source)));
        TradeHistorySource history = new VenueHistories(histories);
        this.ledger = new GapLedger(gapStore, history, new GapLedger.FillOutput() {
            @Override
            public void publish(Trade trade) {
                publisher.publishGapFill(trade);
            }

            @Override
            public void makeDurable() {
                publisher.makeDurable();
            }
        }, tradesTopic, config.gapRetry(), Clock.systemUTC());
        this.sequencer = new TradeSequencer(history, publisher::publishTrade, ledger, catchUps);
        if (config.binanceSymbols().isEmpty()) {
            this.binance = Optional.empty();
        } else {
            StreamClientSettings settings = StreamClientSettings.of(config.wsBaseUrl(), config.binanceSymbols(), config.stallTimeout())
                    .withTimeUnit(config.timeUnit())
                    .withConnectionLifetime(config.connectionLifetime())
                    .spreadOver(config.wsConnections());
            this.binance = Optional.of(new BinanceStreamClient(settings, this::onFrame, MicrosClock.SYSTEM, this::onConnected));
        }
        Map<String, List<String>> venueSymbols = config.venueSymbols();
        this.venues = feeds.stream().map(feed -> new VenueConnection(feed, venueSymbols.get(feed.exchange()), config.stallTimeout(),
                StreamClientSettings.DEFAULT_BACKOFF, MicrosClock.SYSTEM, frame -> onVenueFrame(feed, frame),
                keys -> onVenueConnected(feed, keys))).toList();
        this.listingWatcher = config.listingSelector().map(this::listingWatcher);
        // Only a followed selector needs the thread; an empty Optional keeps a fixed symbol list free of it.
        this.listingChecks = listingWatcher.map(watcher -> Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-listings");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private ListingWatcher listingWatcher(String selector) {
        SymbolDiscovery discovery = new SymbolDiscovery(RestHttpClients.forBase(config.restBaseUrl()));
        return new ListingWatcher(() -> discovery.resolve(config.restBaseUrl(), selector), new ListingWatcher.Target() {
            @Override
            public List<String> streamed() {
                return binance.map(BinanceStreamClient::symbols).orElse(List.of());
            }

            @Override
            public void listed(List<String> added) {
                if (config.gapBackfill()) {
                    added.forEach(symbol -> sequencer.followNewListing(symbol, NEW_LISTING_BACKFILL_LIMIT));
                }
                binance.ifPresent(client -> client.addSymbols(added));
            }

            @Override
            public void delisted(Set<String> removed) {
                binance.ifPresent(client -> client.removeSymbols(removed));
            }
        });
    }

    public synchronized void start() {
        if (starter != null || closed) {
            return;
        }
        starter = new Thread(this::setUpAndConnect, "ingest-start");
        starter.setDaemon(true);
        starter.start();
    }

    public StreamStatus status() {
        Optional<String> fatal = publisher.fatalError();
        StreamStatus stream = worst(feedStatuses().values());
        if (fatal.isPresent()) {
            return new StreamStatus(StreamState.FAILED, 0, stream.totalConnections(), fatal.get());
        }
        if (stream.lastError() == null && setupProblem != null) {
            return new StreamStatus(stream.state(), stream.openConnections(), stream.totalConnections(), setupProblem);
        }
        return stream;
    }

    public IngestMetrics metrics() {
        PublishCounts counts = publisher.counts();
        GapCounts gaps = sequencer.counts();
        GapLedger.Summary open = ledger.summary();
        long oldestSeconds = open.oldestFoundAt().map(at -> Math.max(0, Duration.between(at, java.time.Instant.now()).toSeconds())).orElse(0L);
        long frames = binance.map(BinanceStreamClient::framesReceived).orElse(0L)
                + venues.stream().mapToLong(VenueConnection::framesReceived).sum();
        long reconnects = binance.map(BinanceStreamClient::reconnects).orElse(0L)
                + venues.stream().mapToLong(VenueConnection::reconnects).sum();
        return new IngestMetrics(frames, counts.tradesPublished(), counts.malformed(),
                counts.sendErrors(), reconnects, binance.map(BinanceStreamClient::renewals).orElse(0L), gaps.duplicatesDropped(), gaps.gapsFound(),
                gaps.tradesBackfilled() + ledger.tradesFilled(), gaps.gapsLost() + ledger.lost().ranges(),
                gaps.tradesLost() + ledger.lost().trades(), open.openGaps(), open.tradesPending(), oldestSeconds);
    }

    /** Each streamed venue's connection health, by {@code exchange} name. */
    public Map<String, StreamStatus> feedStatuses() {
        Map<String, StreamStatus> statuses = new TreeMap<>();
        binance.ifPresent(client -> statuses.put(StreamKey.BINANCE, client.status()));
        venues.forEach(venue -> statuses.put(venue.exchange(), venue.status()));
        return statuses;
    }

    /** The worst state of the venues; connections added up; the first problem named. */
    private static StreamStatus worst(Collection<StreamStatus> statuses) {
        List<StreamState> badFirst = List.of(StreamState.FAILED, StreamState.RETRYING, StreamState.CONNECTING,
                StreamState.STREAMING, StreamState.STOPPED);
        StreamState state = statuses.stream().map(StreamStatus::state).min(Comparator.comparingInt(badFirst::indexOf))
                .orElse(StreamState.CONNECTING);
        String error = statuses.stream().map(StreamStatus::lastError).filter(Objects::nonNull).findFirst().orElse(null);
        return new StreamStatus(state, statuses.stream().mapToInt(StreamStatus::openConnections).sum(),
                statuses.stream().mapToInt(StreamStatus::totalConnections).sum(), error);
    }

    /** The gap ledger now: ranges missed and not fetched yet, by symbol. */
    public List<OpenGap> openGaps() {
        return ledger.openGaps();
    }

    /** The most recent ranges the exchange no longer has, oldest found first. */
    public List<LostTrades> lostTrades() {
        List<LostTrades> lost = new ArrayList<>(sequencer.lostTrades());
        lost.addAll(ledger.lost().recent());
        lost.sort(Comparator.comparing(LostTrades::symbol).thenComparingLong(LostTrades::fromId));
        return lost;
    }

    @Override
    public void close() {
        Thread startup;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            startup = starter;
        }
        if (startup != null) {
            startup.interrupt();
            try {
                startup.join(TOPIC_SETUP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A fill may be waiting out a Retry-After; it stops without publishing past its gap, so what it leaves undone
        // is fetched at the next start, from the last id in the topic.
        listingChecks.ifPresent(ExecutorService::shutdownNow);
        catchUps.shutdownNow();
        try {
            catchUps.awaitTermination(TOPIC_SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Open gaps stay in the ledger topic; the next start reconciles them with the topic and goes on.
        ledger.close();
        binance.ifPresent(BinanceStreamClient::close);
        venues.forEach(VenueConnection::close);
        publisher.close(PRODUCER_CLOSE_TIMEOUT);
        gapStore.close();
        tradesTopic.close();
        LOG.info("Ingest stopped: {}", metrics());
    }

    private void setUpAndConnect() {
        try {
            topicSetup.run();
        } catch (RuntimeException e) {
            // The producer reports for itself whether the broker is really unusable; streaming still goes ahead.
            setupProblem = e.getMessage();
            LOG.warn("{}; streaming anyway", e.getMessage());
        }
        if (config.gapBackfill()) {
            restoreLedger(resumeFromTopic());
            ledger.start();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        binance.ifPresent(client -> {
            // Off the start path: streaming never waits for exchangeInfo, and the suffix rule covers the meantime.
            catchUps.execute(() -> binanceAssets.load(RestHttpClients.forBase(config.restBaseUrl()), config.restBaseUrl()));
            client.start();
        });
        venues.forEach(VenueConnection::start);
        listingWatcher.ifPresent(watcher -> {
            long every = config.listingRefresh().toMillis();
            listingChecks.orElseThrow().scheduleWithFixedDelay(watcher::check, every, every, TimeUnit.MILLISECONDS);
            LOG.info("Following {} listings: exchangeInfo every {} s", config.listingSelector().get(), every / 1000.0);
        });
    }

    private Map<String, Long> resumeFromTopic() {
        Map<String, Object> props = new HashMap<>(adminProperties(config));
        try {
            Map<String, Long> lastIds = new TopicResumePoints().lastIds(props, config.topic(), config.symbols(), RESUME_READ_TIMEOUT);
            lastIds.forEach(sequencer::resumeAfter);
            // For venues served by their latest trades only, the topic's last id is where a reconnect's fetch starts.
            venues.stream().filter(venue -> venue.hasRecentTrades()).flatMap(venue -> venue.symbols().stream()
                    .map(symbol -> StreamKey.of(venue.exchange(), symbol)))
                    .forEach(key -> Optional.ofNullable(lastIds.get(key)).ifPresent(id -> lastSeenIds.merge(key, id, Math::max)));
            if (!lastIds.isEmpty()) {
                LOG.info("Resuming after the last trade ids in topic {}: {}", config.topic(), new TreeMap<>(lastIds));
            }
            return lastIds;
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the last trade ids from topic {} ({}); trades made while ingest was down are not fetched",
                    config.topic(), e.getMessage());
            return Map.of();
        }
    }

    /** Every open gap of the ledger, whoever opened it (a killed backfill too), is taken up again. */
    private void restoreLedger(Map<String, Long> lastIds) {
        try {
            gapStore.ensureTopic(config.replicationFactor(), TOPIC_SETUP_TIMEOUT);
            ledger.restore(lastIds, gap -> true);
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the gap ledger topic {} ({}); its open gaps are taken up at the next start",
                    config.gapsTopic(), e.getMessage());
        }
    }

    /**
     * Stops taking frames (they are dropped as they arrive) until {@link #resume()}: the trades of the pause become
     * an ordinary gap, fetched over REST when ingest resumes.
     */
    public void pause(String reason) {
        pausedBecause = reason;
        LOG.warn("Ingest paused: {}", reason);
    }

    /** Takes frames again and fetches every symbol's trades since its last published id. */
    public void resume() {
        if (pausedBecause == null) {
            return;
        }
        pausedBecause = null;
        LOG.info("Ingest resumed; fetching the trades of the pause over REST");
        if (config.gapBackfill()) {
            List<String> streams = new ArrayList<>(binance.map(BinanceStreamClient::symbols).orElse(List.of()));
            for (VenueConnection venue : venues) {
                if (venue.hasHistory()) {
                    venue.symbols().forEach(symbol -> streams.add(StreamKey.of(venue.exchange(), symbol)));
                }
            }
            sequencer.catchUp(streams);
        }
    }

    /** Why ingest is paused, or empty while it takes frames. */
    public Optional<String> pausedBecause() {
        return Optional.ofNullable(pausedBecause);
    }

    private void onFrame(ReceivedFrame frame) {
        if (pausedBecause != null) {
            return;
        }
        ParseResult result = parser.parse(frame.text(), frame.receiveTimeMicros());
        if (config.gapBackfill() && result instanceof ParseResult.Parsed parsed) {
            sequencer.accept(parsed.trade());
        } else {
            publisher.publish(result, frame);
        }
    }

    /** Trades made while a connection was down (or before the service started) are fetched off the socket thread. */
    private void onConnected(List<String> symbols) {
        if (!config.gapBackfill()) {
            return;
        }
        sequencer.catchUp(symbols);
    }

    private void onVenueFrame(VenueFeed feed, ReceivedFrame frame) {
        if (pausedBecause != null) {
            return;
        }
        for (ParseResult result : feed.parse(frame.text(), frame.receiveTimeMicros())) {
            if (config.gapBackfill() && feed.history().isPresent() && result instanceof ParseResult.Parsed parsed) {
                sequencer.accept(parsed.trade());
            } else {
                if (feed.recentTrades().isPresent() && result instanceof ParseResult.Parsed parsed) {
                    lastSeenIds.merge(parsed.trade().streamKey(), parsed.trade().tradeId(), Math::max);
                }
                publisher.publish(result, frame);
            }
        }
    }

    private void onVenueConnected(VenueFeed feed, List<String> streamKeys) {
        if (!config.gapBackfill()) {
            return;
        }
        if (feed.history().isPresent()) {
            sequencer.catchUp(streamKeys);
        }
        // The last id seen is read now, before the new connection's trades move it: the fetch starts below them.
        feed.recentTrades().ifPresent(recent -> streamKeys.forEach(key -> {
            Long lastSeen = lastSeenIds.get(key);
            if (lastSeen != null) {
                catchUps.execute(() -> fetchRecent(recent, key, lastSeen));
            }
        }));
    }

    /**
     * Publishes the venue's latest trades of {@code streamKey} newer than the last one seen (on the stream, or in the
     * topic at start): the trades made while the connection was down, as far back as the answer reaches. Ids that
     * also arrive on the new connection are published twice; silver keeps one.
     */
    private void fetchRecent(RecentTradesSource recent, String streamKey, long lastSeen) {
        try {
            List<Trade> trades = recent.recent(StreamKey.symbolOf(streamKey));
            List<Trade> newer = trades.stream().filter(trade -> trade.tradeId() > lastSeen).toList();
            newer.forEach(publisher::publishGapFill);
            if (!newer.isEmpty() && newer.size() == trades.size() && trades.size() >= recent.limit()) {
                LOG.warn("{}: all {} recent trades the venue serves are newer than id {}, the last seen before the"
                        + " reconnect; trades made before them while disconnected are missing", streamKey, trades.size(), lastSeen);
            } else if (!newer.isEmpty()) {
                LOG.info("{}: {} trades made while disconnected fetched from the venue's recent trades", streamKey, newer.size());
            }
            newer.forEach(trade -> lastSeenIds.merge(streamKey, trade.tradeId(), Math::max));
        } catch (BackfillFailed e) {
            LOG.warn("{}: the venue's recent trades could not be fetched ({}); trades made while disconnected are missing",
                    streamKey, e.getMessage());
        }
    }

    /** A feed for each venue other than Binance that {@code config} streams. */
    private static List<VenueFeed> venueFeeds(IngestConfig config) {
        List<VenueFeed> feeds = new ArrayList<>();
        for (String exchange : config.venueSymbols().keySet()) {
            IngestConfig.VenueUrls urls = config.venueUrls(exchange);
            feeds.add(switch (exchange) {
                case "coinbase" -> new CoinbaseFeed(urls.wsUrl(), new CoinbaseTradesClient(
                        new RestGet(RestHttpClients.forBase(urls.restUrl()), exchange, StreamClientSettings.DEFAULT_BACKOFF),
                        urls.restUrl(), MicrosClock.SYSTEM));
                case "kraken" -> new KrakenFeed(urls.wsUrl(), Optional.of(new KrakenTradesClient(
                        new RestGet(RestHttpClients.forBase(urls.restUrl()), exchange, StreamClientSettings.DEFAULT_BACKOFF),
                        urls.restUrl(), MicrosClock.SYSTEM)));
                case "okx" -> new OkxFeed(urls.wsUrl());
                case "bybit" -> new BybitFeed(urls.wsUrl(), Optional.of(new BybitRecentTrades(
                        new RestGet(RestHttpClients.forBase(urls.restUrl()), exchange, StreamClientSettings.DEFAULT_BACKOFF),
                        urls.restUrl(), MicrosClock.SYSTEM)));
                default -> throw new InvalidConfigException("symbols", "no feed for exchange '" + exchange + "'");
            });
        }
        return feeds;
    }

    private void publisherFailed(String reason) {
        binance.ifPresent(BinanceStreamClient::stopConnections);
        venues.forEach(VenueConnection::stopConnection);
    }

    private static Producer<byte[], byte[]> createProducer(IngestConfig config) {
        try {
            return new KafkaProducer<>(ProducerProperties.forTrades(config.bootstrapServers(), config.producerOverrides()));
        } catch (KafkaException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            String key = cause.getMessage().contains(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) ? "bootstrapServers" : "producerOverrides";
            throw new InvalidConfigException(key, cause.getMessage());
        }
    }

    private static Map<String, Object> adminProperties(IngestConfig config) {
        Map<String, Object> props = new HashMap<>();
        config.producerOverrides().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cryptopipe-ingest-admin");
        return props;
    }
}
