package io.cryptopipe.ingest.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CoinbaseTradeParserTest {
    private static final long RECEIVED = 1_415_348_367_100_000L;
    private final CoinbaseTradeParser parser = new CoinbaseTradeParser();

    @Test
    void readsTheDocumentedMatchWithItsMicrosecondTime() {
        Trade trade = parsed("match.json");

        assertThat(trade.exchange()).isEqualTo("coinbase");
        assertThat(trade.symbol()).isEqualTo("BTC-USD");
        assertThat(trade.tradeId()).isEqualTo(10);
        assertThat(trade.price()).isEqualTo("400.23");
        assertThat(trade.quantity()).isEqualTo("5.23512");
        assertThat(trade.tradeTimeMicros()).isEqualTo(1_415_348_367_028_459L);
        assertThat(trade.eventTimeMicros()).isEqualTo(1_415_348_367_028_459L);
        assertThat(trade.ingestTimeMicros()).isEqualTo(RECEIVED);
        assertThat(trade.source()).isEqualTo(TradeSource.WS);
        assertThat(trade.assets()).isEqualTo(new AssetPair("BTC", "USD"));
        assertThat(trade.streamKey()).isEqualTo("coinbase:BTC-USD");
    }

    @Test
    void aSellMakerMeansTheBuyerTookLiquidity() {
        assertThat(parsed("match.json").buyerMaker()).isFalse();
    }

    @Test
    void aBuyMakerMeansTheBuyerWasTheMaker() {
        assertThat(parsed("last_match.json").buyerMaker()).isTrue();
    }

    @Test
    void heartbeatsAndSubscriptionRepliesAreIgnored() {
        assertThat(parser.parse(fixture("heartbeat.json"), RECEIVED)).isInstanceOf(ParseResult.Ignored.class);
        assertThat(parser.parse(fixture("subscriptions.json"), RECEIVED)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void anErrorMessageIsIgnoredWithItsReason() {
        ParseResult result = parser.parse(fixture("error.json"), RECEIVED);

        assertThat(result).isInstanceOf(ParseResult.Ignored.class);
        assertThat(((ParseResult.Ignored) result).reason()).contains("BTC-XYZ is not a valid product");
    }

    @Test
    void aMatchWithANumericPriceIsMalformed() {
        String frame = fixture("match.json").replace("\"price\":\"400.23\"", "\"price\":400.23");

        assertThat(parser.parse(frame, RECEIVED)).isInstanceOfSatisfying(ParseResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("price"));
    }

    @Test
    void aMatchWithoutTimeIsMalformed() {
        String frame = fixture("match.json").replace("\"time\":\"2014-11-07T08:19:27.028459Z\",", "");

        assertThat(parser.parse(frame, RECEIVED)).isInstanceOfSatisfying(ParseResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("time"));
    }

    @Test
    void aFrameThatIsNotJsonIsMalformed() {
        assertThat(parser.parse("<html>502 Bad Gateway</html>", RECEIVED)).isInstanceOf(ParseResult.Malformed.class);
    }

    private Trade parsed(String name) {
        ParseResult result = parser.parse(fixture(name), RECEIVED);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).trade();
    }

    static String fixture(String name) {
        try (InputStream in = CoinbaseTradeParserTest.class.getResourceAsStream("/coinbase/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource coinbase/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
