package io.cryptopipe.ingest.gap;

import java.util.Set;

/** What the gap ledger needs to know of the trades topic, per symbol (one symbol lives in one partition). */
public interface TradesTopicIndex extends AutoCloseable {
    /** The end offset of the symbol's partition now. */
    long endOffset(String symbol);

    /** The ids in {@code fromId..toId} of the symbol's trades at or after {@code offset} of its partition. */
    Set<Long> idsSince(String symbol, long offset, long fromId, long toId);

    @Override
    void close();
}
