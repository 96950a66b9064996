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

    /** The endpoints by exchange, or a one-line error naming the flag. */
    Map<String, IngestConfig.VenueUrls> urls() {
        Map<String, IngestConfig.VenueUrls> urls = new HashMap<>();
        urls.put("coinbase", new IngestConfig.VenueUrls(
                require("--coinbase-ws-url", coinbaseWsUrl, "ws", "wss"), require("--coinbase-rest-url", coinbaseRestUrl, "http", "https")));
        return urls;
    }

    private static URI require(String option, URI uri, String... schemes) {
        if (uri.getHost() != null && uri.getScheme() != null && List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return uri;
        }
        throw new UserError(option + " must be a " + String.join(" or ", schemes) + " URL with a host, got '" + uri + "'");
    }
}
