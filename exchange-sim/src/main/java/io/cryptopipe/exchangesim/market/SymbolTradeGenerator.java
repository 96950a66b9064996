package io.cryptopipe.exchangesim.market;

import java.util.SplittableRandom;

/**
 * The deterministic source of one symbol's trades. Each symbol draws from its own generator seeded by the
 * configured seed and the symbol name, so a symbol's trades do not depend on which other symbols are configured
 * or on how the clock batches them.
 */
final class SymbolTradeGenerator {

    /** Real Binance trade ids are in the billions; clients must cope with ids that large. */
    private static final long FIRST_ID_BASE = 1_000_000_000L;
    private static final long FIRST_ID_SPREAD = 1_000_000_000L;
    /** A typical trade moves the price by about 1/200000 of the opening price (BTC: ~40 cents). */
    private static final long STEP_FRACTION = 200_000;

    private final SymbolSpec spec;
    private final SplittableRandom random;
    private final long firstId;
    private final long stepTicks;
    private final double logMaxLots;
    private long price;

    SymbolTradeGenerator(SymbolSpec spec, long seed) {
        this.spec = spec;
        this.random = new SplittableRandom(seed ^ (spec.symbol().hashCode() * 0x9E3779B97F4A7C15L));
        this.firstId = FIRST_ID_BASE + random.nextLong(FIRST_ID_SPREAD);
        this.stepTicks = Math.max(1, spec.openPrice() / spec.tickSize() / STEP_FRACTION);
        this.logMaxLots = Math.log(spec.maxLots());
        this.price = spec.openPrice() / spec.tickSize() * spec.tickSize();
    }

    long firstId() {
        return firstId;
    }

    /** Draws the next trade; the caller supplies its id and time. */
    Draw next() {
        boolean buyerMaker = random.nextBoolean();
        // The aggressor pushes the price its way: sellers hitting bids (buyer is maker) move it down.
        long ticks = Math.round(Math.abs(random.nextGaussian()) * stepTicks);
        long step = ticks * spec.tickSize();
        long next = buyerMaker ? price - step : price + step;
        price = next >= spec.tickSize() ? next : price + step;
        // Log-uniform sizes: many small trades, a few large ones, as on a real book.
        long lots = Math.max(1, Math.min(spec.maxLots(), (long) Math.exp(random.nextDouble() * logMaxLots)));
        return new Draw(price, lots * spec.lotSize(), buyerMaker);
    }

    /** Price and quantity as {@link EightDecimals} longs. */
    record Draw(long price, long quantity, boolean buyerMaker) {
    }
}
