package io.cryptopipe.ingest.kraken;

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
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KrakenTradesClientTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));
    private static final Pattern SINCE = Pattern.compile("since=(\\d+)");
    /** Trade id N of the fake market is made at 1,000 s + N ms. */
    private static final long MARKET_TRADES = 3_000;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsTheDocumentedAnswerExactlyFromTheFirstIdAskedFor() throws Exception {
        URI base = serve(query -> VenueFixtures.read("kraken/recent_trades.json"));

        List<Trade> trades = client(base).fetch("BTC/USD", 61_044_953, 1000);

        assertThat(requests).containsExactly("/0/public/Trades?pair=BTC%2FUSD&count=1000");
        assertThat(trades).extracting(Trade::tradeId).containsExactly(61_044_953L, 61_044_956L);
        assertThat(trades.get(0)).satisfies(trade -> {
            assertThat(trade.price()).isEqualTo("30243.30000");
            assertThat(trade.quantity()).isEqualTo("0.00376960");
            assertThat(trade.buyerMaker()).as("taker side s: the buyer was the maker").isTrue();
            assertThat(trade.tradeTimeMicros()).isEqualTo(1_688_669_598_280_411L);
            assertThat(trade.source()).isEqualTo(TradeSource.BACKFILL);
            assertThat(trade.streamKey()).isEqualTo("kraken:BTC/USD");
            assertThat(trade.assets().base()).isEqualTo("BTC");
        });
    }

    @Test
    void withoutAKnownTradeBelowTheIdStepsBackInTimeThenPagesOnFromTheLastTradeReturned() throws Exception {
        URI base = serve(this::market);
        KrakenTradesClient client = client(base);

        List<Trade> first = client.fetch("BTC/USD", 500, 1000);

        assertThat(first).extracting(Trade::tradeId).containsExactlyElementsOf(ids(500, 1000));
        assertThat(requests).as("the latest trades, then a minute before the first of them").hasSize(2);
        assertThat(requests.get(1)).contains("since=" + (timeNanos(2_001) - 60_000_000_000L));

        requests.clear();
        List<Trade> next = client.fetch("BTC/USD", 1_001, 1000);

        assertThat(next).extracting(Trade::tradeId).containsExactlyElementsOf(ids(1_001, 1_999));
        assertThat(requests).as("one page, from just before the last trade fetched")
                .containsExactly("/0/public/Trades?pair=BTC%2FUSD&count=1000&since=" + (timeNanos(1_000) - 1));
    }

    @Test
    void aTradeSeenOnTheStreamIsWhereAGapAfterItStarts() throws Exception {
        URI base = serve(this::market);
        KrakenTradesClient client = client(base);
        client.remember("BTC/USD", 2_400, timeNanos(2_400) / 1_000);
        // The trade that revealed the gap is seen (and remembered) before the gap is fetched.
        client.remember("BTC/USD", 2_406, timeNanos(2_406) / 1_000);

        List<Trade> trades = client.fetch("BTC/USD", 2_401, 5);

        assertThat(trades).extracting(Trade::tradeId).containsExactly(2_401L, 2_402L, 2_403L, 2_404L, 2_405L);
        assertThat(requests).containsExactly("/0/public/Trades?pair=BTC%2FUSD&count=1000&since=" + (timeNanos(2_400) - 1));
    }

    @Test
    void idsNotMadeYetAreAnEmptyAnswer() throws Exception {
        URI base = serve(this::market);

        assertThat(client(base).fetch("BTC/USD", MARKET_TRADES + 1, 1000)).isEmpty();
    }

    @Test
    void anErrorInTheAnswerFailsTheFetchNamingIt() throws Exception {
        URI base = serve(query -> "{\"error\":[\"EGeneral:Too many requests\"]}");

        assertThatThrownBy(() -> client(base).fetch("BTC/USD", 1, 1000)).isInstanceOf(BackfillFailed.class)
                .hasMessageContaining("EGeneral:Too many requests");
    }

    /** Kraken's paging over trades 1..3000: after {@code since} (nanoseconds), oldest first, 1000 at most. */
    private String market(String query) {
        Matcher since = SINCE.matcher(query == null ? "" : query);
        long from;
        if (since.find()) {
            long nanos = Long.parseLong(since.group(1));
            from = LongStream.rangeClosed(1, MARKET_TRADES).filter(id -> timeNanos(id) > nanos).findFirst().orElse(MARKET_TRADES + 1);
        } else {
            from = MARKET_TRADES - 999;
        }
        String rows = LongStream.range(from, Math.min(from + 1000, MARKET_TRADES + 1))
                .mapToObj(id -> "[\"100.00000\",\"1.00000000\"," + new BigDecimal(timeNanos(id)).movePointLeft(9).toPlainString()
                        + ",\"b\",\"l\",\"\"," + id + "]")
                .collect(Collectors.joining(","));
        return "{\"error\":[],\"result\":{\"XXBTZUSD\":[" + rows + "],\"last\":\"0\"}}";
    }

    private static long timeNanos(long id) {
        return (1_000_000L + id) * 1_000_000L;
    }

    private static List<Long> ids(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private KrakenTradesClient client(URI base) {
        return new KrakenTradesClient(new RestGet(RestHttpClients.forBase(base), "kraken", QUICK), base, () -> 0L);
    }

    private URI serve(Function<String, String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] bytes = answer.apply(exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
