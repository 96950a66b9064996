package io.cryptopipe.app.http;

import io.cryptopipe.app.history.RecentEvents;

import java.util.Map;

/** {@code GET /api/events}: the pipeline's recent warnings and errors (and recoveries), newest first. */
public final class EventsRoute implements JsonRoute {
    private final RecentEvents events;

    public EventsRoute(RecentEvents events) {
        this.events = events;
    }

    @Override
    public Object handle(ApiRequest request) {
        return Map.of("events", events.newestFirst());
    }
}
