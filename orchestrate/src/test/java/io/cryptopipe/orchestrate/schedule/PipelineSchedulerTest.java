package io.cryptopipe.orchestrate.schedule;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        try (PipelineScheduler scheduler = new PipelineScheduler(HOURLY, slowJob, Clock.systemUTC())) {
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
        try (PipelineScheduler scheduler = new PipelineScheduler(HOURLY, flakyJob, Clock.systemUTC())) {
            scheduler.triggerNow();
            scheduler.triggerNow();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        }
    }

    @Test
    void closeWaitsForTheRunInProgress() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        PipelineScheduler scheduler = new PipelineScheduler(HOURLY, () -> {
            started.countDown();
            sleep(300);
            finished.incrementAndGet();
        }, Clock.systemUTC());
        scheduler.triggerNow();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        scheduler.close();
        assertThat(finished.get()).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
