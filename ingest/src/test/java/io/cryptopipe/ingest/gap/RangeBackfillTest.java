package io.cryptopipe.ingest.gap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RangeBackfillTest {
    /** The exchange kept ids 500..2999, but not 1200..1209. */
    private final List<Trade> history = LongStream.range(500, 3000).filter(id -> id < 1200 || id > 1209)
            .mapToObj(RangeBackfillTest::trade).toList();
    private final RangeBackfill backfill = new RangeBackfill((symbol, fromId, limit) ->
            history.stream().filter(t -> t.tradeId() >= fromId).limit(limit).toList());
    private final List<Long> published = new ArrayList<>();
    private final List<RangeBackfill.Progress> pages = new ArrayList<>();

    @Test
    void copiesExactlyTheRangePageByPage() throws BackfillFailed {
        RangeBackfill.Progress done = backfill.run("BTCUSDT", 600, 2700, t -> published.add(t.tradeId()), pages::add);

        assertThat(published).hasSize(2101 - 10).first().isEqualTo(600L);
        assertThat(published).last().isEqualTo(2700L);
        assertThat(done).isEqualTo(new RangeBackfill.Progress(2700, 2091, 10));
        assertThat(pages).extracting(RangeBackfill.Progress::lastId).containsExactly(1609L, 2609L, 2700L);
    }

    @Test
    void stopsWhereTheHistoryEnds() throws BackfillFailed {
        RangeBackfill.Progress done = backfill.run("BTCUSDT", 2900, 5000, t -> published.add(t.tradeId()), pages::add);

        assertThat(done).isEqualTo(new RangeBackfill.Progress(2999, 100, 0));
    }

    private static Trade trade(long id) {
        return new Trade("binance", "BTCUSDT", id, "1.00000000", "2.00000000", false, 1_700_000_000_000_000L,
                1_700_000_000_000_000L, 1_700_000_000_000_000L, TradeSource.BACKFILL);
    }
}
