package io.cryptopipe.ingest.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.trade.Trade;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HistoricalTradesClientTest {
    private static final String TWO_TRADES = "[{\"id\":100,\"price\":\"83034.29000000\",\"qty\":\"0.00062000\",\"quoteQty\":\"51.48\","
            + "\"time\":1790649901913,\"isBuyerMaker\":true,\"isBestMatch\":true},"
            + "{\"id\":101,\"price\":\"83034.30000000\",\"qty\":\"0.00100000\",\"quoteQty\":\"83.03\","
            + "\"time\":1790649901914,\"isBuyerMaker\":false,\"isBestMatch\":true}]";
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));

    private Http11OnlyServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void fetchesOverPlainHttp11FromAServerThatRefusesH2cUpgrades() throws Exception {
        server = new Http11OnlyServer(TWO_TRADES);
        HistoricalTradesClient client = new HistoricalTradesClient(RestHttpClients.forBase(server.uri()), server.uri(), QUICK,
                MicrosClock.SYSTEM);

        List<Trade> trades = client.fetch("BTCUSDT", 100, 1000);

        assertThat(trades).extracting(Trade::tradeId).containsExactly(100L, 101L);
        assertThat(server.requestLines()).containsExactly("GET /api/v3/historicalTrades?symbol=BTCUSDT&fromId=100&limit=1000 HTTP/1.1");
    }

    @Test
    void theJdkDefaultClientIsRefusedByThatServerBecauseItOffersH2c() throws Exception {
        server = new Http11OnlyServer(TWO_TRADES);
        HistoricalTradesClient client = new HistoricalTradesClient(HttpClient.newHttpClient(), server.uri(), QUICK, MicrosClock.SYSTEM);

        assertThatThrownBy(() -> client.fetch("BTCUSDT", 100, 1000))
                .isInstanceOf(BackfillFailed.class)
                .hasMessageContaining("HTTP 400")
                .satisfies(e -> assertThat(((BackfillFailed) e).refused()).as("a 4xx is a refusal, retried slowly").isTrue());
    }
}
