package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it: the user name inside the
 * SCRAM messages is ignored (the startup packet names the user), channel binding is not offered.
 */
final class ScramSha256 {
    static final String MECHANISM = "SCRAM-SHA-256";
    static final int ITERATIONS = 4096;

    private final byte[] saltedPassword;
    private final byte[] salt;
    private final String serverNonce;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /**
     * @param serverNonce printable characters without ','; random per exchange (fixed only in tests against
     *                    RFC 7677's example)
     */
    ScramSha256(String password, byte[] salt, String serverNonce) {
        this.salt = salt.clone();
        this.serverNonce = serverNonce;
        this.saltedPassword = hi(password, salt, ITERATIONS);
    }

    /** @return the server-first-message for the client-first-message */
    String serverFirst(String clientFirst) {
        if (clientFirst.startsWith("p=")) {
            throw new QueryRefused(SqlState.INVALID_AUTHORIZATION, "channel binding is not supported: connect with channel_binding=disable or prefer");
        }
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "malformed SCRAM client-first-message");
        }
        int bareStart = clientFirst.indexOf(',', 2);
        if (bareStart < 0) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "malformed SCRAM client-first-message");
        }
        clientFirstBare = clientFirst.substring(bareStart + 1);
        String clientNonce = attributes(clientFirstBare).get("r");
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "SCRAM client-first-message without a nonce");
        }
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return serverFirst;
    }

    /**
     * @return the server-final-message ({@code v=<server signature>}) once the client's proof holds
     * @throws QueryRefused with 28P01 if the proof does not match the password
     */
    String serverFinal(String clientFinal) {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0 || serverFirst == null) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "malformed SCRAM client-final-message");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<String, String> attributes = attributes(withoutProof);
        if (!nonce.equals(attributes.get("r"))) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "SCRAM nonce mismatch");
        }
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            throw wrongPassword();
        }
        byte[] recoveredClientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            recoveredClientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(sha256(recoveredClientKey), storedKey)) {
            throw wrongPassword();
        }
        byte[] serverSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    static QueryRefused wrongPassword() {
        return new QueryRefused(SqlState.INVALID_PASSWORD, "password authentication failed for user \"cryptopipe\"");
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.put(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }

    private static byte[] hi(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
