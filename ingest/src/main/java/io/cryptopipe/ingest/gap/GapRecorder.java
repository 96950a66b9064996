package io.cryptopipe.ingest.gap;

/** Where a gap goes when its first fetch fails: somewhere durable that retries it until its trades are in the topic. */
@FunctionalInterface
public interface GapRecorder {
    /**
     * Records ids {@code fromId..toId} of {@code symbol} as missed and not fetched yet; returns once that is durable,
     * so the caller may then publish trades beyond them.
     *
     * @param problem why the fetch failed this time
     * @throws InterruptedException when stopped before the record was durable; nothing past the gap may be published
     */
    void open(String symbol, long fromId, long toId, BackfillFailed problem) throws InterruptedException;
}
