package io.cryptopipe.ingest.gap;

import java.time.Duration;

/**
 * The history could not be fetched this time (network, server errors, rate limiting, a refusal), as opposed to
 * missing: the trades may well exist, so the fetch is retried later, never given up.
 */
public final class BackfillFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean refused;
    private final Duration retryAfter;

    /** A failure worth retrying soon: network, 5xx, an unreadable answer. */
    public BackfillFailed(String reason) {
        this(reason, false, Duration.ZERO);
    }

    /**
     * @param refused    answered with a 4xx other than 429/418: retried on the slow schedule (it may be a proxy or a
     *                   transient edge), and reported as a refusal
     * @param retryAfter the exchange asked not to call again before this long (Retry-After); zero if it did not say
     */
    public BackfillFailed(String reason, boolean refused, Duration retryAfter) {
        super(reason, null, false, false);
        this.refused = refused;
        this.retryAfter = retryAfter;
    }

    public boolean refused() {
        return refused;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
