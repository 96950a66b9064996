package io.cryptopipe.ingest.gap;

import java.util.List;

/** Where the gap ledger is kept; every write is durable when the call returns. */
public interface GapStore extends AutoCloseable {
    /** Every open gap, as last written. */
    List<OpenGap> load();

    /** Writes the entry under its {@link OpenGap#key()}, replacing what was there. */
    void put(OpenGap gap);

    /** Deletes the entry of that key: its gap is closed. */
    void remove(OpenGap gap);

    @Override
    void close();
}
