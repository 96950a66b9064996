package io.cryptopipe.ingest.binance;

/**
 * Recognises Binance's early-close notice, raw {@code {"e":"serverShutdown",...}} or combined
 * {@code {"stream":"!serverShutdown","data":{...}}}, without parsing: it runs on the socket thread for every frame,
 * and no trade frame can contain the quoted word (symbols are letters and digits).
 */
final class ServerShutdownNotice {
    private static final String EVENT = "serverShutdown\"";

    private ServerShutdownNotice() {
    }

    static boolean matches(String frame) {
        return frame.length() < 256 && frame.contains(EVENT);
    }
}
