package io.cryptopipe.orchestrate.schedule;

import io.cryptopipe.orchestrate.dag.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fires a job on a cron schedule with Airflow's {@code max_active_runs=1, catchup=False} semantics: one run at a
 * time on one thread, and after downtime or a long run the next fire time is computed from now, so missed slots are
 * skipped rather than replayed.
 */
public final class PipelineScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);

    private final CronSchedule schedule;
    private final Consumer<Trigger> job;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private ZonedDateTime lastSlot;

    public PipelineScheduler(CronSchedule schedule, Consumer<Trigger> job, Clock clock) {
        this.schedule = schedule;
        this.job = job;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pipeline-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the schedule; the first run happens at the next fire time. */
    public synchronized void start() {
        scheduleNext();
    }

    /** Runs the job now as a manual run, after any run in progress (the single thread keeps runs from overlapping). */
    public void triggerNow() {
        executor.execute(() -> runOnce(Trigger.MANUAL));
    }

    public ZonedDateTime nextFireTime() {
        return schedule.nextAfter(ZonedDateTime.now(clock));
    }

    private synchronized void scheduleNext() {
        if (executor.isShutdown()) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        // The timer may fire a hair before its slot; counting from the slot just served keeps that slot from
        // firing twice. After an overrun, now is past it and missed slots are skipped (no catch-up).
        ZonedDateTime from = lastSlot != null && lastSlot.isAfter(now) ? lastSlot : now;
        lastSlot = schedule.nextAfter(from);
        long delayMs = Math.max(0, (Duration.between(now, lastSlot).toNanos() + 999_999) / 1_000_000);
        next = executor.schedule(() -> {
            runOnce(Trigger.SCHEDULED);
            scheduleNext();
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void runOnce(Trigger trigger) {
        try {
            job.accept(trigger);
        } catch (RuntimeException e) {
            log.error("Scheduled pipeline run failed: {}", e.getMessage(), e);
        }
    }

    /** Stops firing and waits for a run in progress to finish. */
    @Override
    public void close() {
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
            }
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
