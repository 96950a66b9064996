package io.cryptopipe.exchangesim.stream;

import io.cryptopipe.exchangesim.FaultPlan;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Applies a {@link FaultPlan} to stream connections: what each trade frame becomes, and the per-connection timers
 * (lifetime, serverShutdown notice, stall). Trade frames of one session are sent by the clock thread only, so the
 * per-session counter needs no lock.
 */
final class SessionFaults {

    static final SessionFaults NONE = new SessionFaults(FaultPlan.NONE, null, System::currentTimeMillis);

    private final FaultPlan plan;
    private final ScheduledExecutorService timers;
    private final LongSupplier wallMillis;
    private final Map<StreamSession, State> states = new ConcurrentHashMap<>();

    private static final class State {
        long tradeFrames;
        volatile boolean stalled;
        final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    }

    SessionFaults(FaultPlan plan, ScheduledExecutorService timers, LongSupplier wallMillis) {
        this.plan = plan;
        this.timers = timers;
        this.wallMillis = wallMillis;
    }

    void opened(StreamSession session) {
        State state = new State();
        states.put(session, state);
        if (timers == null) {
            return;
        }
        if (FaultPlan.on(plan.connectionLifetime())) {
            schedule(state, plan.connectionLifetime(), () -> session.close(StatusCode.NORMAL,
                    "connection lifetime reached", () -> { }));
        }
        if (FaultPlan.on(plan.serverShutdownAfter())) {
            schedule(state, plan.serverShutdownAfter(), () -> {
                session.send(TradeFrames.serverShutdown(wallMillis.getAsLong(), session.combined()));
                schedule(state, FaultPlan.SHUTDOWN_GRACE, () -> session.close(StatusCode.SHUTDOWN,
                        "server shutting down", () -> { }));
            });
        }
        if (FaultPlan.on(plan.stallAfter())) {
            schedule(state, plan.stallAfter(), () -> state.stalled = true);
        }
    }

    void closed(StreamSession session) {
        State state = states.remove(session);
        if (state != null) {
            state.timers.forEach(timer -> timer.cancel(false));
        }
    }

    /** The frames to send in place of {@code frame}: none, itself, itself twice, or itself and a broken frame. */
    List<String> framesFor(StreamSession session, String frame) {
        State state = states.get(session);
        if (state == null) {
            return List.of(frame);
        }
        if (state.stalled) {
            return List.of();
        }
        long n = ++state.tradeFrames;
        if (every(plan.dropEveryNth(), n)) {
            return List.of();
        }
        if (every(plan.duplicateEveryNth(), n)) {
            return List.of(frame, frame);
        }
        if (every(plan.malformedEveryNth(), n)) {
            return List.of(frame, TradeFrames.MALFORMED.get((int) ((n / plan.malformedEveryNth()) % TradeFrames.MALFORMED.size())));
        }
        return List.of(frame);
    }

    private static boolean every(int nth, long n) {
        return nth > 0 && n % nth == 0;
    }

    private void schedule(State state, Duration delay, Runnable action) {
        try {
            state.timers.add(timers.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // The simulator is closing; it closes this session itself.
        }
    }
}
