package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.feed.StreamStatus;

/** Reads a feed's status the way a long-running command must react to it: stop only when ingest gave up for good. */
final class FatalIngestError {
    private FatalIngestError() {
    }

    /** @return the one-line reason when the feed has failed for good, else null */
    static String of(StreamStatus status) {
        return status.state() == StreamState.FAILED ? status.lastError() : null;
    }
}
