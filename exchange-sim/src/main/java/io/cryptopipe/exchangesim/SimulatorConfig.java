package io.cryptopipe.exchangesim;

import io.cryptopipe.exchangesim.market.SymbolSpec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator listens on and how it trades. Validated once here; every message names the offending field.
 *
 * @param host                  address to bind, normally loopback
 * @param port                  TCP port; 0 picks a free ephemeral port (see {@link ExchangeSimulator#port()})
 * @param symbols               upper-case Binance symbols such as BTCUSDT, each ending in a known quote asset
 * @param tradesPerSecond       total trade rate across all symbols (split evenly), at most {@value #MAX_TRADES_PER_SECOND}
 * @param seed                  fixes every symbol's sequence of trade ids, prices, quantities and sides
 * @param maxTradesPerSymbol    the clock stops once every symbol has traded this many times; 0 means never stop
 * @param historyLimitPerSymbol how many of each symbol's most recent trades stay queryable over REST and
 *                              {@link ExchangeSimulator#history(String)}
 * @param faults                misbehaviours to show clients; {@link FaultPlan#NONE} for none
 * @param lateListings          symbols of {@code symbols} the exchange lists only this long after trading starts, as a
 *                              new listing: absent from exchangeInfo and silent until then, with trade ids from 0
 */
public record SimulatorConfig(String host, int port, List<String> symbols, double tradesPerSecond, long seed,
                              long maxTradesPerSymbol, int historyLimitPerSymbol, FaultPlan faults,
                              Map<String, Duration> lateListings) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Fixed rather than ephemeral so a standalone {@code ./cryptopipe sim} has an address people can type. */
    public static final int DEFAULT_PORT = 8765;
    public static final double DEFAULT_TRADES_PER_SECOND = 50;
    public static final long DEFAULT_SEED = 42;
    /** About 5 MB of memory per symbol. */
    public static final int DEFAULT_HISTORY_LIMIT_PER_SYMBOL = 200_000;
    public static final double MAX_TRADES_PER_SECOND = 1_000_000;
    public static final int MAX_HISTORY_LIMIT_PER_SYMBOL = 10_000_000;

    public SimulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        symbols = validSymbols(symbols);
        if (!(tradesPerSecond > 0) || Double.isInfinite(tradesPerSecond)) {
            throw new IllegalArgumentException("tradesPerSecond must be > 0, got " + plain(tradesPerSecond));
        }
        if (tradesPerSecond > MAX_TRADES_PER_SECOND) {
            throw new IllegalArgumentException("tradesPerSecond must be <= " + plain(MAX_TRADES_PER_SECOND)
                    + ", got " + plain(tradesPerSecond));
        }
        if (maxTradesPerSymbol < 0) {
            throw new IllegalArgumentException("maxTradesPerSymbol must be >= 0 (0 = unlimited), got " + maxTradesPerSymbol);
        }
        if (historyLimitPerSymbol < 1 || historyLimitPerSymbol > MAX_HISTORY_LIMIT_PER_SYMBOL) {
            throw new IllegalArgumentException("historyLimitPerSymbol must be between 1 and "
                    + MAX_HISTORY_LIMIT_PER_SYMBOL + ", got " + historyLimitPerSymbol);
        }
        if (faults == null) {
            throw new IllegalArgumentException("faults must not be null (use FaultPlan.NONE)");
        }
        lateListings = Map.copyOf(lateListings == null ? Map.of() : lateListings);
        for (Map.Entry<String, Duration> listing : lateListings.entrySet()) {
            if (!symbols.contains(listing.getKey())) {
                throw new IllegalArgumentException("lateListings names " + listing.getKey() + ", which is not one of the symbols " + symbols);
            }
            if (listing.getValue().isNegative()) {
                throw new IllegalArgumentException("lateListings delay of " + listing.getKey() + " must be >= 0, got " + listing.getValue());
            }
        }
        if (lateListings.keySet().containsAll(symbols)) {
            throw new IllegalArgumentException("lateListings must leave at least one symbol listed from the start");
        }
    }

    /** Every symbol listed from the start. */
    public SimulatorConfig(String host, int port, List<String> symbols, double tradesPerSecond, long seed,
                           long maxTradesPerSymbol, int historyLimitPerSymbol, FaultPlan faults) {
        this(host, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, historyLimitPerSymbol, faults, Map.of());
    }

    /** A well-behaved exchange. */
    public SimulatorConfig(String host, int port, List<String> symbols, double tradesPerSecond, long seed,
                           long maxTradesPerSymbol, int historyLimitPerSymbol) {
        this(host, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, historyLimitPerSymbol, FaultPlan.NONE);
    }

    /** The history limit defaults to {@value #DEFAULT_HISTORY_LIMIT_PER_SYMBOL} trades per symbol. */
    public SimulatorConfig(String host, int port, List<String> symbols, double tradesPerSecond, long seed,
                           long maxTradesPerSymbol) {
        this(host, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, DEFAULT_HISTORY_LIMIT_PER_SYMBOL,
                FaultPlan.NONE);
    }

    /**
     * {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}, {@value #DEFAULT_TRADES_PER_SECOND} trades/s in total, seed
     * {@value #DEFAULT_SEED}, trading without end, {@value #DEFAULT_HISTORY_LIMIT_PER_SYMBOL} trades of history per
     * symbol.
     */
    public static SimulatorConfig defaults(List<String> symbols) {
        return new SimulatorConfig(DEFAULT_HOST, DEFAULT_PORT, symbols, DEFAULT_TRADES_PER_SECOND, DEFAULT_SEED, 0,
                DEFAULT_HISTORY_LIMIT_PER_SYMBOL, FaultPlan.NONE);
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, historyLimitPerSymbol, faults, lateListings);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, symbols, tradesPerSecond, seed, maxTradesPerSymbol, historyLimitPerSymbol, faults, lateListings);
    }

    public SimulatorConfig withTradesPerSecond(double rate) {
        return new SimulatorConfig(host, port, symbols, rate, seed, maxTradesPerSymbol, historyLimitPerSymbol, faults, lateListings);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(host, port, symbols, tradesPerSecond, newSeed, maxTradesPerSymbol, historyLimitPerSymbol, faults, lateListings);
    }

    public SimulatorConfig withMaxTradesPerSymbol(long max) {
        return new SimulatorConfig(host, port, symbols, tradesPerSecond, seed, max, historyLimitPerSymbol, faults, lateListings);
    }

    public SimulatorConfig withHistoryLimit(int tradesPerSymbol) {
        return new SimulatorConfig(host, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, tradesPerSymbol, faults, lateListings);
    }

    public SimulatorConfig withFaults(FaultPlan plan) {
        return new SimulatorConfig(host, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, historyLimitPerSymbol, plan, lateListings);
    }

    public SimulatorConfig withLateListings(Map<String, Duration> listings) {
        return new SimulatorConfig(host, port, symbols, tradesPerSecond, seed, maxTradesPerSymbol, historyLimitPerSymbol, faults, listings);
    }

    private static List<String> validSymbols(List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new IllegalArgumentException("symbols must list at least one symbol such as BTCUSDT");
        }
        Set<String> seen = new HashSet<>();
        for (String symbol : symbols) {
            if (symbol != null && symbol.indexOf(':') > 0) {
                if (!symbol.matches("(coinbase|okx):[A-Z0-9]{1,12}-[A-Z0-9]{1,12}|kraken:[A-Z0-9]{1,12}/[A-Z0-9]{1,12}|bybit:[A-Z0-9]{2,20}")
                        || SymbolSpec.venueAssetsOf(symbol).isEmpty()) {
                    throw new IllegalArgumentException("venue symbols must be coinbase:BTC-USD, kraken:BTC/USD, okx:BTC-USDT"
                            + " or bybit:BTCUSDT (with a known quote asset), got " + symbol);
                }
                if (!seen.add(symbol)) {
                    throw new IllegalArgumentException("symbols must not repeat, got " + symbol + " twice");
                }
                continue;
            }
            if (symbol == null || !symbol.matches("[A-Z0-9]{2,20}")) {
                throw new IllegalArgumentException("symbols must be upper-case letters and digits like BTCUSDT, got " + symbol);
            }
            if (SymbolSpec.quoteAssetOf(symbol).isEmpty()) {
                throw new IllegalArgumentException("symbols must end with a known quote asset "
                        + SymbolSpec.QUOTE_ASSETS + ", got " + symbol);
            }
            if (!seen.add(symbol)) {
                throw new IllegalArgumentException("symbols must not repeat, got " + symbol + " twice");
            }
        }
        return List.copyOf(symbols);
    }

    private static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
