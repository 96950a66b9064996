package io.cryptopipe.app.http;

import java.util.concurrent.Semaphore;

/**
 * Lets at most {@code limit} calls of a route run at once and answers 429 to the next: a few heavy console queries
 * must not take every core from the sink and the schedule.
 */
public final class ConcurrencyLimit implements JsonRoute {
    private final JsonRoute route;
    private final int limit;
    private final String what;
    private final Semaphore slots;

    /** @param what the calls being limited, as the error names them, e.g. "console/API queries" */
    public ConcurrencyLimit(JsonRoute route, int limit, String what) {
        this.route = route;
        this.limit = limit;
        this.what = what;
        this.slots = new Semaphore(limit);
    }

    @Override
    public Object handle(ApiRequest request) {
        if (!slots.tryAcquire()) {
            throw new ApiError(429, "at most " + limit + " " + what + " run at once and " + limit
                    + " are running: wait for one to finish (each stops at --query-timeout) and try again");
        }
        try {
            return route.handle(request);
        } finally {
            slots.release();
        }
    }
}
