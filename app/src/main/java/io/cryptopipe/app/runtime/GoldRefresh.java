package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.dbt.DbtOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Between the minute's DAG runs, {@code dbt run} of the incremental models and what they need, every
 * {@code interval}: silver and its rejects read the raw rows loaded since, the dimension gives a ticker first traded
 * since the last snapshot its 'Unknown' version (the one that snapshot will record, under the same key), the facts
 * and the candles follow. Seeds, the snapshot and the data tests stay on the minute's schedule.
 *
 * <p>One writer at a time: each refresh is one invocation through the {@link DbtInvoker}, whose lock the DAG's tasks
 * and hand-started dbt commands take too, so a refresh waits for any of them in flight and they wait for it. Each
 * model commits whole in its own transaction and reads where it stands itself (raw row positions, touched minutes),
 * so a refresh that stops between models leaves the next one, or the minute's run, to finish the rest.
 *
 * <p>A refresh starts every {@code interval} from the start of the previous one; one that overran, or waited for a
 * DAG run, is followed at once by the next, without catch-up runs for the slots it missed.
 */
public final class GoldRefresh implements AutoCloseable {
    /** The incremental models and the dimension the facts join; the views (bronze, consumption) need no rebuild. */
    static final List<String> MODELS = List.of("silver_rejects", "silver_trades", "traded_tickers", "dim_symbol", "fact_trades",
            "candles_1m");
    /**
     * How far back (in load time) a refresh looks for minutes to recompute in candles_1m. The project's 10 minutes
     * cover rows the sink commits late. A refresh recomputing ten minutes of trades every few seconds spent 1-6 s in
     * candles_1m at 10k trades/s (docs/BENCHMARKS.md, gold refresh), so it looks one minute back, and the minute's
     * run, with the project's look-back, corrects what a refresh could miss.
     */
    static final Map<String, Object> VARS = Map.of("candle_lookback_minutes", 1);
    private static final Logger log = LoggerFactory.getLogger(GoldRefresh.class);

    private final DbtInvoker invoker;
    private final DbtInvocation invocation;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Status status;
    private String lastFailure;

    /**
     * @param artifacts where each refresh writes its run_results.json and manifest.json, apart from the minute's run's
     */
    public GoldRefresh(DbtInvoker invoker, Path projectDir, Path artifacts, Duration interval, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive: " + interval);
        }
        this.invoker = invoker;
        this.invocation = new DbtInvocation("run", projectDir, null, null, MODELS, VARS, artifacts);
        this.interval = interval;
        this.clock = clock;
        this.status = new Status(interval, 0, 0, null, null, null);
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gold-refresh");
            thread.setDaemon(true);
            return thread;
        });
        // On close, the refresh in flight finishes; the next, waiting for its time, does not start.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts refreshing, the first refresh one interval from now; later calls, and calls after close, do nothing. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(this::refreshAndReschedule, interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed before the pipeline's first DAG run ended: nothing to start
        }
    }

    public Status status() {
        return status;
    }

    private void refreshAndReschedule() {
        long started = System.nanoTime();
        refreshOnce();
        long nextInMs = Math.max(0, interval.toMillis() - (System.nanoTime() - started) / 1_000_000);
        try {
            executor.schedule(this::refreshAndReschedule, nextInMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() was called during this refresh: no next one.
        }
    }

    /** One refresh, now, on the caller's thread (after any dbt command in flight); true if every model built. */
    boolean refreshOnce() {
        long started = System.nanoTime();
        DbtOutcome outcome;
        try {
            outcome = invoker.invoke(invocation);
        } catch (RuntimeException e) {
            outcome = new DbtOutcome(false, List.of(String.valueOf(e.getMessage())));
        }
        Instant ended = clock.instant();
        double seconds = (System.nanoTime() - started) / 1e9;
        Status previous = status;
        if (outcome.success()) {
            if (lastFailure != null) {
                log.info("Gold refresh succeeded again after {} failure(s)", previous.failures());
                lastFailure = null;
            }
            status = new Status(interval, previous.refreshes() + 1, previous.failures(), ended, seconds, null);
            log.debug("Gold refresh in {} s", seconds);
            return true;
        }
        List<String> lines = outcome.lines();
        String failure = lines.isEmpty() ? "failed" : lines.get(0);
        // A failure that repeats every few seconds (e.g. before the first DAG run built the snapshot) is logged once.
        if (!failure.equals(lastFailure)) {
            log.warn("Gold refresh failed (the next one retries in {}): {}", interval, failure);
            lastFailure = failure;
        }
        status = new Status(interval, previous.refreshes(), previous.failures() + 1, ended, seconds, failure);
        return false;
    }

    /** Stops refreshing and waits for a refresh in progress to commit. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param refreshes     refreshes that built every model since the start
     * @param failures      refreshes that did not
     * @param lastEnd       when the last refresh ended, or null before the first
     * @param lastSeconds   how long it took, including any wait for a DAG task in flight
     * @param lastError     its first failure line, or null if it succeeded
     */
    public record Status(Duration interval, long refreshes, long failures, Instant lastEnd, Double lastSeconds,
                         String lastError) {
    }
}
