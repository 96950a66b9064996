package io.cryptopipe.exchangesim.stream;

/** What a venue does with the text messages a client sends on a stream connection (subscriptions, pings). */
interface SessionControl {
    void handle(StreamSession session, String message);
}
