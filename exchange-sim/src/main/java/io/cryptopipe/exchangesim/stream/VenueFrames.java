package io.cryptopipe.exchangesim.stream;

import io.cryptopipe.exchangesim.SimTrade;

/** How a venue other than Binance writes a trade on its stream connections. */
interface VenueFrames {
    String trade(SimTrade trade);
}
