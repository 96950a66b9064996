package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.ServeSettings;
import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The start of a connection: SSL and GSS encryption requests are declined ('N'), a CancelRequest is handed over, and
 * a v3 startup packet is checked (user {@value ServeSettings#USER}, database {@value ServeSettings#DATABASE}) and
 * authenticated: SCRAM-SHA-256 when a password is set, else trust for loopback clients only.
 */
final class StartupHandshake {
    private static final int PROTOCOL_3 = 196608;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    /** Receives the (process id, secret key) of a CancelRequest. */
    interface CancelRequests {
        void cancel(int processId, int secretKey);
    }

    private final Optional<String> password;
    private final SecureRandom random;

    StartupHandshake(Optional<String> password, SecureRandom random) {
        this.password = password;
        this.random = random;
    }

    /**
     * @return the startup parameters of an authenticated client, or empty if the connection only carried a
     * CancelRequest
     * @throws QueryRefused (to be sent as FATAL) if the client may not connect
     */
    Optional<Map<String, String>> perform(PgInput in, PgOutput out, InetAddress remote, CancelRequests cancels) throws IOException {
        while (true) {
            PgMessage packet = in.readStartup();
            int code = packet.int32();
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                out.rawByte('N');
                out.flush();
                continue;
            }
            if (code == CANCEL_REQUEST) {
                cancels.cancel(packet.int32(), packet.int32());
                return Optional.empty();
            }
            if (code >>> 16 != 3) {
                throw new QueryRefused(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                        + (code >>> 16) + "." + (code & 0xFFFF) + ": this server speaks 3.0");
            }
            Map<String, String> parameters = parameters(packet);
            authenticate(in, out, remote);
            return Optional.of(parameters);
        }
    }

    private static Map<String, String> parameters(PgMessage packet) {
        Map<String, String> parameters = new LinkedHashMap<>();
        while (packet.hasRemaining()) {
            String name = packet.cstring();
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, packet.cstring());
        }
        String user = parameters.get("user");
        if (!ServeSettings.USER.equals(user)) {
            throw new QueryRefused(SqlState.INVALID_AUTHORIZATION, "role \"" + user + "\" does not exist: connect as user "
                    + ServeSettings.USER);
        }
        String database = parameters.getOrDefault("database", user);
        if (!ServeSettings.DATABASE.equals(database)) {
            throw new QueryRefused(SqlState.INVALID_CATALOG_NAME, "database \"" + database
                    + "\" does not exist: connect to database " + ServeSettings.DATABASE);
        }
        return parameters;
    }

    private void authenticate(PgInput in, PgOutput out, InetAddress remote) throws IOException {
        if (password.isEmpty()) {
            if (!remote.isLoopbackAddress()) {
                throw new QueryRefused(SqlState.INVALID_AUTHORIZATION, "connections from " + remote.getHostAddress()
                        + " need a password: start the pipeline with CRYPTOPIPE_PASSWORD set");
            }
            out.authentication(0, null);
            return;
        }
        out.authentication(10, (ScramSha256.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        PgMessage initial = in.read();
        if (initial.type() != 'p') {
            throw new QueryRefused(SqlState.INVALID_PASSWORD, "expected a SCRAM-SHA-256 answer: this server "
                    + "authenticates with SCRAM-SHA-256 only (not md5 or a clear-text password); use a client that supports it");
        }
        String mechanism = initial.cstring();
        if (!ScramSha256.MECHANISM.equals(mechanism)) {
            throw new QueryRefused(SqlState.INVALID_AUTHORIZATION, "authentication mechanism " + mechanism
                    + " is not offered: this server authenticates with SCRAM-SHA-256 only");
        }
        byte[] clientFirst = initial.bytes(initial.int32());
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        ScramSha256 scram = new ScramSha256(password.get(), salt, Base64.getEncoder().encodeToString(nonce));
        String serverFirst = scram.serverFirst(new String(clientFirst == null ? new byte[0] : clientFirst, StandardCharsets.UTF_8));
        out.authentication(11, serverFirst.getBytes(StandardCharsets.UTF_8));
        out.flush();
        PgMessage response = in.read();
        if (response.type() != 'p') {
            throw ScramSha256.wrongPassword();
        }
        String clientFinal = new String(response.bytes(response.body().remaining()), StandardCharsets.UTF_8);
        out.authentication(12, scram.serverFinal(clientFinal).getBytes(StandardCharsets.UTF_8));
        out.authentication(0, null);
    }
}
