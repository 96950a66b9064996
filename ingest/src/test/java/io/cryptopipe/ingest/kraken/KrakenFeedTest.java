package io.cryptopipe.ingest.kraken;

import static io.cryptopipe.ingest.venue.VenueFixtures.onlyTrade;
import static io.cryptopipe.ingest.venue.VenueFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class KrakenFeedTest {
    private final KrakenFeed feed = new KrakenFeed(KrakenFeed.WS_URL);

    @Test
    void readsTheDocumentedTradeWithItsNumbersDigitForDigit() {
        Trade trade = onlyTrade(feed.parse(read("kraken/trade_update.json"), 7));

        assertThat(trade.exchange()).isEqualTo("kraken");
        assertThat(trade.symbol()).isEqualTo("MATIC/USD");
        assertThat(trade.tradeId()).isEqualTo(4_665_906L);
        assertThat(trade.price()).isEqualTo("0.5117");
        assertThat(trade.quantity()).isEqualTo("40.0");
        assertThat(trade.tradeTimeMicros()).isEqualTo(1_695_628_177_708_706L);
        assertThat(trade.assets()).isEqualTo(new AssetPair("MATIC", "USD"));
        assertThat(trade.streamKey()).isEqualTo("kraken:MATIC/USD");
    }

    @Test
    void aTakerSellMeansTheBuyerWasTheMaker() {
        assertThat(onlyTrade(feed.parse(read("kraken/trade_update.json"), 7)).buyerMaker()).isTrue();
    }

    @Test
    void xbtIsBtc() {
        String frame = read("kraken/trade_update.json").replace("MATIC/USD", "XBT/USD");

        assertThat(onlyTrade(feed.parse(frame, 7)).assets()).isEqualTo(new AssetPair("BTC", "USD"));
    }

    @Test
    void acknowledgementsAndHeartbeatsAreIgnored() {
        assertThat(feed.parse(read("kraken/subscribe_ack.json"), 7)).singleElement().isInstanceOf(ParseResult.Ignored.class);
        assertThat(feed.parse(read("kraken/heartbeat.json"), 7)).singleElement().isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void aTradeWithoutTimestampIsMalformed() {
        String frame = read("kraken/trade_update.json").replace(",\"timestamp\":\"2023-09-25T07:49:37.708706Z\"", "");

        assertThat(feed.parse(frame, 7)).singleElement().isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void subscribesToTheTradeChannelWithASnapshotAndPingsWithItsMethod() {
        assertThat(feed.subscribeMessages(List.of("BTC/USD", "ETH/USD"))).containsExactly(
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"snapshot\":true,\"symbol\":[\"BTC/USD\",\"ETH/USD\"]}}");
        assertThat(feed.pingMessage()).contains("{\"method\":\"ping\"}");
        assertThat(feed.wsUrl()).isEqualTo(URI.create("wss://ws.kraken.com/v2"));
        assertThat(feed.history()).as("without a trades client the feed is streamed only").isEmpty();
    }
}
