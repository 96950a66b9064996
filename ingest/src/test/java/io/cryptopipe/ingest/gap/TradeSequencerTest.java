package io.cryptopipe.ingest.gap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TradeSequencerTest {
    private final List<Trade> published = new ArrayList<>();
    /** The exchange's REST history: ids 100..2599 of BTCUSDT. */
    private final List<Trade> history = LongStream.range(100, 2600).mapToObj(id -> trade(id, TradeSource.BACKFILL)).toList();
    private final List<Long> fetchedFrom = new ArrayList<>();
    private final TradeHistorySource rest = (symbol, fromId, limit) -> {
        fetchedFrom.add(fromId);
        return history.stream().filter(t -> t.tradeId() >= fromId).limit(limit).toList();
    };
    /** What the sequencer handed to the gap ledger, as "SYMBOL from..to: problem". */
    private final List<String> ledger = new ArrayList<>();
    private final GapRecorder recorder = (symbol, fromId, toId, problem) ->
            ledger.add(symbol + " " + fromId + ".." + toId + ": " + problem.getMessage());
    private final TradeSequencer sequencer = new TradeSequencer(rest, published::add, recorder);
    /** Fills handed to an executor and run only when a test says so. */
    private final List<Runnable> queuedFills = new ArrayList<>();
    private final TradeSequencer deferred = new TradeSequencer(rest, published::add, recorder, queuedFills::add);

    @Test
    void publishesContiguousTradesAsTheyCome() {
        sequencer.accept(trade(100, TradeSource.WS));
        sequencer.accept(trade(101, TradeSource.WS));

        assertThat(ids()).containsExactly(100L, 101L);
        assertThat(fetchedFrom).isEmpty();
        assertThat(sequencer.counts()).isEqualTo(GapCounts.NONE);
    }

    @Test
    void aNewListingsTradesBeforeTheFirstOneSeenAreFetchedFromIdZero() {
        List<Trade> listing = LongStream.range(0, 600).mapToObj(id -> trade(id, TradeSource.BACKFILL)).toList();
        TradeSequencer fresh = new TradeSequencer((symbol, fromId, limit) ->
                listing.stream().filter(t -> t.tradeId() >= fromId).limit(limit).toList(), published::add, recorder);

        fresh.followNewListing("BTCUSDT", 1_000);
        fresh.accept(trade(450, TradeSource.WS));

        assertThat(ids()).containsExactlyElementsOf(LongStream.rangeClosed(0, 450).boxed().toList());
    }

    @Test
    void aRelistedSymbolWithALongHistoryStartsAtItsFirstLiveTrade() {
        sequencer.followNewListing("BTCUSDT", 100);
        sequencer.accept(trade(450, TradeSource.WS));

        assertThat(ids()).containsExactly(450L);
        assertThat(fetchedFrom).isEmpty();
    }

    @Test
    void dropsTradesAtOrBelowTheLastPublishedId() {
        sequencer.accept(trade(100, TradeSource.WS));
        sequencer.accept(trade(101, TradeSource.WS));
        sequencer.accept(trade(101, TradeSource.WS));
        sequencer.accept(trade(100, TradeSource.WS));

        assertThat(ids()).containsExactly(100L, 101L);
        assertThat(sequencer.counts().duplicatesDropped()).isEqualTo(2);
    }

    @Test
    void fillsAJumpFromTheHistoryBeforeTheTradeThatRevealedIt() {
        sequencer.accept(trade(100, TradeSource.WS));
        sequencer.accept(trade(104, TradeSource.WS));

        assertThat(ids()).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(published.subList(1, 4)).extracting(Trade::source).containsOnly(TradeSource.BACKFILL);
        assertThat(sequencer.counts()).isEqualTo(new GapCounts(0, 1, 3, 0, 0));
    }

    @Test
    void pagesThroughLongGaps() {
        sequencer.accept(trade(100, TradeSource.WS));
        sequencer.accept(trade(2500, TradeSource.WS));

        assertThat(ids()).containsExactlyElementsOf(LongStream.rangeClosed(100, 2500).boxed().toList());
        assertThat(fetchedFrom).containsExactly(101L, 1101L, 2101L);
    }

    @Test
    void catchUpAfterAReconnectFetchesEverythingSinceTheLastId() {
        sequencer.resumeAfter("BTCUSDT", 2400);

        sequencer.catchUp(List.of("BTCUSDT"));
        sequencer.accept(trade(2599, TradeSource.WS));

        assertThat(ids()).containsExactlyElementsOf(LongStream.rangeClosed(2401, 2599).boxed().toList());
        assertThat(sequencer.counts().duplicatesDropped()).isEqualTo(1);
    }

    @Test
    void catchUpIgnoresSymbolsNotSeenYet() {
        sequencer.catchUp(List.of("BTCUSDT"));

        assertThat(fetchedFrom).isEmpty();
    }

    @Test
    void reportsAsLostOnlyTradesTheHistoryGoesOnWithout() {
        sequencer.resumeAfter("BTCUSDT", 89);

        sequencer.accept(trade(102, TradeSource.WS));

        assertThat(ids()).containsExactly(100L, 101L, 102L);
        assertThat(sequencer.lostTrades()).containsExactly(
                new LostTrades("BTCUSDT", 90, 99, "the exchange's trade history goes on at id 100 without them"));
        assertThat(sequencer.counts()).isEqualTo(new GapCounts(0, 1, 2, 1, 10));
        assertThat(ledger).isEmpty();
    }

    @Test
    void aGapThatCannotBeFetchedGoesToTheLedgerAndLiveTradesFlowOn() {
        TradeSequencer offline = new TradeSequencer((symbol, fromId, limit) -> {
            throw new BackfillFailed("HTTP 503");
        }, published::add, recorder);
        offline.accept(trade(100, TradeSource.WS));

        offline.accept(trade(110, TradeSource.WS));
        offline.accept(trade(111, TradeSource.WS));

        assertThat(ids()).containsExactly(100L, 110L, 111L);
        assertThat(ledger).containsExactly("BTCUSDT 101..109: HTTP 503");
        assertThat(offline.lostTrades()).isEmpty();
        assertThat(offline.counts().tradesLost()).isZero();
    }

    @Test
    void aGapTheHistoryDoesNotServeYetGoesToTheLedgerNotToTheLost() {
        TradeSequencer lagging = new TradeSequencer((symbol, fromId, limit) ->
                history.stream().filter(t -> t.tradeId() >= fromId && t.tradeId() <= 104).limit(limit).toList(), published::add, recorder);
        lagging.accept(trade(100, TradeSource.WS));

        lagging.accept(trade(110, TradeSource.WS));

        assertThat(ids()).containsExactly(100L, 101L, 102L, 103L, 104L, 110L);
        assertThat(ledger).containsExactly("BTCUSDT 105..109: the exchange serves no trade from id 105 yet");
        assertThat(lagging.counts().tradesLost()).isZero();
    }

    @Test
    void aStopBeforeTheLedgerHasTheGapPublishesNothingPastIt() {
        TradeSequencer stopping = new TradeSequencer((symbol, fromId, limit) -> {
            throw new BackfillFailed("HTTP 503");
        }, published::add, (symbol, fromId, toId, problem) -> {
            throw new InterruptedException("stopping");
        });
        stopping.accept(trade(100, TradeSource.WS));

        try {
            stopping.accept(trade(105, TradeSource.WS));
        } finally {
            Thread.interrupted();
        }

        assertThat(ids()).containsExactly(100L);
        assertThat(stopping.lastId("BTCUSDT")).isEqualTo(100);
    }

    @Test
    void aLiveTradeNeverWaitsForTheFetchOfTheGapBeforeIt() {
        deferred.accept(trade(100, TradeSource.WS));

        deferred.accept(trade(105, TradeSource.WS));
        deferred.accept(trade(106, TradeSource.WS));
        assertThat(ids()).containsExactly(100L);
        assertThat(fetchedFrom).isEmpty();

        queuedFills.forEach(Runnable::run);
        assertThat(ids()).containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L);
        assertThat(published.subList(5, 7)).extracting(Trade::source).containsOnly(TradeSource.WS);
        assertThat(deferred.counts()).isEqualTo(new GapCounts(0, 1, 4, 0, 0));

        deferred.accept(trade(107, TradeSource.WS));
        assertThat(ids()).endsWith(106L, 107L);
    }

    @Test
    void liveTradesBeyondWhatFillsHoldAreFetchedWithTheGapEachOnce() {
        TradeSequencer small = new TradeSequencer(rest, published::add, recorder, queuedFills::add, 300);
        small.accept(trade(100, TradeSource.WS));
        long last = 102 + 300 + 50;

        for (long id = 102; id <= last; id++) {
            small.accept(trade(id, TradeSource.WS));
        }
        small.accept(trade(105, TradeSource.WS));
        queuedFills.forEach(Runnable::run);

        assertThat(ids()).isEqualTo(LongStream.rangeClosed(100, last).boxed().toList());
        assertThat(published.stream().filter(t -> t.source() == TradeSource.BACKFILL).map(Trade::tradeId).toList())
                .isEqualTo(LongStream.concat(LongStream.of(101), LongStream.rangeClosed(last - 50, last)).boxed().toList());
        assertThat(small.counts().duplicatesDropped()).isEqualTo(1);
    }

    @Test
    void theHoldBoundIsSharedByAllSymbolsAndFreedAsHeldTradesArePublished() {
        List<Trade> ethHistory = LongStream.range(100, 2600).mapToObj(id -> trade("ETHUSDT", id, TradeSource.BACKFILL)).toList();
        TradeSequencer small = new TradeSequencer((symbol, fromId, limit) -> (symbol.equals("ETHUSDT") ? ethHistory : history)
                .stream().filter(t -> t.tradeId() >= fromId).limit(limit).toList(), published::add, recorder, queuedFills::add, 300);
        small.accept(trade(100, TradeSource.WS));
        small.accept(trade("ETHUSDT", 100, TradeSource.WS));
        LongStream.rangeClosed(102, 301).forEach(id -> small.accept(trade(id, TradeSource.WS)));
        LongStream.rangeClosed(102, 301).forEach(id -> small.accept(trade("ETHUSDT", id, TradeSource.WS)));

        queuedFills.forEach(Runnable::run);
        queuedFills.clear();

        assertThat(backfilled("BTCUSDT")).as("BTCUSDT held all 200 of its live trades").containsExactly(101L);
        assertThat(backfilled("ETHUSDT")).as("ETHUSDT found 100 places left, so it fetched its last 100")
                .isEqualTo(LongStream.concat(LongStream.of(101), LongStream.rangeClosed(202, 301)).boxed().toList());

        small.accept(trade(303, TradeSource.WS));
        LongStream.rangeClosed(304, 602).forEach(id -> small.accept(trade(id, TradeSource.WS)));
        queuedFills.forEach(Runnable::run);
        assertThat(backfilled("BTCUSDT")).as("the published trades gave their places back").containsExactly(101L, 302L);
        assertThat(published.stream().filter(t -> t.symbol().equals("BTCUSDT")).map(Trade::tradeId).toList())
                .isEqualTo(LongStream.rangeClosed(100, 602).boxed().toList());
    }

    @Test
    void aCatchUpFetchesEachSymbolAsItsOwnFillSoThatSeveralThreadsCanRunThem() {
        deferred.accept(trade(100, TradeSource.WS));
        deferred.accept(trade("ETHUSDT", 100, TradeSource.WS));
        deferred.catchUp(List.of("BTCUSDT", "ETHUSDT"));

        assertThat(queuedFills).hasSize(2);
    }

    @Test
    void aCatchUpDuringAFillTakesTheFillOnToTheNewestTrade() {
        deferred.accept(trade(100, TradeSource.WS));
        deferred.accept(trade(102, TradeSource.WS));

        deferred.catchUp(List.of("BTCUSDT"));
        queuedFills.forEach(Runnable::run);

        assertThat(ids()).isEqualTo(LongStream.range(100, 2600).boxed().toList());
    }

    @Test
    void aFillStoppedByShutdownPublishesNothingPastItsGapSoTheNextStartFetchesIt() {
        TradeSequencer stopping = new TradeSequencer((symbol, fromId, limit) -> {
            Thread.currentThread().interrupt();
            throw new BackfillFailed("interrupted while fetching historicalTrades");
        }, published::add, recorder);
        stopping.accept(trade(100, TradeSource.WS));

        try {
            stopping.accept(trade(105, TradeSource.WS));
        } finally {
            Thread.interrupted();
        }

        assertThat(ids()).containsExactly(100L);
        assertThat(stopping.lastId("BTCUSDT")).isEqualTo(100);
        assertThat(stopping.lostTrades()).isEmpty();
        assertThat(ledger).isEmpty();
    }

    private List<Long> ids() {
        return published.stream().map(Trade::tradeId).toList();
    }

    private List<Long> backfilled(String symbol) {
        return published.stream().filter(t -> t.symbol().equals(symbol) && t.source() == TradeSource.BACKFILL)
                .map(Trade::tradeId).toList();
    }

    private static Trade trade(long id, TradeSource source) {
        return trade("BTCUSDT", id, source);
    }

    private static Trade trade(String symbol, long id, TradeSource source) {
        return new Trade("binance", symbol, id, "83034.29000000", "0.00062000", true,
                1_700_000_000_000_000L + id, 1_700_000_000_000_000L + id, 1_700_000_000_000_000L + id, source);
    }
}
