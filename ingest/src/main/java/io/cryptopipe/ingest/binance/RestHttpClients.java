package io.cryptopipe.ingest.binance;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP clients for an exchange's REST API. On plain {@code http://} they speak HTTP/1.1 only: the JDK client
 * otherwise offers an h2c upgrade, which proxies, mock servers and some HTTP/1.1 servers refuse with 400. Over TLS
 * the version is negotiated (ALPN) and HTTP/2 is fine.
 */
public final class RestHttpClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private RestHttpClients() {
    }

    public static HttpClient forBase(URI restBase) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if ("http".equals(restBase.getScheme() == null ? "" : restBase.getScheme().toLowerCase(Locale.ROOT))) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder.build();
    }
}
