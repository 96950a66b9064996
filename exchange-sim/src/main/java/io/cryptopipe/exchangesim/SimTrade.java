package io.cryptopipe.exchangesim;

/**
 * One trade the simulated exchange executed, as Binance reports it: price and quantity are decimal strings with
 * exactly eight decimals ("83034.29000000"), times are epoch milliseconds.
 *
 * @param buyerMaker true when the buyer's order was resting on the book (the seller was the aggressor)
 */
public record SimTrade(String symbol, long id, String price, String quantity, long tradeTimeMs, boolean buyerMaker) {
}
