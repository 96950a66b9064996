package io.cryptopipe.app.history;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few things that went wrong or right again, newest first, for the Pipeline page; older ones fall off. */
public final class RecentEvents {
    public enum Level { INFO, WARNING, ERROR }

    /** @param source the stage it concerns, in words ("exchange feed", "scheduler", ...) */
    public record Event(Instant at, Level level, String source, String message) {
    }

    private final int capacity;
    private final Deque<Event> events = new ArrayDeque<>();

    public RecentEvents(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Event event) {
        events.addFirst(event);
        while (events.size() > capacity) {
            events.removeLast();
        }
    }

    public synchronized List<Event> newestFirst() {
        return new ArrayList<>(events);
    }
}
