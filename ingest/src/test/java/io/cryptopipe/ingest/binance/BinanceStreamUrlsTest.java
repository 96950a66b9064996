package io.cryptopipe.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BinanceStreamUrlsTest {
    private static final URI LIVE = URI.create("wss://stream.binance.com:9443");

    @Test
    void subscribesLowerCaseTradeStreamsOnTheCombinedEndpoint() {
        List<URI> uris = BinanceStreamUrls.tradeStreams(LIVE, List.of("BTCUSDT", "EthUsdt"), 1024);

        assertThat(uris).containsExactly(URI.create("wss://stream.binance.com:9443/stream?streams=btcusdt@trade/ethusdt@trade"));
    }

    @Test
    void appendsTheStreamPathToABaseWithATrailingSlash() {
        List<URI> uris = BinanceStreamUrls.tradeStreams(URI.create("ws://127.0.0.1:8765/"), List.of("BNBBTC"), 1024);

        assertThat(uris).containsExactly(URI.create("ws://127.0.0.1:8765/stream?streams=bnbbtc@trade"));
    }

    @Test
    void splitsSymbolsBeyondTheStreamLimitOverSeveralConnections() {
        List<String> symbols = IntStream.range(0, 2500).mapToObj(i -> "SYM" + i + "USDT").toList();

        List<URI> uris = BinanceStreamUrls.tradeStreams(LIVE, symbols, BinanceStreamUrls.MAX_STREAMS_PER_CONNECTION);

        assertThat(uris).hasSize(3);
        assertThat(uris).extracting(uri -> uri.getQuery().split("/").length).containsExactly(1024, 1024, 452);
        assertThat(uris.get(1).getQuery()).startsWith("streams=sym1024usdt@trade/");
        assertThat(uris.get(2).getQuery()).endsWith("/sym2499usdt@trade");
    }

    @Test
    void asksForMicrosecondTimesWithTheTimeUnitParameter() {
        List<URI> uris = BinanceStreamUrls.tradeStreams(LIVE, List.of("BTCUSDT"), 1024, StreamTimeUnit.MICROSECOND);

        assertThat(uris).containsExactly(URI.create("wss://stream.binance.com:9443/stream?streams=btcusdt@trade&timeUnit=MICROSECOND"));
    }

    @Test
    void namesTheEndpointWithoutTheStreamList() {
        URI endpoint = BinanceStreamUrls.endpoint(URI.create("wss://stream.binance.com:9443/stream?streams=btcusdt@trade"));

        assertThat(endpoint).isEqualTo(URI.create("wss://stream.binance.com:9443/stream"));
    }
}
