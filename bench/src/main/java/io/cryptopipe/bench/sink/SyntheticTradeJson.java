package io.cryptopipe.bench.sink;

/** Trade values shaped like ingest's, cheap to make in any number, each naming its id. */
final class SyntheticTradeJson {
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"};

    private SyntheticTradeJson() {
    }

    static String trade(long id) {
        long time = 1_764_000_000_000L + id;
        return "{\"exchange\":\"binance\",\"symbol\":\"" + SYMBOLS[(int) (id % SYMBOLS.length)] + "\",\"trade_id\":" + id
                + ",\"price\":\"" + (90_000 + id % 1000) + ".12\",\"quantity\":\"0.0" + (id % 97)
                + "\",\"is_buyer_maker\":" + (id % 2 == 0) + ",\"trade_time_us\":" + time * 1000
                + ",\"source\":\"websocket\"}";
    }
}
