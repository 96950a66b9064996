package io.cryptopipe.ingest.gap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GapLedgerTest {
    private static final RetrySchedule QUICK = new RetrySchedule(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5));
    private static final BackfillFailed OUTAGE = new BackfillFailed("HTTP 503");

    private final InMemoryGapStore store = new InMemoryGapStore();
    private final FakeTradesTopic topic = new FakeTradesTopic();
    /** The exchange's history: ids 100..2599 of BTCUSDT. */
    private final List<Trade> history = LongStream.range(100, 2600).mapToObj(GapLedgerTest::trade).toList();
    private final TradeHistorySource rest = (symbol, fromId, limit) ->
            history.stream().filter(t -> t.tradeId() >= fromId).limit(limit).toList();

    @Test
    void aGapIsRetriedThroughAnOutageUntilItsTradesAreInTheTopicOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GapLedger ledger = ledger((symbol, fromId, limit) -> {
            if (calls.incrementAndGet() <= 5) {
                throw OUTAGE;
            }
            return rest.fetch(symbol, fromId, limit);
        });
        ledger.open("BTCUSDT", 150, 1_400, OUTAGE);
        assertThat(store.entries).containsOnlyKeys("binance:BTCUSDT:150");

        ledger.fillNow(ledger.openGaps().get(0), lastDone -> { });

        assertThat(topic.ids()).isEqualTo(LongStream.rangeClosed(150, 1_400).boxed().toList());
        assertThat(store.entries).isEmpty();
        assertThat(ledger.openGaps()).isEmpty();
        assertThat(ledger.lost().trades()).isZero();
        assertThat(store.writes).as("each page is recorded once durable, then the entry is removed")
                .containsSubsequence("put binance:BTCUSDT:150 1150..1400", "remove binance:BTCUSDT:150");
    }

    @Test
    void onePageFillsEveryGapOfTheSymbolItCovers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GapLedger ledger = ledger((symbol, fromId, limit) -> {
            calls.incrementAndGet();
            return rest.fetch(symbol, fromId, limit);
        });
        ledger.open("BTCUSDT", 150, 150, OUTAGE);
        ledger.open("BTCUSDT", 160, 165, OUTAGE);
        ledger.open("BTCUSDT", 900, 905, OUTAGE);
        ledger.open("BTCUSDT", 1_500, 1_500, OUTAGE);

        ledger.fillNow(ledger.openGaps().get(0), lastDone -> { });

        assertThat(calls).hasValue(1);
        assertThat(topic.ids()).containsExactly(150L, 160L, 161L, 162L, 163L, 164L, 165L, 900L, 901L, 902L, 903L, 904L, 905L);
        assertThat(ledger.openGaps()).extracting(OpenGap::key).containsExactly("binance:BTCUSDT:1500");
        assertThat(store.entries).containsOnlyKeys("binance:BTCUSDT:1500");
    }

    @Test
    void kafkaFailingBetweenAPageAndItsEntryDelaysTheEntryAndPublishesNothingTwice() throws Exception {
        AtomicInteger offsetReads = new AtomicInteger();
        FakeTradesTopic flaky = new FakeTradesTopic() {
            @Override
            public synchronized long endOffset(String symbol) {
                if (offsetReads.incrementAndGet() == 2) {
                    throw new IllegalStateException("broker not available");
                }
                return super.endOffset(symbol);
            }
        };
        GapLedger ledger = new GapLedger(store, rest, flaky, flaky, QUICK, Clock.systemUTC());
        ledger.open("BTCUSDT", 100, 1_600, OUTAGE);

        ledger.fillNow(ledger.openGaps().get(0), lastDone -> { });

        assertThat(flaky.ids()).isEqualTo(LongStream.rangeClosed(100, 1_600).boxed().toList());
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aGapAPageOfAnotherHasFilledIsNotFetchedAgain() throws Exception {
        GapLedger ledger = ledger(rest);
        ledger.open("BTCUSDT", 150, 150, OUTAGE);
        ledger.open("BTCUSDT", 160, 165, OUTAGE);
        List<OpenGap> both = ledger.openGaps();

        for (OpenGap gap : both) {
            ledger.fillNow(gap, lastDone -> { });
        }

        assertThat(topic.ids()).containsExactly(150L, 160L, 161L, 162L, 163L, 164L, 165L);
    }

    @Test
    void everyFailedAttemptIsRecordedWithItsErrorAndNextTry() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        GapLedger ledger = new GapLedger(store, (symbol, fromId, limit) -> {
            throw new BackfillFailed("historicalTrades refused: HTTP 403: Forbidden", true, Duration.ZERO);
        }, topic, topic, RetrySchedule.DEFAULT, Clock.fixed(now, java.time.ZoneOffset.UTC));
        ledger.open("BTCUSDT", 150, 199, OUTAGE);

        List<Long> reported = new java.util.ArrayList<>();
        Thread filler = new Thread(() -> {
            try {
                ledger.fillNow(ledger.openGaps().get(0), reported::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        filler.start();
        org.awaitility.Awaitility.await().until(() -> store.entries.get("binance:BTCUSDT:150").attempts() == 2);
        filler.interrupt();
        filler.join();

        OpenGap gap = store.entries.get("binance:BTCUSDT:150");
        assertThat(gap.lastError()).isEqualTo("historicalTrades refused: HTTP 403: Forbidden");
        assertThat(gap.refused()).isTrue();
        assertThat(gap.nextTry()).as("a refusal waits on the slow schedule").isEqualTo(now.plusSeconds(60));
        assertThat(gap.pending()).isEqualTo(50);
        assertThat(topic.ids()).isEmpty();
    }

    @Test
    void tradesTheHistoryGoesOnWithoutAreLostAndTheRestFilled() throws Exception {
        GapLedger ledger = ledger((symbol, fromId, limit) -> history.stream()
                .filter(t -> t.tradeId() >= fromId && (t.tradeId() < 150 || t.tradeId() >= 160)).limit(limit).toList());
        ledger.open("BTCUSDT", 100, 199, OUTAGE);

        ledger.fillNow(ledger.openGaps().get(0), lastDone -> { });

        assertThat(topic.ids()).isEqualTo(LongStream.rangeClosed(100, 199).filter(id -> id < 150 || id >= 160).boxed().toList());
        assertThat(ledger.lost().recent()).containsExactly(
                new LostTrades("BTCUSDT", 150, 159, "the exchange's trade history goes on at id 160 without them"));
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aRangeTheHistoryDoesNotServeYetStaysOpen() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        GapLedger ledger = new GapLedger(store, (symbol, fromId, limit) -> history.stream()
                .filter(t -> t.tradeId() >= fromId && t.tradeId() < 120).limit(limit).toList(), topic, topic, RetrySchedule.DEFAULT,
                Clock.fixed(now, java.time.ZoneOffset.UTC));
        ledger.open("BTCUSDT", 100, 199, OUTAGE);
        OpenGap opened = ledger.openGaps().get(0);

        Thread filler = new Thread(() -> {
            try {
                ledger.fillNow(opened, lastDone -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        filler.start();
        org.awaitility.Awaitility.await().until(() -> store.entries.get("binance:BTCUSDT:100").attempts() == 2);
        filler.interrupt();
        filler.join();

        assertThat(topic.ids()).isEqualTo(LongStream.range(100, 120).boxed().toList());
        OpenGap left = store.entries.get("binance:BTCUSDT:100");
        assertThat(left.fromId()).isEqualTo(120);
        assertThat(left.lastError()).isEqualTo("the exchange serves no trade from id 120 yet");
        assertThat(ledger.lost().trades()).isZero();
    }

    @Test
    void aRestartTakesOutTheIdsAFillPublishedBeforeItsEntryWasWritten() throws Exception {
        topic.publish(trade(90));
        store.put(new OpenGap("binance", "BTCUSDT", 100, 100, 199, Instant.EPOCH, 3, "HTTP 503", false, Instant.EPOCH, 1));
        LongStream.range(100, 130).mapToObj(GapLedgerTest::trade).forEach(topic::publish); // the crash came here
        topic.publish(trade(250));

        GapLedger restarted = ledger(rest);
        restarted.restore(Map.of("BTCUSDT", 250L), gap -> true);

        assertThat(restarted.openGaps()).singleElement().satisfies(gap -> {
            assertThat(gap.key()).isEqualTo("binance:BTCUSDT:100");
            assertThat(gap.fromId()).isEqualTo(130);
            assertThat(gap.toId()).isEqualTo(199);
            assertThat(gap.scanFromOffset()).isEqualTo(32);
        });
        restarted.fillNow(restarted.openGaps().get(0), lastDone -> { });
        assertThat(topic.ids().stream().filter(id -> id >= 100 && id <= 199).sorted().toList())
                .isEqualTo(LongStream.rangeClosed(100, 199).boxed().toList());
    }

    @Test
    void aRestartLeavesThePartAboveTheTopicsLastIdToTheCatchUp() {
        store.put(new OpenGap("binance", "BTCUSDT", 100, 100, 199, Instant.EPOCH, 1, "HTTP 503", false, Instant.EPOCH, 0));
        topic.publish(trade(99));

        GapLedger restarted = ledger(rest);
        restarted.restore(Map.of("BTCUSDT", 120L), gap -> true);

        assertThat(restarted.openGaps()).extracting(OpenGap::fromId, OpenGap::toId).containsExactly(org.assertj.core.groups.Tuple.tuple(100L, 120L));
    }

    @Test
    void aRestartClosesAnEntryWhoseTradesAreAllInTheTopic() {
        store.put(new OpenGap("binance", "BTCUSDT", 100, 100, 109, Instant.EPOCH, 1, "HTTP 503", false, Instant.EPOCH, 0));
        LongStream.rangeClosed(100, 109).mapToObj(GapLedgerTest::trade).forEach(topic::publish);
        topic.publish(trade(300));

        GapLedger restarted = ledger(rest);
        restarted.restore(Map.of("BTCUSDT", 300L), gap -> true);

        assertThat(restarted.openGaps()).isEmpty();
        assertThat(store.entries).isEmpty();
    }

    @Test
    void theLedgerAfterARestartEqualsTheLedgerBefore() throws Exception {
        GapLedger before = ledger((symbol, fromId, limit) -> {
            throw OUTAGE;
        });
        before.open("BTCUSDT", 100, 199, OUTAGE);
        before.open("ETHUSDT", 5, 7, new BackfillFailed("HTTP 429", false, Duration.ofSeconds(120)));
        before.open("BTCUSDT", 300, 310, OUTAGE);

        GapLedger after = ledger(rest);
        after.restore(Map.of("BTCUSDT", 400L, "ETHUSDT", 10L), gap -> true);

        assertThat(after.openGaps()).isEqualTo(before.openGaps());
        assertThat(after.summary()).isEqualTo(before.summary());
        assertThat(after.summary().tradesPending()).isEqualTo(100 + 3 + 11);
    }

    @Test
    void missingRunsAreTheRangeLessThePresentIds() {
        assertThat(GapLedger.runsMissing(100, 110, java.util.Set.of(100L, 101L, 105L, 110L, 200L)))
                .containsExactly(new long[]{102, 104}, new long[]{106, 109});
        assertThat(GapLedger.runsMissing(100, 110, java.util.Set.of())).containsExactly(new long[]{100, 110});
    }

    private GapLedger ledger(TradeHistorySource source) {
        return new GapLedger(store, source, topic, topic, QUICK, Clock.systemUTC());
    }

    private static Trade trade(long id) {
        return new Trade("binance", "BTCUSDT", id, "83034.29000000", "0.00062000", true,
                1_700_000_000_000_000L + id, 1_700_000_000_000_000L + id, 1_700_000_000_000_000L + id, TradeSource.BACKFILL);
    }
}
