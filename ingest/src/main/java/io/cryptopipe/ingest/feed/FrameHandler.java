package io.cryptopipe.ingest.feed;

/** Takes frames off a feed, one at a time, on the feed's single dispatch thread. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(ReceivedFrame frame);
}
