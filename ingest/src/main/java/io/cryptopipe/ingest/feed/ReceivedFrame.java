package io.cryptopipe.ingest.feed;

import java.net.URI;

/**
 * One complete text message as it came off an exchange connection.
 *
 * @param receiveTimeMicros epoch microseconds when its last fragment arrived
 * @param source the endpoint it came from, without the query (stream lists can be kilobytes long)
 */
public record ReceivedFrame(String text, long receiveTimeMicros, URI source) {
}
