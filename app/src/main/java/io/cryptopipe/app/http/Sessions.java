package io.cryptopipe.app.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sessions opened on the login page. A session is a random token in an HttpOnly cookie; only its
 * SHA-256 is kept, so a lookup's timing tells nothing about live tokens. Sessions end after {@link #LIFETIME} or
 * when the pipeline stops.
 */
final class Sessions {
    static final Duration LIFETIME = Duration.ofHours(12);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** @return the new session's token */
    String open() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        byte[] token = new byte[32];
        random.nextBytes(token);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        expiries.put(key(encoded), now.plus(LIFETIME));
        return encoded;
    }

    boolean isOpen(String token) {
        if (token == null) {
            return false;
        }
        Instant expiry = expiries.get(key(token));
        return expiry != null && expiry.isAfter(clock.instant());
    }

    private static String key(String token) {
        return HexFormat.of().formatHex(Password.sha256(token));
    }
}
