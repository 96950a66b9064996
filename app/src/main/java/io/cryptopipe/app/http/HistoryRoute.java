package io.cryptopipe.app.http;

import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.history.MetricHistory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /api/history?minutes=N}: the last N minutes of every metric the pipeline keeps in memory, as
 * {@code {"series": {"<name>": [[epoch_ms, value], ...]}}} (N from 1 to {@code maxMinutes}, 60 when absent).
 */
public final class HistoryRoute implements JsonRoute {
    private final MetricHistory history;
    private final Clock clock;
    private final int maxMinutes;

    public HistoryRoute(MetricHistory history, Clock clock, int maxMinutes) {
        this.history = history;
        this.clock = clock;
        this.maxMinutes = maxMinutes;
    }

    @Override
    public Object handle(ApiRequest request) {
        int minutes = request.queryParameter("minutes").map(this::minutes).orElse(Math.min(60, maxMinutes));
        return Map.of("series", history.since(clock.instant().minus(Duration.ofMinutes(minutes))));
    }

    private int minutes(String value) {
        try {
            int minutes = Integer.parseInt(value.trim());
            if (minutes >= 1 && minutes <= maxMinutes) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // told below, with the range
        }
        throw new UserError("query parameter minutes must be a whole number from 1 to " + maxMinutes + ", got '" + value + "'");
    }
}
