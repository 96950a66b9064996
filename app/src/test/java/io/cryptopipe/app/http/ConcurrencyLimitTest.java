package io.cryptopipe.app.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimitTest {
    private static final ApiRequest QUERY = new ApiRequest("POST", URI.create("/api/sql"), "{\"sql\":\"select 1\"}");

    @Test
    void beyondTheLimitACallIsRefusedWith429NamingTheLimitAndLaterCallsRunAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrencyLimit limit = new ConcurrencyLimit(request -> {
            started.countDown();
            await(release);
            return "done";
        }, 3, "console/API queries");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(pool.submit(() -> limit.handle(QUERY)));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> limit.handle(QUERY)).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.getMessage()).contains("at most 3 console/API queries", "--query-timeout");
            });
            release.countDown();
            for (Future<Object> call : running) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("done");
            }
            assertThat(limit.handle(QUERY)).isEqualTo("done");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingCallGivesItsSlotBack() {
        ConcurrencyLimit limit = new ConcurrencyLimit(request -> {
            throw new IllegalStateException("query failed");
        }, 1, "console/API queries");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> limit.handle(QUERY)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
