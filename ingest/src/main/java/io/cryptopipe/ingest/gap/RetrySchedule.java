package io.cryptopipe.ingest.gap;

import java.time.Duration;

/**
 * When an open gap is tried again: the delay doubles from {@code first} with each failed attempt up to {@code max};
 * a refusal (a 4xx other than 429/418, perhaps a proxy or an edge having a bad minute) starts from
 * {@code refusedFirst} instead. A Retry-After the exchange sent is never cut short.
 */
public record RetrySchedule(Duration first, Duration refusedFirst, Duration max) {
    /** From 2 s, or 30 s after a refusal, to 3 min: a long outage costs a request every 3 min per gap. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(3));

    public RetrySchedule {
        if (first == null || first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first retry delay must be positive: " + first);
        }
        if (refusedFirst == null || refusedFirst.compareTo(first) < 0) {
            throw new IllegalArgumentException("refusedFirst must be at least first (" + first + "): " + refusedFirst);
        }
        if (max == null || max.compareTo(refusedFirst) < 0) {
            throw new IllegalArgumentException("max must be at least refusedFirst (" + refusedFirst + "): " + max);
        }
    }

    /** This schedule with no wait longer than {@code cap}: the first waits shrink to it if they are longer. */
    public RetrySchedule cappedAt(Duration cap) {
        Duration newFirst = first.compareTo(cap) <= 0 ? first : cap;
        return new RetrySchedule(newFirst, refusedFirst.compareTo(cap) <= 0 ? refusedFirst : cap, cap);
    }

    /** The wait after {@code failedAttempts} failed attempts (1 for the first failure). */
    public Duration delay(int failedAttempts, BackfillFailed problem) {
        Duration base = problem.refused() ? refusedFirst : first;
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long millis = base.toMillis() << doublings;
        Duration grown = millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
        return grown.compareTo(problem.retryAfter()) >= 0 ? grown : problem.retryAfter();
    }
}
