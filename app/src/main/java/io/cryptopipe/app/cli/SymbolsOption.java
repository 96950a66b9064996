package io.cryptopipe.app.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses {@code --symbols BTCUSDT,ETHUSDT} into upper-case exchange symbols. */
final class SymbolsOption {
    static final String DEFAULT = "BTCUSDT,ETHUSDT,BNBUSDT,SOLUSDT,XRPUSDT";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");

    private SymbolsOption() {
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
