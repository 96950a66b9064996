package io.cryptopipe.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import org.junit.jupiter.api.Test;

class ArchiveTradeParserTest {
    private final ArchiveTradeParser parser = new ArchiveTradeParser("BTCUSDT", () -> 42L);

    @Test
    void readsAMillisecondEraLineWithTheExchangesExactDecimals() throws Exception {
        Trade trade = parser.parse("1111471896,60814.78000000,0.00034000,20.67702520,1634943219887,True,True", 1);

        assertThat(trade).isEqualTo(new Trade("binance", "BTCUSDT", 1111471896L, "60814.78000000", "0.00034000",
                true, 1634943219887_000L, 1634943219887_000L, 42L, TradeSource.ARCHIVE));
    }

    @Test
    void keepsMicrosecondTimesOfFilesFrom2025AsTheyAre() throws Exception {
        Trade trade = parser.parse("4362198430,93576.00000000,0.00016000,14.97216000,1735689600098123,False,True", 1);

        assertThat(trade.tradeTimeMicros()).isEqualTo(1735689600098123L);
        assertThat(trade.buyerMaker()).isFalse();
    }

    @Test
    void namesTheLineAndTheFieldThatIsWrong() {
        assertThatThrownBy(() -> parser.parse("1111471896,60814.78,-0.1,20.6,1634943219887,True,True", 7))
                .isInstanceOf(ArchiveFormatException.class).hasMessage("line 7: qty \"-0.1\" is not a plain decimal");
        assertThatThrownBy(() -> parser.parse("1111471896,60814.78,0.1,20.6,1634943219887,yes,True", 8))
                .hasMessage("line 8: isBuyerMaker \"yes\" is neither True nor False");
        assertThatThrownBy(() -> parser.parse("1111471896,60814.78,0.1", 9))
                .hasMessageStartingWith("line 9: has 3 fields, expected 7");
        assertThatThrownBy(() -> parser.parse("x,60814.78,0.1,20.6,1634943219887,True,True", 10))
                .hasMessage("line 10: id \"x\" is not a whole number");
    }
}
