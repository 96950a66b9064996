package io.cryptopipe.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadAllocationTest {
    @Test
    void rolesAreThreadNamesWithoutTheirNumbers() {
        assertThat(ThreadAllocation.role("binance-dispatch-3")).isEqualTo("binance-dispatch-N");
        assertThat(ThreadAllocation.role("task-thread-cryptopipe-warehouse-sink-0")).isEqualTo("task-thread-cryptopipe-warehouse-sink-N");
    }

    @Test
    void countsWhatAThreadAllocatedInTheWindowUnderItsRole() throws Exception {
        ThreadAllocation start = ThreadAllocation.now();
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            byte[][] kept = new byte[16][];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = new byte[1 << 20];
            }
            allocated.countDown();
            awaitQuietly(measured);
            // Kept reachable until measured, so the bytes are certainly allocated, not scalar-replaced.
            java.lang.ref.Reference.reachabilityFence(kept);
        }, "allocating-worker-7");
        worker.start();
        allocated.await();

        ThreadAllocation.InWindow window = start.since();
        measured.countDown();
        worker.join();

        assertThat(window.bytesByRole().get("allocating-worker-N")).isGreaterThanOrEqualTo(16L << 20);
        assertThat(window.totalBytes()).isGreaterThanOrEqualTo(window.bytesByRole().get("allocating-worker-N"));
        assertThat(window.largest(1)).extracting(entry -> entry.getKey()).containsExactly("allocating-worker-N");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
