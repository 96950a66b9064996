package io.cryptopipe.ingest.binance;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Combined-stream URLs for {@code @trade} streams, split so no connection carries more streams than Binance allows. */
public final class BinanceStreamUrls {
    /** Binance closes a connection that subscribes to more streams than this. */
    public static final int MAX_STREAMS_PER_CONNECTION = 1024;

    private BinanceStreamUrls() {
    }

    /** {@code <wsBase>/stream?streams=btcusdt@trade/ethusdt@trade...}, one URL per shard of at most {@code perConnection} symbols. */
    public static List<URI> tradeStreams(URI wsBase, List<String> symbols, int perConnection) {
        return tradeStreams(wsBase, symbols, perConnection, StreamTimeUnit.MILLISECOND);
    }

    /** As above; {@link StreamTimeUnit#MICROSECOND} adds {@code &timeUnit=MICROSECOND} (milliseconds are the default). */
    public static List<URI> tradeStreams(URI wsBase, List<String> symbols, int perConnection, StreamTimeUnit timeUnit) {
        List<URI> uris = new ArrayList<>();
        for (List<String> shard : shards(symbols, perConnection)) {
            StringBuilder query = new StringBuilder("streams=");
            for (int i = 0; i < shard.size(); i++) {
                if (i > 0) {
                    query.append('/');
                }
                query.append(shard.get(i).toLowerCase(Locale.ROOT)).append("@trade");
            }
            if (timeUnit == StreamTimeUnit.MICROSECOND) {
                query.append("&timeUnit=MICROSECOND");
            }
            uris.add(withPathAndQuery(wsBase, streamPath(wsBase), query.toString()));
        }
        return uris;
    }

    /** Consecutive groups of at most {@code perConnection} symbols, one per connection. */
    public static List<List<String>> shards(List<String> symbols, int perConnection) {
        if (perConnection < 1 || perConnection > MAX_STREAMS_PER_CONNECTION) {
            throw new IllegalArgumentException("streams per connection must be 1.." + MAX_STREAMS_PER_CONNECTION + ": " + perConnection);
        }
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("no symbols to stream");
        }
        List<List<String>> shards = new ArrayList<>();
        for (int from = 0; from < symbols.size(); from += perConnection) {
            shards.add(List.copyOf(symbols.subList(from, Math.min(from + perConnection, symbols.size()))));
        }
        return shards;
    }

    /** The URL without its query: names the endpoint in logs and headers without kilobytes of stream names. */
    public static URI endpoint(URI uri) {
        return withPathAndQuery(uri, uri.getPath(), null);
    }

    private static String streamPath(URI wsBase) {
        String path = wsBase.getPath() == null ? "" : wsBase.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + "/stream";
    }

    private static URI withPathAndQuery(URI base, String path, String query) {
        try {
            return new URI(base.getScheme(), base.getAuthority(), path, query, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build a stream URL from " + base + ": " + e.getMessage(), e);
        }
    }
}
