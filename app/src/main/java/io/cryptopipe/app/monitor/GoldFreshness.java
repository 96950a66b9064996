package io.cryptopipe.app.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * How current gold is, for {@code status}, the Pipeline page and {@code /metrics}: the refresh loop's state and the
 * trade → gold lag over the last minute ({@link GoldLag}).
 *
 * @param refreshInterval    zero when gold is built by the scheduled DAG runs only
 * @param refreshes          refreshes that built every model since the start
 * @param failures           refreshes that did not
 * @param lastRefreshAt      when the last refresh ended, or null before the first
 * @param lastRefreshSeconds how long it took (with any wait for a DAG task in flight), or null
 * @param lastError          the last refresh's first failure line, or null if it succeeded
 */
public record GoldFreshness(Duration refreshInterval, long refreshes, long failures, Instant lastRefreshAt,
                            Double lastRefreshSeconds, String lastError, GoldLag.Percentiles lag) {

    /** Gold refreshed by the DAG runs alone ({@code --refresh-interval 0}). */
    public static GoldFreshness withoutRefresh(GoldLag.Percentiles lag) {
        return new GoldFreshness(Duration.ZERO, 0, 0, null, null, null, lag);
    }

    public boolean refreshing() {
        return !refreshInterval.isZero();
    }
}
