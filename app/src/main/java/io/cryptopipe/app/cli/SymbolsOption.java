package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code --symbols BTCUSDT,ETHUSDT} into upper-case exchange symbols, or resolves {@code all} /
 * {@code all:USDT} to the symbols the exchange lists as TRADING.
 */
final class SymbolsOption {
    private static final Logger log = LoggerFactory.getLogger(SymbolsOption.class);
    static final String DEFAULT = "BTCUSDT,ETHUSDT,BNBUSDT,SOLUSDT,XRPUSDT";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");

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
                .map(s -> s.toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        if (symbols.isEmpty()) {
            throw new UserError("--symbols is empty: pass a comma-separated list such as " + DEFAULT);
        }
        for (String symbol : symbols) {
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new UserError("--symbols has an invalid symbol '" + symbol + "': use exchange symbols such as BTCUSDT");
            }
        }
        return symbols;
    }
}
