package io.cryptopipe.ingest.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.RestGet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoinbaseTradesClientTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksForThePageOlderThanTheEndOfTheRangeAndReadsTheDocumentedTrade() throws Exception {
        URI base = serve(200, CoinbaseTradeParserTest.fixture("product_trades.json"), "/exchange");

        List<Trade> trades = client(base).fetch("BTC-USD", 86_327_327, 1000);

        assertThat(requests).containsExactly("/exchange/products/BTC-USD/trades?limit=1000&after=86328327");
        assertThat(trades).singleElement().satisfies(trade -> {
            assertThat(trade.tradeId()).isEqualTo(86_327_327L);
            assertThat(trade.price()).isEqualTo("6225.32000000");
            assertThat(trade.quantity()).isEqualTo("0.06469797");
            assertThat(trade.buyerMaker()).as("side sell: the seller was the maker").isFalse();
            assertThat(trade.tradeTimeMicros()).isEqualTo(1_584_664_619_860_000L);
            assertThat(trade.source()).isEqualTo(TradeSource.BACKFILL);
            assertThat(trade.streamKey()).isEqualTo("coinbase:BTC-USD");
        });
    }

    @Test
    void returnsThePageInIdOrderFromTheFirstIdAskedFor() throws Exception {
        String newestFirst = "[" + trade(12) + "," + trade(11) + "," + trade(10) + "," + trade(9) + "]";
        URI base = serve(200, newestFirst, "");

        List<Trade> trades = client(base).fetch("BTC-USD", 10, 3);

        assertThat(trades).extracting(Trade::tradeId).containsExactly(10L, 11L, 12L);
    }

    @Test
    void aNotFoundProductIsARefusal() throws IOException {
        URI base = serve(404, "{\"message\":\"NotFound\"}", "");

        assertThatThrownBy(() -> client(base).fetch("BTC-XYZ", 1, 100))
                .isInstanceOfSatisfying(BackfillFailed.class, e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("HTTP 404");
    }

    private static String trade(long id) {
        return "{\"time\":\"2020-03-20T00:36:59.860Z\",\"trade_id\":" + id
                + ",\"price\":\"6225.32000000\",\"size\":\"0.06469797\",\"side\":\"buy\"}";
    }

    private CoinbaseTradesClient client(URI base) {
        return new CoinbaseTradesClient(new RestGet(RestHttpClients.forBase(base), "coinbase", QUICK), base, () -> 0L);
    }

    private URI serve(int status, String body, String basePath) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
    }
}
