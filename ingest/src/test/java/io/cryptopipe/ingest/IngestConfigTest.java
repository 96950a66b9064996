package io.cryptopipe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import io.cryptopipe.ingest.binance.StreamTimeUnit;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsToTheLiveEndpointsAndTheDesignTopicNames() {
        IngestConfig config = IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).build();

        assertThat(config.topic()).isEqualTo("stock_trades");
        assertThat(config.dlqTopic()).isEqualTo("stock_trades_dlq");
        assertThat(config.wsBaseUrl()).isEqualTo(URI.create("wss://stream.binance.com:9443"));
        assertThat(config.restBaseUrl()).isEqualTo(URI.create("https://api.binance.com"));
        assertThat(config.stallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.producerOverrides()).isEmpty();
    }

    @Test
    void upperCasesAndDeduplicatesSymbolsKeepingTheirOrder() {
        IngestConfig config = IngestConfig.builder("127.0.0.1:9092", List.of("ethusdt", " BTCUSDT", "EthUsdt")).build();

        assertThat(config.symbols()).containsExactly("ETHUSDT", "BTCUSDT");
    }

    @Test
    void namesTheKeyOfAnInvalidSymbol() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTC/USDT")), "symbols",
                "symbols: 'BTC/USDT' is not an exchange symbol (letters and digits, e.g. BTCUSDT)");
    }

    @Test
    void keysOtherVenuesSymbolsWithTheirExchangeAndLeavesBinancesBare() {
        IngestConfig config = IngestConfig.builder("127.0.0.1:9092",
                List.of("btcusdt", "Coinbase:btc-usd", "binance:ETHUSDT", "coinbase:ETH-USD")).build();

        assertThat(config.symbols()).containsExactly("BTCUSDT", "coinbase:BTC-USD", "ETHUSDT", "coinbase:ETH-USD");
        assertThat(config.binanceSymbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(config.venueSymbols()).isEqualTo(Map.of("coinbase", List.of("BTC-USD", "ETH-USD")));
    }

    @Test
    void aVenueUsesItsPublicEndpointsUnlessTold() {
        IngestConfig config = IngestConfig.builder("127.0.0.1:9092", List.of("coinbase:BTC-USD")).build();
        IngestConfig local = IngestConfig.builder("127.0.0.1:9092", List.of("coinbase:BTC-USD"))
                .venueUrls("coinbase", URI.create("ws://127.0.0.1:1/coinbase"), URI.create("http://127.0.0.1:1/coinbase")).build();

        assertThat(config.venueUrls("coinbase").wsUrl()).isEqualTo(URI.create("wss://ws-feed.exchange.coinbase.com"));
        assertThat(config.venueUrls("coinbase").restUrl()).isEqualTo(URI.create("https://api.exchange.coinbase.com"));
        assertThat(local.venueUrls("coinbase").wsUrl()).isEqualTo(URI.create("ws://127.0.0.1:1/coinbase"));
    }

    @Test
    void namesTheKnownExchangesForAnUnknownOne() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("mtgox:BTC-USD")), "symbols",
                "symbols: 'mtgox:BTC-USD' names exchange 'mtgox'; known: binance, bybit, coinbase, kraken, okx");
    }

    @Test
    void requiresAtLeastOneSymbol() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of()), "symbols",
                "symbols: must list at least one symbol, e.g. BTCUSDT");
    }

    @Test
    void requiresABootstrapServer() {
        assertInvalid(IngestConfig.builder(" ", List.of("BTCUSDT")), "bootstrapServers",
                "bootstrapServers: must name at least one host:port");
    }

    @Test
    void requiresAWebSocketUrlForTheStream() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).wsBaseUrl(URI.create("https://stream.binance.com")),
                "wsBaseUrl", "wsBaseUrl: must be a ws or wss URL with a host: https://stream.binance.com");
    }

    @Test
    void refusesAStreamUrlWithItsOwnQuery() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT"))
                .wsBaseUrl(URI.create("wss://stream.binance.com:9443/stream?streams=btcusdt@trade")), "wsBaseUrl",
                "wsBaseUrl: must not have a query (the stream list is added to it): wss://stream.binance.com:9443/stream?streams=btcusdt@trade");
    }

    @Test
    void requiresAnHttpRestUrl() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).restBaseUrl(URI.create("ftp://api.binance.com")),
                "restBaseUrl", "restBaseUrl: must be a http or https URL with a host: ftp://api.binance.com");
    }

    @Test
    void refusesATopicNameKafkaWouldRefuse() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).topic("stock trades"), "topic",
                "topic: 'stock trades' is not a Kafka topic name (letters, digits, '.', '_', '-')");
    }

    @Test
    void refusesADeadLetterTopicEqualToTheTopic() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).dlqTopic("stock_trades"), "dlqTopic",
                "dlqTopic: must differ from topic 'stock_trades'");
    }

    @Test
    void requiresAPositiveStallTimeout() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).stallTimeout(Duration.ZERO), "stallTimeout",
                "stallTimeout: must be positive: PT0S");
    }

    @Test
    void backfillsGapsInMillisecondsWithConnectionsRenewedBeforeBinancesDailyCutByDefault() {
        IngestConfig config = IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).build();

        assertThat(config.gapBackfill()).isTrue();
        assertThat(config.timeUnit()).isEqualTo(StreamTimeUnit.MILLISECOND);
        assertThat(config.connectionLifetime()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void requiresAPositiveConnectionLifetime() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).connectionLifetime(Duration.ofSeconds(-1)),
                "connectionLifetime", "connectionLifetime: must be positive: PT-1S");
    }

    @Test
    void spreadsSymbolsOverFourConnectionsByDefaultAndAcceptsOneToSixtyFour() {
        assertThat(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).build().wsConnections()).isEqualTo(4);
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).wsConnections(0), "wsConnections",
                "wsConnections: must be between 1 and 64: 0");
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).wsConnections(65), "wsConnections",
                "wsConnections: must be between 1 and 64: 65");
    }

    @Test
    void requiresAtLeastOnePartition() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT")).partitions(0), "partitions",
                "partitions: must be at least 1: 0");
    }

    @Test
    void refusesOverridingTheSerializers() {
        assertInvalid(IngestConfig.builder("127.0.0.1:9092", List.of("BTCUSDT"))
                .producerOverrides(Map.of("value.serializer", "org.apache.kafka.common.serialization.StringSerializer")),
                "producerOverrides", "producerOverrides: 'value.serializer' cannot be overridden here");
    }

    @Test
    void copiesItsCollections() {
        List<String> symbols = Arrays.asList("BTCUSDT", "ETHUSDT");
        IngestConfig config = IngestConfig.builder("127.0.0.1:9092", symbols).build();

        symbols.set(0, "BNBBTC");

        assertThat(config.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
    }

    private static void assertInvalid(IngestConfig.Builder builder, String key, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessage(message);
    }
}
