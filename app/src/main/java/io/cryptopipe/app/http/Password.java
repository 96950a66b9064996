package io.cryptopipe.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The secret that guards the UI and API ({@code CRYPTOPIPE_PASSWORD}). Candidates are compared as SHA-256 digests
 * with {@link MessageDigest#isEqual}, so the time a comparison takes tells nothing about the secret.
 */
public final class Password {
    private final String user;
    private final byte[] digest;

    public Password(String user, String secret) {
        this.user = Objects.requireNonNull(user, "user");
        this.digest = sha256(Objects.requireNonNull(secret, "secret"));
    }

    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** @param authorization an {@code Authorization} header value, or null */
    public boolean matchesBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        // Both parts are always compared, so a wrong user name takes as long as a wrong password.
        boolean userMatches = colon >= 0 && MessageDigest.isEqual(sha256(user), sha256(credentials.substring(0, colon)));
        boolean secretMatches = colon >= 0 && matches(credentials.substring(colon + 1));
        return userMatches & secretMatches;
    }

    /** An {@code Authorization} header value that carries this user and {@code secret}. */
    public static String basicHeader(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
