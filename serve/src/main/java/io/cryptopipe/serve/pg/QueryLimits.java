package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every reader's statement is held to: it waits for one of a few execution slots (so that readers leave the
 * warehouse's threads and memory to the sink) and is cancelled when it runs past the statement timeout.
 */
final class QueryLimits implements AutoCloseable {
    private final Duration timeout;
    private final Semaphore slots;
    private final int slotCount;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pg-statement-timeout");
        thread.setDaemon(true);
        return thread;
    });

    QueryLimits(Duration timeout, int maxRunningQueries) {
        this.timeout = timeout;
        this.slotCount = maxRunningQueries;
        this.slots = new Semaphore(maxRunningQueries, true);
    }

    Duration timeout() {
        return timeout;
    }

    /** One statement's hold on a slot and its timer; close it when the statement finishes or suspends. */
    final class Execution implements AutoCloseable {
        private final AtomicBoolean timedOut = new AtomicBoolean();
        private final ScheduledFuture<?> deadline;
        private boolean closed;

        private Execution(Statement statement) {
            deadline = timer.schedule(() -> {
                timedOut.set(true);
                try {
                    statement.cancel();
                } catch (SQLException ignored) {
                    // the statement finished or closed meanwhile
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean timedOut() {
            return timedOut.get();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                deadline.cancel(false);
                slots.release();
            }
        }
    }

    /** Waits for a slot (within the timeout) and starts the statement's timer. */
    Execution begin(Statement statement) {
        try {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new QueryRefused(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout: "
                        + slotCount + " queries kept running for the whole timeout of " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryRefused(SqlState.QUERY_CANCELED, "canceling statement: the server is shutting down");
        }
        return new Execution(statement);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
