package io.cryptopipe.exchangesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** A JDK WebSocket client that records every text message, for driving the simulator like a real consumer. */
final class StreamClient implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket webSocket;

    private StreamClient(boolean reading) {
        this.reading = reading;
    }

    static StreamClient connect(HttpClient http, URI uri) {
        return open(http, uri, true);
    }

    /** A client that never reads, so the server's frames pile up as with a stalled consumer. */
    static StreamClient connectWithoutReading(HttpClient http, URI uri) {
        return open(http, uri, false);
    }

    private static StreamClient open(HttpClient http, URI uri, boolean reading) {
        StreamClient client = new StreamClient(reading);
        client.webSocket = http.newWebSocketBuilder().buildAsync(uri, client).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket socket) {
        if (reading) {
            socket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeStatus.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closeStatus.completeExceptionally(error);
    }

    void send(String text) {
        webSocket.sendText(text, true).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** The next message, failing the test if none arrives in time. */
    String next() {
        try {
            String message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                fail("no message within " + TIMEOUT_SECONDS + " s");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode nextJson() {
        return parse(next());
    }

    List<JsonNode> nextJson(int count) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(nextJson());
        }
        return out;
    }

    /** Skips trade events until the reply to control request {@code id} arrives. */
    JsonNode replyTo(int id) {
        while (true) {
            JsonNode message = nextJson();
            if (message.has("id") && message.get("id").asInt() == id && !message.has("e")) {
                return message;
            }
        }
    }

    boolean receivedNothing() {
        return messages.isEmpty();
    }

    void discardReceived() {
        messages.clear();
    }

    CompletableFuture<Integer> closeStatus() {
        return closeStatus;
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        webSocket.abort();
    }
}
