package io.cryptopipe.ingest.bybit;

import static io.cryptopipe.ingest.venue.VenueFixtures.onlyTrade;
import static io.cryptopipe.ingest.venue.VenueFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BybitFeedTest {
    private final BybitFeed feed = new BybitFeed(BybitFeed.WS_URL);

    @Test
    void readsASpotTrade() {
        Trade trade = onlyTrade(feed.parse(read("bybit/public_trade_spot.json"), 7));

        assertThat(trade.exchange()).isEqualTo("bybit");
        assertThat(trade.symbol()).isEqualTo("BTCUSDT");
        assertThat(trade.tradeId()).isEqualTo(2_290_000_000_007_764_263L);
        assertThat(trade.price()).isEqualTo("16578.50");
        assertThat(trade.quantity()).isEqualTo("0.001");
        assertThat(trade.tradeTimeMicros()).isEqualTo(1_672_304_486_865_000L);
        assertThat(trade.buyerMaker()).as("the taker bought").isFalse();
        assertThat(trade.assets()).isEqualTo(new AssetPair("BTC", "USDT"));
        assertThat(trade.streamKey()).isEqualTo("bybit:BTCUSDT");
    }

    @Test
    void aDerivativesTradeWithAUuidIdIsMalformedNotGuessed() {
        assertThat(feed.parse(read("bybit/public_trade_linear.json"), 7)).singleElement()
                .isInstanceOfSatisfying(ParseResult.Malformed.class, bad -> assertThat(bad.reason()).contains("'i'"));
    }

    @Test
    void pongsAreIgnored() {
        assertThat(feed.parse(read("bybit/pong.json"), 7)).singleElement().isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void subscribesTenTopicsPerRequest() {
        List<String> symbols = IntStream.range(0, 12).mapToObj(i -> "S" + i + "USDT").toList();

        List<String> messages = feed.subscribeMessages(symbols);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(1)).isEqualTo("{\"op\":\"subscribe\",\"args\":[\"publicTrade.S10USDT\",\"publicTrade.S11USDT\"]}");
        assertThat(feed.pingMessage()).contains("{\"op\":\"ping\"}");
    }
}
