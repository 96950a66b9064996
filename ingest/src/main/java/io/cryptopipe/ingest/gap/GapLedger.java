package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.StreamKey;
import io.cryptopipe.ingest.trade.Trade;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable ledger of open gaps: trade ranges that were missed and whose fetch failed. Each is kept in a
 * {@link GapStore} until its trades are in the topic, or until the exchange's history proves they no longer exist
 * (it answers with trades beyond them and none of them: {@link LostTrades}); it is tried again on a
 * {@link RetrySchedule} for as long as that takes, on one thread of its own.
 *
 * <p>A fill publishes a page, makes it durable, then writes the entry's new start. A crash between the two would
 * leave trades in the topic that the entry still lists, so every write also records where the symbol's partition
 * ends ({@link OpenGap#scanFromOffset()}), and {@link #restore} removes from each entry the ids found after it before
 * anything is fetched. Parts of an entry above the topic's last id are left to ingest's catch-up, which resumes
 * there. Thread-safe.
 */
public final class GapLedger implements GapRecorder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GapLedger.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    /** Where filled trades go: published, then made durable before the ledger moves past them. */
    public interface FillOutput {
        void publish(Trade trade);

        void makeDurable();
    }

    /** Open gaps right now. */
    public record Summary(int openGaps, long tradesPending, Optional<Instant> oldestFoundAt) {
    }

    private final GapStore store;
    private final TradeHistorySource history;
    private final FillOutput output;
    private final TradesTopicIndex topic;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Map<String, OpenGap> open = new ConcurrentHashMap<>();
    private final LostTradesLog lost = new LostTradesLog();
    private final LongAdder tradesFilled = new LongAdder();
    private final Object wake = new Object();
    private Thread retries;
    private volatile boolean stopping;

    public GapLedger(GapStore store, TradeHistorySource history, FillOutput output, TradesTopicIndex topic,
                     RetrySchedule schedule, Clock clock) {
        this.store = store;
        this.history = history;
        this.output = output;
        this.topic = topic;
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * Loads the entries {@code wanted} selects and reconciles each with the topic: ids already there (a fill cut
     * short by a crash) and ids above the topic's last id of the symbol (fetched by the catch-up that resumes after
     * it) are taken out; the rest keeps its schedule (a Retry-After outlives a restart).
     *
     * @param lastIdsInTopic the last trade id of each symbol in the topic, where known
     */
    public void restore(Map<String, Long> lastIdsInTopic, Predicate<OpenGap> wanted) {
        for (OpenGap gap : store.load()) {
            if (!wanted.test(gap)) {
                continue;
            }
            Long lastInTopic = lastIdsInTopic.get(gap.streamKey());
            long upTo = lastInTopic == null ? gap.toId() : Math.min(gap.toId(), lastInTopic);
            Set<Long> present = gap.fromId() <= upTo
                    ? topic.idsSince(gap.streamKey(), gap.scanFromOffset(), gap.fromId(), upTo) : Set.of();
            List<long[]> missing = runsMissing(gap.fromId(), upTo, present);
            if (missing.size() == 1 && missing.get(0)[0] == gap.fromId() && missing.get(0)[1] == gap.toId()) {
                open.put(gap.key(), gap);
                continue;
            }
            long scanFrom = topic.endOffset(gap.streamKey());
            List<OpenGap> pieces = new ArrayList<>();
            for (long[] run : missing) {
                pieces.add(gap.piece(run[0], run[1], scanFrom, pieces.isEmpty()));
            }
            // Pieces under new keys first, then the entry's own key: a crash in between leaves an overlap that the
            // next restore resolves into the same pieces, never a lost range.
            pieces.stream().filter(p -> !p.key().equals(gap.key())).forEach(store::put);
            if (pieces.stream().noneMatch(p -> p.key().equals(gap.key()))) {
                store.remove(gap);
            } else {
                store.put(pieces.stream().filter(p -> p.key().equals(gap.key())).findFirst().orElseThrow());
            }
            pieces.forEach(p -> open.put(p.key(), p));
            LOG.info("Gap ledger: {} ids {}..{} reconciled with topic: {} already there, {} left to the catch-up after id {}; open now: {}",
                    gap.streamKey(), gap.fromId(), gap.toId(), present.size(),
                    Math.max(0, gap.toId() - upTo), lastInTopic, pieces.stream().map(p -> p.fromId() + ".." + p.toId()).toList());
        }
        if (!open.isEmpty()) {
            Summary summary = summary();
            LOG.info("Gap ledger: {} open gaps, {} trades to fetch", summary.openGaps(), summary.tradesPending());
        }
    }

    /** Retries the due gaps on a thread of its own until {@link #close()}. */
    public synchronized void start() {
        if (retries != null || stopping) {
            return;
        }
        retries = new Thread(this::retryLoop, "ingest-gap-retries");
        retries.setDaemon(true);
        retries.start();
    }

    @Override
    public void open(String symbol, long fromId, long toId, BackfillFailed problem) throws InterruptedException {
        Instant now = clock.instant();
        OpenGap gap = new OpenGap(StreamKey.exchangeOf(symbol), StreamKey.symbolOf(symbol), fromId, fromId, toId, now, 1, problem.getMessage(), problem.refused(),
                now.plus(schedule.delay(1, problem)), endOffset(symbol));
        // Durable before the retry thread can see it, so that its writes never land before this one.
        persist(gap);
        open.put(gap.key(), gap);
        LOG.warn("Trades {} ids {}..{} ({} trades) not fetched yet ({}); kept in the gap ledger, next try at {}", symbol,
                fromId, toId, gap.pending(), problem.getMessage(), gap.nextTry());
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** The open entry starting at {@code fromId}, or a new one for {@code fromId..toId}, written durably. */
    public OpenGap openOrResume(String symbol, long fromId, long toId) throws InterruptedException {
        OpenGap existing = open.get(StreamKey.exchangeOf(symbol) + ":" + StreamKey.symbolOf(symbol) + ":" + fromId);
        if (existing != null) {
            return existing;
        }
        Instant now = clock.instant();
        OpenGap gap = new OpenGap(StreamKey.exchangeOf(symbol), StreamKey.symbolOf(symbol), fromId, fromId, toId, now, 0, "", false, now, endOffset(symbol));
        persist(gap);
        open.put(gap.key(), gap);
        return gap;
    }

    /**
     * Fills {@code gap} on the calling thread, waiting out its retry schedule for as long as that takes.
     *
     * @param onPage told the last id of the range made durable after each page and each failed attempt
     */
    public void fillNow(OpenGap gap, LongConsumer onPage) throws InterruptedException {
        // As the ledger has it now: a page fetched for another gap may have filled this one, or part of it, already.
        OpenGap current = open.get(gap.key());
        while (current != null) {
            long wait = Duration.between(clock.instant(), current.nextTry()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            current = attempt(current, onPage);
        }
    }

    /** Every open gap, by symbol and first id. */
    public List<OpenGap> openGaps() {
        return open.values().stream().sorted(Comparator.comparing(OpenGap::symbol).thenComparingLong(OpenGap::firstId)).toList();
    }

    public Summary summary() {
        List<OpenGap> gaps = List.copyOf(open.values());
        return new Summary(gaps.size(), gaps.stream().mapToLong(OpenGap::pending).sum(),
                gaps.stream().map(OpenGap::foundAt).min(Comparator.naturalOrder()));
    }

    /** Trades published by the ledger's fills. */
    public long tradesFilled() {
        return tradesFilled.sum();
    }

    public LostTradesLog lost() {
        return lost;
    }

    private void retryLoop() {
        while (!stopping) {
            try {
                Instant now = clock.instant();
                OpenGap due = open.values().stream().min(Comparator.comparing(OpenGap::nextTry)).orElse(null);
                if (due == null || due.nextTry().isAfter(now)) {
                    long wait = due == null ? IDLE_CHECK.toMillis()
                            : Math.min(IDLE_CHECK.toMillis(), Duration.between(now, due.nextTry()).toMillis());
                    synchronized (wake) {
                        wake.wait(Math.max(1, wait));
                    }
                    continue;
                }
                attempt(due, lastDone -> { });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Gap ledger: a retry failed unexpectedly: {}", e.toString());
                try {
                    Thread.sleep(STORE_RETRY.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * Fetches the gap page by page; returns the entry as left (due later), or null once it is closed. A page also
     * serves the symbol's other open gaps it covers: after an outage a symbol often has many small gaps a page apart,
     * and one request (weight 25 of Binance's 6,000 a minute) then fills them all.
     */
    private OpenGap attempt(OpenGap gap, LongConsumer onPage) throws InterruptedException {
        OpenGap current = gap;
        while (true) {
            List<Trade> page;
            try {
                page = history.fetch(current.streamKey(), current.fromId(), TradeSequencer.PAGE_SIZE);
            } catch (BackfillFailed e) {
                if (Thread.currentThread().isInterrupted() || stopping) {
                    throw new InterruptedException("stopping");
                }
                return failed(current, e, onPage);
            }
            long pageFrom = current.fromId();
            Applied applied = apply(current, page);
            if (!applied.answered()) {
                return failed(current, new BackfillFailed("the exchange serves no trade from id " + current.fromId()
                        + " yet"), onPage);
            }
            long pageLast = page.get(page.size() - 1).tradeId();
            for (OpenGap other : open.values().stream()
                    .filter(o -> o.streamKey().equals(gap.streamKey()) && o.fromId() > pageFrom && o.fromId() <= pageLast)
                    .sorted(Comparator.comparingLong(OpenGap::fromId)).toList()) {
                apply(other, page);
            }
            current = applied.left();
            if (current == null) {
                onPage.accept(gap.toId());
                return null;
            }
            onPage.accept(current.fromId() - 1);
        }
    }

    /** A page applied to a gap: the entry as left (null once closed), and whether the page reached its range at all. */
    private record Applied(OpenGap left, boolean answered) {
    }

    /**
     * Publishes the page's trades in the gap's range, makes them durable, then records the gap's progress, or closes
     * it; ids the page skips while going on beyond them are lost.
     */
    private Applied apply(OpenGap gap, List<Trade> page) throws InterruptedException {
        long next = gap.fromId();
        boolean answered = false;
        for (Trade trade : page) {
            long id = trade.tradeId();
            if (id < next) {
                continue;
            }
            answered = true;
            if (id > next) {
                long lostTo = Math.min(id - 1, gap.toId());
                lost.report(new LostTrades(gap.streamKey(), next, lostTo,
                        "the exchange's trade history goes on at id " + id + " without them"));
                next = lostTo + 1;
            }
            if (id > gap.toId()) {
                break;
            }
            output.publish(trade);
            tradesFilled.increment();
            next = id + 1;
            if (next > gap.toId()) {
                break;
            }
        }
        if (!answered) {
            return new Applied(gap, false);
        }
        output.makeDurable();
        if (next > gap.toId()) {
            open.remove(gap.key());
            removeDurably(gap);
            LOG.info("Gap ledger: {} ids {}..{} filled after {} failed attempts; {} gaps still open", gap.streamKey(),
                    gap.firstId(), gap.toId(), gap.attempts(), open.size());
            return new Applied(null, true);
        }
        OpenGap progressed = gap.filledUpTo(next - 1, endOffset(gap.streamKey()));
        open.put(progressed.key(), progressed);
        persist(progressed);
        return new Applied(progressed, true);
    }

    private OpenGap failed(OpenGap gap, BackfillFailed problem, LongConsumer onPage) throws InterruptedException {
        OpenGap later = gap.failed(clock.instant(), problem, schedule, endOffset(gap.streamKey()));
        open.put(later.key(), later);
        persist(later);
        LOG.warn("Gap ledger: {} ids {}..{} ({} trades) not fetched, attempt {}{}: {}; next try at {}", later.streamKey(),
                later.fromId(), later.toId(), later.pending(), later.attempts(), later.refused() ? " (refused)" : "",
                problem.getMessage(), later.nextTry());
        onPage.accept(later.fromId() - 1);
        return later;
    }

    /** Writes the entry, trying again until the store takes it: nothing past it may happen before. */
    private void persist(OpenGap gap) throws InterruptedException {
        untilDone(() -> {
            store.put(gap);
            return gap;
        }, "write " + gap.key());
    }

    private void removeDurably(OpenGap gap) throws InterruptedException {
        untilDone(() -> {
            store.remove(gap);
            return gap;
        }, "remove " + gap.key());
    }

    /** Where the symbol's partition ends now, asked until Kafka answers: an entry's progress cannot be written without it. */
    private long endOffset(String symbol) throws InterruptedException {
        return untilDone(() -> topic.endOffset(symbol), "read the end offset of " + symbol + "'s partition");
    }

    /**
     * Runs a Kafka step of the ledger until it succeeds: giving up half way (trades published, entry not moved past
     * them) would publish them again on the next try.
     */
    private <T> T untilDone(Supplier<T> step, String what) throws InterruptedException {
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped before the gap ledger could " + what);
                }
                LOG.warn("Gap ledger: cannot {} ({}); trying again in {} s", what, e.getMessage(), STORE_RETRY.toSeconds());
                Thread.sleep(STORE_RETRY.toMillis());
            }
        }
    }

    /** The runs of ids in {@code from..to} that are not in {@code present}, in order. */
    static List<long[]> runsMissing(long from, long to, Set<Long> present) {
        List<long[]> runs = new ArrayList<>();
        long start = from;
        for (long id : present.stream().filter(i -> i >= from && i <= to).sorted().toList()) {
            if (id > start) {
                runs.add(new long[]{start, id - 1});
            }
            start = id + 1;
        }
        if (start <= to) {
            runs.add(new long[]{start, to});
        }
        return runs;
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            stopping = true;
            thread = retries;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
