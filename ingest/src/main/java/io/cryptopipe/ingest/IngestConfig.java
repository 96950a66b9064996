package io.cryptopipe.ingest;

import io.cryptopipe.ingest.binance.StreamTimeUnit;
import io.cryptopipe.ingest.bybit.BybitFeed;
import io.cryptopipe.ingest.coinbase.CoinbaseFeed;
import io.cryptopipe.ingest.gap.RetrySchedule;
import io.cryptopipe.ingest.kraken.KrakenFeed;
import io.cryptopipe.ingest.okx.OkxFeed;
import io.cryptopipe.ingest.trade.StreamKey;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Everything the ingest service needs, checked once here; an {@link InvalidConfigException} names the bad key.
 * Symbols are upper-cased and de-duplicated, keeping their order. A symbol is Binance's ({@code BTCUSDT}) or
 * qualified with another venue ({@code coinbase:BTC-USD}); each entry is the trades topic's key of its trades.
 *
 * @param restBaseUrl Binance REST base, for gap backfill from {@code /api/v3/historicalTrades}
 * @param stallTimeout a stream connection with no message for this long is reopened
 * @param gapBackfill track the last trade id per symbol: drop duplicates, fill gaps over REST, resume after the last
 *                    id already in the topic; off, frames are published exactly as received
 * @param timeUnit the unit Binance stamps stream times in (both are normalised to microseconds)
 * @param connectionLifetime a connection this old is replaced (new one first, then the old one closed); Binance
 *                           cuts connections at 24 h
 * @param wsConnections the symbols are spread over this many stream connections (fewer if there are fewer symbols,
 *                      more if Binance's 1,024 streams per connection require it), each with its own dispatch thread
 * @param partitions partitions of the topics this service creates if they are missing
 * @param producerOverrides Kafka producer settings applied over ours (not the serializers)
 * @param listingSelector {@code all} or {@code all:<QUOTE>} to follow the exchange's listings while running (the
 *                        symbols were resolved from it at start); empty to stream exactly {@code symbols}
 * @param listingRefresh how often exchangeInfo is asked for new listings and delistings
 * @param gapRetry when the gap ledger tries a failed fill again
 * @param venueUrls WebSocket and REST endpoints of venues other than Binance, by exchange; a venue not named here
 *                  uses its public endpoints
 */
