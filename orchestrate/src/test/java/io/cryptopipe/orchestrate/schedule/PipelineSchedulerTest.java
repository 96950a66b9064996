package io.cryptopipe.orchestrate.schedule;

import io.cryptopipe.orchestrate.dag.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineSchedulerTest {
    private static final CronSchedule HOURLY = CronSchedule.parse("0 * * * *");

    @Test
    void manualTriggersNeverOverlap() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Runnable slowJob = () -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            sleep(50);
            active.decrementAndGet();
            runs.incrementAndGet();
        };
        try (PipelineScheduler scheduler = new PipelineScheduler(HOURLY, trigger -> slowJob.run(), Clock.systemUTC())) {
            scheduler.start();
            scheduler.triggerNow();
            scheduler.triggerNow();
            scheduler.triggerNow();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 3);
        }
        assertThat(maxActive.get()).isEqualTo(1);
    }

    @Test
    void aFailingRunDoesNotStopLaterRuns() {
        AtomicInteger runs = new AtomicInteger();
        Runnable flakyJob = () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("model failed");
            }
        };
        try (PipelineScheduler scheduler = new PipelineScheduler(HOURLY, trigger -> flakyJob.run(), Clock.systemUTC())) {
            scheduler.triggerNow();
            scheduler.triggerNow();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        }
    }

    @Test
    void closeWaitsForTheRunInProgress() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        PipelineScheduler scheduler = new PipelineScheduler(HOURLY, trigger -> {
            started.countDown();
            sleep(300);
            finished.incrementAndGet();
        }, Clock.systemUTC());
        scheduler.triggerNow();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        scheduler.close();
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void aRunThatOverrunsSeveralSlotsIsFollowedByOneRunNotACatchUp() {
        // Fire times are whole minutes; the clock starts 2 s before 10:01.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:58Z"));
        List<Trigger> runs = new CopyOnWriteArrayList<>();
        Consumer<Trigger> job = trigger -> {
            if (runs.isEmpty()) {
                // The 10:01 run overruns the 10:02 .. 10:05 slots and ends 2 s before 10:06.
                clock.jumpTo(Instant.parse("2026-11-25T10:05:58Z"));
            }
            runs.add(trigger);
        };
        try (PipelineScheduler scheduler = new PipelineScheduler(CronSchedule.parse("* * * * *"), job, clock)) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> runs.size() >= 2);
            sleep(1_500);
        }
        assertThat(runs).containsExactly(Trigger.SCHEDULED, Trigger.SCHEDULED);
    }

    @Test
    void manualTriggersAreRecordedAsManual() {
        List<Trigger> runs = new CopyOnWriteArrayList<>();
        try (PipelineScheduler scheduler = new PipelineScheduler(HOURLY, runs::add, Clock.systemUTC())) {
            scheduler.triggerNow();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        }
        assertThat(runs).containsExactly(Trigger.MANUAL);
    }

    /** Real time from a chosen start, which a test can jump forward; the scheduler reads it to compute fire times. */
    private static final class MutableClock extends Clock {
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private volatile Duration jumped = Duration.ZERO;

        MutableClock(Instant start) {
            this.start = start;
        }

        void jumpTo(Instant target) {
            jumped = jumped.plus(Duration.between(instant(), target));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plus(jumped).plusNanos(System.nanoTime() - startNanos);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
