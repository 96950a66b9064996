package io.cryptopipe.ingest.bybit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.RestGet;
import io.cryptopipe.ingest.venue.VenueFixtures;
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

class BybitRecentTradesTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksForTheLatestSixtySpotTradesAndReadsTheDocumentedOneExactly() throws Exception {
        URI base = serve(VenueFixtures.read("bybit/recent_trade.json"));

        List<Trade> trades = recent(base).recent("BTCUSDT");

        assertThat(requests).containsExactly("/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=60");
        assertThat(trades).singleElement().satisfies(trade -> {
            assertThat(trade.tradeId()).isEqualTo(2_100_000_000_007_764_263L);
            assertThat(trade.price()).isEqualTo("16618.49");
            assertThat(trade.quantity()).isEqualTo("0.00012");
            assertThat(trade.buyerMaker()).as("the taker bought: the seller was the maker").isFalse();
            assertThat(trade.tradeTimeMicros()).isEqualTo(1_672_052_955_758_000L);
            assertThat(trade.source()).isEqualTo(TradeSource.BACKFILL);
            assertThat(trade.streamKey()).isEqualTo("bybit:BTCUSDT");
            assertThat(trade.assets().quote()).isEqualTo("USDT");
        });
    }

    @Test
    void returnsTheNewestFirstAnswerInIdOrder() throws Exception {
        String list = String.join(",", trade(12), trade(11), trade(10));
        URI base = serve("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[" + list + "]}}");

        assertThat(recent(base).recent("BTCUSDT")).extracting(Trade::tradeId).containsExactly(10L, 11L, 12L);
    }

    @Test
    void aNonZeroRetCodeFailsTheFetchNamingIt() throws Exception {
        URI base = serve("{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{}}");

        assertThatThrownBy(() -> recent(base).recent("NOPE")).isInstanceOf(BackfillFailed.class)
                .hasMessageContaining("10001").hasMessageContaining("symbol invalid");
    }

    private static String trade(long id) {
        return "{\"execId\":\"" + id + "\",\"symbol\":\"BTCUSDT\",\"price\":\"1.5\",\"size\":\"2\",\"side\":\"Sell\","
                + "\"time\":\"1672052955758\",\"isBlockTrade\":false}";
    }

    private BybitRecentTrades recent(URI base) {
        return new BybitRecentTrades(new RestGet(RestHttpClients.forBase(base), "bybit", QUICK), base, () -> 0L);
    }

    private URI serve(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
