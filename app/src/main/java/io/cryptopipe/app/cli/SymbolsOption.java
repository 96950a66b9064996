package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import io.cryptopipe.ingest.trade.StreamKey;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code --symbols BTCUSDT,coinbase:BTC-USD} into the trades topic's keys: an unqualified (or
 * {@code binance:}) symbol is Binance's, upper case; another venue's is {@code exchange:SYMBOL} with the symbol as
 * that venue writes it, upper case. {@code all} / {@code all:USDT} resolve to the symbols Binance lists as TRADING.
 */
final class SymbolsOption {
    private static final Logger log = LoggerFactory.getLogger(SymbolsOption.class);
    static final String DEFAULT = "BTCUSDT,ETHUSDT,BNBUSDT,SOLUSDT,XRPUSDT";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
    /** BTC-USD, BTC/USD, BTC-USDT, BTCUSDT: letters and digits, with a '-' or '/' between base and quote. */
    private static final Pattern VENUE_SYMBOL = Pattern.compile("[A-Z0-9]{1,20}([-/][A-Z0-9]{1,20})?");

    private SymbolsOption() {
    }

    /** A list as {@link #parse}, or a selector resolved once through the exchange's REST API. */
    static List<String> resolve(String value, URI restUrl) {
        if (!SymbolDiscovery.isSelector(value)) {
            return parse(value);
        }
        try {
            List<String> found = new SymbolDiscovery(RestHttpClients.forBase(restUrl)).resolve(restUrl, value);
            log.info("--symbols {}: {} symbols from {}",
                    value, found.size(), restUrl);
            return found;
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), ExitCodes.WORK_FAILED);
        }
    }

    static List<String> parse(String value) {
        List<String> symbols = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(SymbolsOption::key)
                .distinct()
                .toList();
        if (symbols.isEmpty()) {
            throw new UserError("--symbols is empty: pass a comma-separated list such as " + DEFAULT);
        }
        return symbols;
    }

    private static String key(String entry) {
        int colon = entry.indexOf(':');
        String exchange = colon < 0 ? StreamKey.BINANCE : entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String symbol = entry.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
        if (exchange.equals(StreamKey.BINANCE)) {
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new UserError("--symbols has an invalid symbol '" + symbol + "': use exchange symbols such as BTCUSDT");
            }
            return symbol;
        }
        if (!IngestConfig.VENUES.containsKey(exchange)) {
            throw new UserError("--symbols names an unknown exchange in '" + entry + "': use binance or one of "
                    + new TreeSet<>(IngestConfig.VENUES.keySet()) + ", e.g. coinbase:BTC-USD");
        }
        if (!VENUE_SYMBOL.matcher(symbol).matches()) {
            throw new UserError("--symbols has an invalid symbol '" + entry + "': write it as the venue does, e.g. coinbase:BTC-USD");
        }
        return StreamKey.of(exchange, symbol);
    }
}
