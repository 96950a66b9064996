package io.cryptopipe.ingest.feed;

/** Where a feed stands, worst connection first. */
public enum StreamState {
    /** Not yet connected for the first time. */
    CONNECTING,
    /** Every connection is open and receiving. */
    STREAMING,
    /** At least one connection was lost or could not be made and is waiting to try again. */
    RETRYING,
    /** Stopped for a reason that retrying cannot fix; {@link StreamStatus#lastError()} says which. */
    FAILED,
    /** Closed on request. */
    STOPPED
}
