package io.cryptopipe.ingest.binance;

/** The unit Binance stamps stream event and trade times in, chosen by the {@code timeUnit} URL parameter. */
public enum StreamTimeUnit {
    MILLISECOND,
    MICROSECOND
}
