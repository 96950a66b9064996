package io.cryptopipe.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameHandoffTest {
    private static final URI SOURCE = URI.create("ws://127.0.0.1:1/stream");

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private FrameHandoff handoff;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (handoff != null) {
            handoff.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void handsFramesToTheHandlerInOrder() {
        handoff = new FrameHandoff(8, frame -> handled.add(frame.text()), "test-dispatch");
        handoff.start();

        for (int i = 0; i < 5; i++) {
            assertThat(handoff.offer(frame("f" + i))).isTrue();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 5);
        assertThat(handled).containsExactly("f0", "f1", "f2", "f3", "f4");
    }

    @Test
    void refusesFramesWhileFullAndWakesTheWaiterOnceThereIsRoom() {
        handoff = new FrameHandoff(2, this::blockUntilReleased, "test-dispatch");
        handoff.start();
        assertThat(handoff.offer(frame("in-handler"))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> handoff.queued() == 0);
        assertThat(handoff.offer(frame("q1"))).isTrue();
        assertThat(handoff.offer(frame("q2"))).isTrue();

        assertThat(handoff.offer(frame("overflow"))).isFalse();
        AtomicBoolean woken = new AtomicBoolean();
        handoff.whenSpace(() -> woken.set(true));
        assertThat(woken).isFalse();

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).untilTrue(woken);
    }

    @Test
    void closeDeliversEverythingAlreadyAccepted() {
        handoff = new FrameHandoff(100, frame -> {
            sleepQuietly(2);
            handled.add(frame.text());
        }, "test-dispatch");
        handoff.start();
        for (int i = 0; i < 50; i++) {
            handoff.offer(frame("f" + i));
        }

        assertThat(handoff.close(Duration.ofSeconds(10))).isTrue();

        assertThat(handled).hasSize(50).endsWith("f49");
    }

    @Test
    void keepsDispatchingAfterTheHandlerThrows() {
        handoff = new FrameHandoff(8, frame -> {
            if (frame.text().equals("bad")) {
                throw new IllegalStateException("boom");
            }
            handled.add(frame.text());
        }, "test-dispatch");
        handoff.start();

        handoff.offer(frame("bad"));
        handoff.offer(frame("good"));

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains("good"));
    }

    private void blockUntilReleased(ReceivedFrame frame) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handled.add(frame.text());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ReceivedFrame frame(String text) {
        return new ReceivedFrame(text, 1L, SOURCE);
    }
}
