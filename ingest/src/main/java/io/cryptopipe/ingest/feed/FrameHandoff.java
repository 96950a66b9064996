package io.cryptopipe.ingest.feed;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves frames from socket threads to one dispatch thread that runs the (possibly slow) handler.
 *
 * <p>Policy: the queue is bounded and {@link #offer} never blocks. A connection whose frame does not fit keeps that
 * one frame, stops asking its socket for more (so the exchange's bytes wait in the TCP window, not in our heap) and
 * registers a wake-up with {@link #whenSpace}; the dispatch thread runs the wake-ups as it frees slots. A slow
 * consumer therefore slows the sockets down instead of growing memory or blocking a socket thread. If the pause
 * outlasts the exchange's patience it drops the connection and the client reconnects.
 *
 * <p>{@link #close} lets every frame already accepted, and every frame still waiting for a slot, reach the handler.
 */
public final class FrameHandoff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameHandoff.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final BlockingQueue<ReceivedFrame> queue;
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();
    private final FrameHandler handler;
    private final Thread dispatcher;
    private volatile boolean closing;

    public FrameHandoff(int capacity, FrameHandler handler, String threadName) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        this.dispatcher = new Thread(this::dispatch, threadName);
        this.dispatcher.setDaemon(true);
    }

    public void start() {
        dispatcher.start();
    }

    /** Accepts the frame if a slot is free; never blocks. */
    public boolean offer(ReceivedFrame frame) {
        return queue.offer(frame);
    }

    /** Runs {@code wakeUp} once a slot may be free (possibly right away, on this thread). */
    public void whenSpace(Runnable wakeUp) {
        waiters.add(wakeUp);
        // The dispatcher may have freed the last slot between the caller's failed offer and the add above.
        if (queue.remainingCapacity() > 0) {
            wakeWaiters();
        }
    }

    public int queued() {
        return queue.size();
    }

    private void dispatch() {
        try {
            while (true) {
                ReceivedFrame frame = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    wakeWaiters();
                    deliver(frame);
                } else if (closing && waiters.isEmpty() && queue.isEmpty()) {
                    return;
                } else {
                    wakeWaiters();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(ReceivedFrame frame) {
        try {
            handler.onFrame(frame);
        } catch (RuntimeException e) {
            LOG.warn("Frame handler failed on a frame from {}: {}", frame.source(), e.toString());
        }
    }

    private void wakeWaiters() {
        Runnable wakeUp;
        while (queue.remainingCapacity() > 0 && (wakeUp = waiters.poll()) != null) {
            wakeUp.run();
        }
    }

    /** Delivers everything accepted or waiting, then stops the dispatch thread; gives up after {@code timeout}. */
    public boolean close(Duration timeout) {
        closing = true;
        if (!dispatcher.isAlive() || Thread.currentThread() == dispatcher) {
            return queue.isEmpty();
        }
        try {
            dispatcher.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dispatcher.isAlive()) {
            LOG.warn("Gave up waiting for {} queued frames after {}", queue.size(), timeout);
            dispatcher.interrupt();
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
