package io.cryptopipe.ingest.binance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Real Binance frames kept in src/test/resources/binance. */
final class Fixtures {
    private Fixtures() {
    }

    /** Every line of spot_trade_messages.jsonl: raw and combined {@code @trade} frames, with and without b/a. */
    static List<String> spotTradeFrames() {
        return read("spot_trade_messages.jsonl").lines().filter(line -> !line.isBlank()).toList();
    }

    /** The combined-stream frames among them, as a stream server sends them. */
    static List<String> combinedSpotTradeFrames() {
        return spotTradeFrames().stream().filter(line -> line.startsWith("{\"stream\"")).toList();
    }

    /** The fixture line that contains {@code fragment}; fails if there is not exactly one. */
    static String frameContaining(String fragment) {
        List<String> matches = spotTradeFrames().stream().filter(line -> line.contains(fragment)).toList();
        if (matches.size() != 1) {
            throw new IllegalStateException(matches.size() + " fixture lines contain " + fragment);
        }
        return matches.get(0);
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/binance/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource binance/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
