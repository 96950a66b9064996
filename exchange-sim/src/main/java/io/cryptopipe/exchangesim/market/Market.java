package io.cryptopipe.exchangesim.market;

import io.cryptopipe.exchangesim.SimTrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every configured symbol's order flow and history. Trades are dealt round-robin over the symbols that have not
 * reached their cap, so the total rate is split evenly. Only the clock thread calls {@link #trade}.
 */
public final class Market {

    private final Map<String, Book> books = new LinkedHashMap<>();
    /** Symbols not listed yet: no trades, not in exchangeInfo. Changed by {@link #list} from another thread. */
    private final Set<String> unlisted = ConcurrentHashMap.newKeySet();
    private final long maxTradesPerSymbol;
    private int nextBook;

    private record Book(SymbolSpec spec, SymbolTradeGenerator generator, TradeHistory history) {
    }

    /** @param maxTradesPerSymbol 0 for unlimited */
    public Market(List<String> symbols, long seed, long maxTradesPerSymbol, int historyLimitPerSymbol) {
        this(symbols, seed, maxTradesPerSymbol, historyLimitPerSymbol, Map.of());
    }

    /** @param continueAfter per symbol, the id its first trade follows; others start where the seed says */
    public Market(List<String> symbols, long seed, long maxTradesPerSymbol, int historyLimitPerSymbol,
                  Map<String, Long> continueAfter) {
        this.maxTradesPerSymbol = maxTradesPerSymbol;
        for (String symbol : symbols) {
            SymbolSpec spec = SymbolSpec.of(symbol);
            SymbolTradeGenerator generator = new SymbolTradeGenerator(spec, seed);
            Long after = continueAfter.get(symbol);
            long firstId = after == null ? generator.firstId() : after + 1;
            books.put(symbol, new Book(spec, generator, new TradeHistory(symbol, firstId, historyLimitPerSymbol)));
        }
    }

    /** Keeps {@code symbol} off the market until {@link #list}: it neither trades nor shows in {@link #specs()}. */
    public void unlist(String symbol) {
        if (!books.containsKey(symbol)) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        unlisted.add(symbol);
    }

    /** Lists {@code symbol}: it trades from the next tick on. */
    public void list(String symbol) {
        unlisted.remove(symbol);
    }

    /** Executes up to {@code count} trades at {@code timeMs}; fewer once symbols reach their cap. */
    public List<SimTrade> trade(int count, long timeMs) {
        List<Book> open = books.values().stream().filter(this::open).filter(this::listed).toList();
        List<SimTrade> trades = new ArrayList<>(count);
        while (trades.size() < count && !open.isEmpty()) {
            Book book = open.get(nextBook++ % open.size());
            SymbolTradeGenerator.Draw draw = book.generator().next();
            trades.add(book.history().append(draw.price(), draw.quantity(), timeMs, draw.buyerMaker()));
            if (!open(book)) {
                open = open.stream().filter(this::open).toList();
            }
        }
        return trades;
    }

    /** True once every symbol reached its cap; never true when trading is unlimited. */
    public boolean finished() {
        return maxTradesPerSymbol > 0 && books.values().stream().noneMatch(this::open);
    }

    /** The listed symbols. */
    public List<SymbolSpec> specs() {
        return books.values().stream().filter(this::listed).map(Book::spec).toList();
    }

    private boolean listed(Book book) {
        return !unlisted.contains(book.spec().symbol());
    }

    public Optional<TradeHistory> history(String symbol) {
        return Optional.ofNullable(books.get(symbol)).map(Book::history);
    }

    private boolean open(Book book) {
        return maxTradesPerSymbol == 0 || book.history().tradeCount() < maxTradesPerSymbol;
    }
}
