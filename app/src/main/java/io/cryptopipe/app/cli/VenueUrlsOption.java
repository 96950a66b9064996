package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.IngestConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --<exchange>-ws-url} and {@code --<exchange>-rest-url} of each venue besides Binance, shared by {@code up} and {@code ingest}. */
final class VenueUrlsOption {
    @Option(names = "--coinbase-ws-url", defaultValue = "wss://ws-feed.exchange.coinbase.com",
            description = "Coinbase Exchange WebSocket feed, for coinbase:SYMBOL entries of --symbols (default: ${DEFAULT-VALUE}).")
    URI coinbaseWsUrl;

    @Option(names = "--coinbase-rest-url", defaultValue = "https://api.exchange.coinbase.com",
            description = "Coinbase Exchange REST API, where missed trades are fetched (default: ${DEFAULT-VALUE}).")
    URI coinbaseRestUrl;

    @Option(names = "--kraken-ws-url", defaultValue = "wss://ws.kraken.com/v2",
            description = "Kraken WebSocket v2, for kraken:BASE/QUOTE entries of --symbols (default: ${DEFAULT-VALUE}).")
    URI krakenWsUrl;

    @Option(names = "--kraken-rest-url", defaultValue = "https://api.kraken.com",
            description = "Kraken REST API, where missed trades are fetched (default: ${DEFAULT-VALUE}).")
    URI krakenRestUrl;

    @Option(names = "--okx-ws-url", defaultValue = "wss://ws.okx.com:8443/ws/v5/public",
            description = "OKX v5 public WebSocket, for okx:BASE-QUOTE entries of --symbols (default: ${DEFAULT-VALUE}).")
    URI okxWsUrl;

    @Option(names = "--bybit-ws-url", defaultValue = "wss://stream.bybit.com/v5/public/spot",
            description = "Bybit v5 spot public WebSocket, for bybit:SYMBOL entries of --symbols (default: ${DEFAULT-VALUE}).")
    URI bybitWsUrl;

    @Option(names = "--bybit-rest-url", defaultValue = "https://api.bybit.com",
            description = "Bybit REST API, whose latest trades fill a reconnect's silence (default: ${DEFAULT-VALUE}).")
    URI bybitRestUrl;

    /** The endpoints by exchange, or a one-line error naming the flag. */
    Map<String, IngestConfig.VenueUrls> urls() {
        Map<String, IngestConfig.VenueUrls> urls = new HashMap<>();
        urls.put("coinbase", new IngestConfig.VenueUrls(
                require("--coinbase-ws-url", coinbaseWsUrl, "ws", "wss"), require("--coinbase-rest-url", coinbaseRestUrl, "http", "https")));
        urls.put("kraken", new IngestConfig.VenueUrls(require("--kraken-ws-url", krakenWsUrl, "ws", "wss"),
                require("--kraken-rest-url", krakenRestUrl, "http", "https")));
        // OKX is streamed only (its stream's ids cannot prove a gap), so its REST stays at the default.
        urls.put("okx", new IngestConfig.VenueUrls(require("--okx-ws-url", okxWsUrl, "ws", "wss"),
                IngestConfig.VENUES.get("okx").restUrl()));
        urls.put("bybit", new IngestConfig.VenueUrls(require("--bybit-ws-url", bybitWsUrl, "ws", "wss"),
                require("--bybit-rest-url", bybitRestUrl, "http", "https")));
        return urls;
    }

    private static URI require(String option, URI uri, String... schemes) {
        if (uri.getHost() != null && uri.getScheme() != null && List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return uri;
        }
        throw new UserError(option + " must be a " + String.join(" or ", schemes) + " URL with a host, got '" + uri + "'");
    }
}
