package io.cryptopipe.ingest.binance;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns the JDK client's exceptions, which often carry no message, into one line a user can act on. */
final class ConnectFailures {
    static final int UNAVAILABLE_FOR_LEGAL_REASONS = 451;

    private ConnectFailures() {
    }

    static OptionalInt handshakeStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException handshake) {
                return OptionalInt.of(handshake.getResponse().statusCode());
            }
        }
        return OptionalInt.empty();
    }

    static String restrictedLocation(URI endpoint) {
        return "Binance refused the connection with HTTP 451 (restricted location) at " + endpoint
                + ": use --binance-ws-url wss://stream.binance.us:9443 or another host,"
                + " or --source sim for the offline simulator";
    }

    /** The most telling cause in the chain, e.g. "host stream.binance.com cannot be resolved". */
    static String describe(Throwable error, URI endpoint) {
        Throwable last = unwrap(error);
        for (Throwable t = last; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "host " + endpoint.getHost() + " cannot be resolved (UnknownHostException: no DNS or no network)";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed (" + oneLine(t) + ")";
            }
            if (t instanceof ClosedChannelException) {
                return "connection refused or closed";
            }
            last = t;
        }
        return oneLine(last);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.lines().findFirst().orElse("");
    }
}