public record IngestConfig(
        String bootstrapServers,
        String topic,
        String dlqTopic,
        List<String> symbols,
        URI wsBaseUrl,
        URI restBaseUrl,
        Duration stallTimeout,
        boolean gapBackfill,
        StreamTimeUnit timeUnit,
        Duration connectionLifetime,
        int wsConnections,
        int partitions,
        short replicationFactor,
        Map<String, String> producerOverrides,
        Optional<String> listingSelector,
        Duration listingRefresh,
        RetrySchedule gapRetry,
        Map<String, VenueUrls> venueUrls) {

    /** The venues besides Binance, by their {@code exchange} name, with their public endpoints. */
    public static final Map<String, VenueUrls> VENUES = Map.of(
            "coinbase", new VenueUrls(CoinbaseFeed.WS_URL, CoinbaseFeed.REST_URL),
            "kraken", new VenueUrls(KrakenFeed.WS_URL, KrakenFeed.REST_URL),
            "okx", new VenueUrls(OkxFeed.WS_URL, OkxFeed.REST_URL),
            "bybit", new VenueUrls(BybitFeed.WS_URL, BybitFeed.REST_URL));

    /** Where one venue streams trades and serves their history. */
    public record VenueUrls(URI wsUrl, URI restUrl) {
    }

    public static final String DEFAULT_TOPIC = "stock_trades";
    public static final String DEFAULT_DLQ_TOPIC = "stock_trades_dlq";
    public static final URI BINANCE_WS_URL = URI.create("wss://stream.binance.com:9443");
    public static final URI BINANCE_REST_URL = URI.create("https://api.binance.com");
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECTION_LIFETIME = Duration.ofHours(23);
    /**
     * One dispatch thread (parse, sequence, produce) could not keep up with 100k trades/s on 2 busy cores, and a
     * stream the exchange finds unread for a fraction of a second is dropped (docs/BENCHMARKS.md, e2e run 56).
     */
    public static final int DEFAULT_WS_CONNECTIONS = 4;
    public static final int MAX_WS_CONNECTIONS = 64;
    public static final int DEFAULT_PARTITIONS = 3;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    /** exchangeInfo costs 20 of the 6,000 request weight a minute; Binance lists a few symbols a week. */
    public static final Duration DEFAULT_LISTING_REFRESH = Duration.ofMinutes(5);

    /** Characters venues write between base and quote: BTC-USD, BTC/USD. */
    private static final String VENUE_SYMBOL_PUNCTUATION = "-/_.";
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> FIXED_PRODUCER_KEYS = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);

    public IngestConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new InvalidConfigException("bootstrapServers", "must name at least one host:port");
        }
        requireTopicName("topic", topic);
        requireTopicName("dlqTopic", dlqTopic);
        if (topic.equals(dlqTopic)) {
            throw new InvalidConfigException("dlqTopic", "must differ from topic '" + topic + "'");
        }
        symbols = normaliseSymbols(symbols);
        requireUrl("wsBaseUrl", wsBaseUrl, "ws", "wss");
        if (wsBaseUrl.getRawQuery() != null) {
            throw new InvalidConfigException("wsBaseUrl", "must not have a query (the stream list is added to it): " + wsBaseUrl);
        }
        requireUrl("restBaseUrl", restBaseUrl, "http", "https");
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new InvalidConfigException("stallTimeout", "must be positive: " + stallTimeout);
        }
        if (timeUnit == null) {
            throw new InvalidConfigException("timeUnit", "must be MILLISECOND or MICROSECOND");
        }
        if (connectionLifetime == null || connectionLifetime.isNegative() || connectionLifetime.isZero()) {
            throw new InvalidConfigException("connectionLifetime", "must be positive: " + connectionLifetime);
        }
        if (wsConnections < 1 || wsConnections > MAX_WS_CONNECTIONS) {
            throw new InvalidConfigException("wsConnections", "must be between 1 and " + MAX_WS_CONNECTIONS + ": " + wsConnections);
        }
        if (partitions < 1) {
            throw new InvalidConfigException("partitions", "must be at least 1: " + partitions);
        }
        if (replicationFactor < 1) {
            throw new InvalidConfigException("replicationFactor", "must be at least 1: " + replicationFactor);
        }
        if (producerOverrides == null) {
            throw new InvalidConfigException("producerOverrides", "must not be null (use an empty map)");
        }
        for (String key : producerOverrides.keySet()) {
            if (FIXED_PRODUCER_KEYS.contains(key)) {
                throw new InvalidConfigException("producerOverrides", "'" + key + "' cannot be overridden here");
            }
        }
        producerOverrides = Map.copyOf(producerOverrides);
        if (listingSelector == null) {
            throw new InvalidConfigException("listingSelector", "must not be null (use Optional.empty())");
        }
        if (listingSelector.isPresent() && !listingSelector.get().strip().toLowerCase(Locale.ROOT).matches("all(:[a-z0-9]+)?")) {
            throw new InvalidConfigException("listingSelector", "must be all or all:<QUOTE> such as all:USDT, got '" + listingSelector.get() + "'");
        }
        if (listingRefresh == null || listingRefresh.isNegative() || listingRefresh.isZero()) {
            throw new InvalidConfigException("listingRefresh", "must be positive: " + listingRefresh);
        }
        if (gapRetry == null) {
            throw new InvalidConfigException("gapRetry", "must not be null (use RetrySchedule.DEFAULT)");
        }
        if (venueUrls == null) {
            throw new InvalidConfigException("venueUrls", "must not be null (use an empty map)");
        }
        for (Map.Entry<String, VenueUrls> venue : venueUrls.entrySet()) {
            if (!VENUES.containsKey(venue.getKey())) {
                throw new InvalidConfigException("venueUrls", "'" + venue.getKey() + "' is not a venue; known: " + new TreeSet<>(VENUES.keySet()));
            }
            requireUrl("venueUrls." + venue.getKey() + ".wsUrl", venue.getValue().wsUrl(), "ws", "wss");
            requireUrl("venueUrls." + venue.getKey() + ".restUrl", venue.getValue().restUrl(), "http", "https");
        }
        venueUrls = Map.copyOf(venueUrls);
    }

    /** The Binance symbols, those without an {@code exchange:} prefix. */
    public List<String> binanceSymbols() {
        return symbols.stream().filter(symbol -> symbol.indexOf(':') < 0).toList();
    }

    /** The symbols of each other venue, as the venue writes them, in the order given. */
    public Map<String, List<String>> venueSymbols() {
        Map<String, List<String>> byVenue = new LinkedHashMap<>();
        for (String key : symbols) {
            if (key.indexOf(':') > 0) {
                byVenue.computeIfAbsent(StreamKey.exchangeOf(key), venue -> new ArrayList<>()).add(StreamKey.symbolOf(key));
            }
        }
        byVenue.replaceAll((venue, list) -> List.copyOf(list));
        return byVenue;
    }

    /** The endpoints of {@code exchange}: as configured, else its public ones. */
    public VenueUrls venueUrls(String exchange) {
        return venueUrls.getOrDefault(exchange, VENUES.get(exchange));
    }

    /** The compacted topic of the gap ledger: {@code <topic>_gaps}. */
    public String gapsTopic() {
        return topic + "_gaps";
    }

    /** Defaults for everything but the broker and the symbols. */
    public static Builder builder(String bootstrapServers, List<String> symbols) {
        return new Builder(bootstrapServers, symbols);
    }

    private static List<String> normaliseSymbols(List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new InvalidConfigException("symbols", "must list at least one symbol, e.g. BTCUSDT");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String raw : symbols) {
            String entry = raw == null ? "" : raw.trim();
            int colon = entry.indexOf(':');
            String exchange = colon < 0 ? StreamKey.BINANCE : entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String symbol = entry.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
            if (!exchange.equals(StreamKey.BINANCE) && !VENUES.containsKey(exchange)) {
                throw new InvalidConfigException("symbols", "'" + raw + "' names exchange '" + exchange + "'; known: binance, "
                        + String.join(", ", new TreeSet<>(VENUES.keySet())));
            }
            boolean binance = exchange.equals(StreamKey.BINANCE);
            if (symbol.isEmpty() || !symbol.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || (!binance && VENUE_SYMBOL_PUNCTUATION.indexOf(c) >= 0))) {
                throw new InvalidConfigException("symbols", "'" + raw + "' is not an exchange symbol ("
                        + (binance ? "letters and digits, e.g. BTCUSDT)" : "e.g. coinbase:BTC-USD)"));
            }
            unique.add(StreamKey.of(exchange, symbol));
        }
        return List.copyOf(unique);
    }

    private static void requireTopicName(String key, String name) {
        if (name == null || !TOPIC_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidConfigException(key, "'" + name + "' is not a Kafka topic name (letters, digits, '.', '_', '-')");
        }
    }

    private static void requireUrl(String key, URI url, String... schemes) {
        if (url == null || url.getHost() == null || url.getScheme() == null
                || !List.of(schemes).contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new InvalidConfigException(key, "must be a " + String.join(" or ", schemes) + " URL with a host: " + url);
        }
    }

    /** Fills in the defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String bootstrapServers;
        private final List<String> symbols;
        private String topic = DEFAULT_TOPIC;
        private String dlqTopic = DEFAULT_DLQ_TOPIC;
        private URI wsBaseUrl = BINANCE_WS_URL;
        private URI restBaseUrl = BINANCE_REST_URL;
        private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
        private boolean gapBackfill = true;
        private StreamTimeUnit timeUnit = StreamTimeUnit.MILLISECOND;
        private Duration connectionLifetime = DEFAULT_CONNECTION_LIFETIME;
        private int wsConnections = DEFAULT_WS_CONNECTIONS;
        private Optional<String> listingSelector = Optional.empty();
        private Duration listingRefresh = DEFAULT_LISTING_REFRESH;
        private int partitions = DEFAULT_PARTITIONS;
        private short replicationFactor = DEFAULT_REPLICATION_FACTOR;
        private Map<String, String> producerOverrides = Map.of();
        private RetrySchedule gapRetry = RetrySchedule.DEFAULT;
        private final Map<String, VenueUrls> venueUrls = new HashMap<>();

        private Builder(String bootstrapServers, List<String> symbols) {
            this.bootstrapServers = bootstrapServers;
            this.symbols = symbols;
        }

        public Builder topic(String value) {
            topic = value;
            return this;
        }

        public Builder dlqTopic(String value) {
            dlqTopic = value;
            return this;
        }

        public Builder wsBaseUrl(URI value) {
            wsBaseUrl = value;
            return this;
        }

        public Builder restBaseUrl(URI value) {
            restBaseUrl = value;
            return this;
        }

        public Builder stallTimeout(Duration value) {
            stallTimeout = value;
            return this;
        }

        public Builder gapBackfill(boolean value) {
            gapBackfill = value;
            return this;
        }

        public Builder timeUnit(StreamTimeUnit value) {
            timeUnit = value;
            return this;
        }

        public Builder wsConnections(int value) {
            wsConnections = value;
            return this;
        }

        public Builder connectionLifetime(Duration value) {
            connectionLifetime = value;
            return this;
        }

        public Builder partitions(int value) {
            partitions = value;
            return this;
        }

        public Builder replicationFactor(short value) {
            replicationFactor = value;
            return this;
        }

        public Builder producerOverrides(Map<String, String> value) {
            producerOverrides = value;
            return this;
        }

        /** Follows listings and delistings of {@code selector} ({@code all}, {@code all:USDT}) every {@code refresh}. */
        public Builder followListings(String selector, Duration refresh) {
            listingSelector = Optional.of(selector);
            listingRefresh = refresh;
            return this;
        }

        public Builder gapRetry(RetrySchedule value) {
            gapRetry = value;
            return this;
        }

        /** Streams {@code exchange} (not Binance) from {@code wsUrl} and fetches its history from {@code restUrl}. */
        public Builder venueUrls(String exchange, URI wsUrl, URI restUrl) {
            venueUrls.put(exchange, new VenueUrls(wsUrl, restUrl));
            return this;
        }

        public IngestConfig build() {
            return new IngestConfig(bootstrapServers, topic, dlqTopic, symbols, wsBaseUrl, restBaseUrl, stallTimeout,
                    gapBackfill, timeUnit, connectionLifetime, wsConnections, partitions, replicationFactor, producerOverrides,
                    listingSelector, listingRefresh, gapRetry, venueUrls);
        }
    }
}
