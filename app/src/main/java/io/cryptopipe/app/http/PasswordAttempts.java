package io.cryptopipe.app.http;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong passwords per client address: after {@value #MAX_FAILURES} within {@link #WINDOW}, that address may not try
 * again until the oldest of them is a window old, so guessing goes at 10 a minute; other addresses, and sessions
 * already open, are not held up.
 */
final class PasswordAttempts {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<InetAddress, Deque<Instant>> failures = new HashMap<>();
    private final Clock clock;

    PasswordAttempts(Clock clock) {
        this.clock = clock;
    }

    /** @return how long {@code client} must wait before its password is checked again, or empty if it may try now */
    synchronized Optional<Duration> wait(InetAddress client) {
        Deque<Instant> recent = recent(client, clock.instant());
        return recent.size() < MAX_FAILURES ? Optional.empty()
                : Optional.of(Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW)));
    }

    synchronized void failed(InetAddress client) {
        Instant now = clock.instant();
        failures.keySet().removeIf(address -> recent(address, now).isEmpty());
        failures.computeIfAbsent(client, address -> new ArrayDeque<>()).addLast(now);
    }

    private Deque<Instant> recent(InetAddress client, Instant now) {
        Deque<Instant> times = failures.getOrDefault(client, new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
        return times;
    }
}
