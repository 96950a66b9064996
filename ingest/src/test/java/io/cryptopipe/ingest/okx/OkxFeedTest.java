package io.cryptopipe.ingest.okx;

import static io.cryptopipe.ingest.venue.VenueFixtures.onlyTrade;
import static io.cryptopipe.ingest.venue.VenueFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

class OkxFeedTest {
    private final OkxFeed feed = new OkxFeed(OkxFeed.WS_URL);

    @Test
    void readsTheDocumentedTrade() {
        Trade trade = onlyTrade(feed.parse(read("okx/trades_push.json"), 7));

        assertThat(trade.exchange()).isEqualTo("okx");
        assertThat(trade.symbol()).isEqualTo("BTC-USDT");
        assertThat(trade.tradeId()).isEqualTo(130_639_474L);
        assertThat(trade.price()).isEqualTo("42219.9");
        assertThat(trade.quantity()).isEqualTo("0.12060306");
        assertThat(trade.tradeTimeMicros()).isEqualTo(1_630_048_897_897_000L);
        assertThat(trade.assets()).isEqualTo(new AssetPair("BTC", "USDT"));
    }

    @Test
    void aTakerBuyMeansTheSellerWasTheMaker() {
        assertThat(onlyTrade(feed.parse(read("okx/trades_push.json"), 7)).buyerMaker()).isFalse();
    }

    @Test
    void eventsAndPongsAreIgnoredAndAnErrorKeepsItsMessage() {
        assertThat(feed.parse(read("okx/subscribe_event.json"), 7)).singleElement().isInstanceOf(ParseResult.Ignored.class);
        assertThat(feed.parse("pong", 7)).singleElement().isInstanceOf(ParseResult.Ignored.class);
        assertThat(feed.parse(read("okx/error_event.json"), 7)).singleElement()
                .isInstanceOfSatisfying(ParseResult.Ignored.class, ignored -> assertThat(ignored.reason()).contains("60012"));
    }

    @Test
    void aTradeWithANumericIdThatIsNotAnIntegerIsMalformed() {
        String frame = read("okx/trades_push.json").replace("\"tradeId\":\"130639474\"", "\"tradeId\":\"13x\"");

        assertThat(feed.parse(frame, 7)).singleElement().isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void subscribesEveryInstrumentToTradesAndPingsWithText() {
        assertThat(feed.subscribeMessages(List.of("BTC-USDT"))).containsExactly(
                "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
        assertThat(feed.pingMessage()).contains("ping");
    }
}
