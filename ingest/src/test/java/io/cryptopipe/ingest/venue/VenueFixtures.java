package io.cryptopipe.ingest.venue;

import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Venues' documented frames kept in src/test/resources/<venue>. */
public final class VenueFixtures {
    private VenueFixtures() {
    }

    public static String read(String path) {
        try (InputStream in = VenueFixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one trade of a frame; fails on anything else. */
    public static Trade onlyTrade(List<ParseResult> results) {
        if (results.size() != 1 || !(results.get(0) instanceof ParseResult.Parsed parsed)) {
            throw new AssertionError("expected one trade, got " + results);
        }
        return parsed.trade();
    }
}
