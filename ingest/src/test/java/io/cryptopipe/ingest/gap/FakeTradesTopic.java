package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.Trade;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One partition's trades in memory: the offset of a trade is its index. */
class FakeTradesTopic implements TradesTopicIndex, GapLedger.FillOutput {
    final List<Trade> records = new ArrayList<>();

    @Override
    public synchronized void publish(Trade trade) {
        records.add(trade);
    }

    @Override
    public void makeDurable() {
    }

    @Override
    public synchronized long endOffset(String symbol) {
        return records.size();
    }

    @Override
    public synchronized Set<Long> idsSince(String symbol, long offset, long fromId, long toId) {
        Set<Long> ids = new HashSet<>();
        for (Trade trade : records.subList((int) offset, records.size())) {
            if (trade.symbol().equals(symbol) && trade.tradeId() >= fromId && trade.tradeId() <= toId) {
                ids.add(trade.tradeId());
            }
        }
        return ids;
    }

    synchronized List<Long> ids() {
        return records.stream().map(Trade::tradeId).toList();
    }

    @Override
    public void close() {
    }
}
